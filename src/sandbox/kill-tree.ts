// Ending a whole process tree: SIGTERM to every process under the root, a grace period, then SIGKILL.
// Processes inside a PID namespace are found through the host's /proc by parent pid.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
}

function readProcs(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm is in parentheses and may itself contain spaces or parentheses: split after the last ')'.
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(fields[1]), comm: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // it exited while we looked
    }
  }
  return out;
}

/** Every descendant of `root` (host pids, parents before children), with its command name. */
export function descendants(root: number): ProcInfo[] {
  const procs = readProcs();
  const byParent = new Map<number, ProcInfo[]>();
  for (const p of procs) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const out: ProcInfo[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of byParent.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child.pid);
    }
  }
  return out;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

export interface KillTreeOptions {
  graceMs: number;
  /** Keep these pids alive during the TERM phase (bwrap's monitor and PID-1 must outlive the command). */
  spare?: (p: ProcInfo) => boolean;
  /** Also SIGKILL the root at the end. */
  killRoot: boolean;
  /** SIGKILL the spared processes too in the KILL phase (bwrap: its death ends the PID namespace). */
  killSpared?: boolean;
}

/** TERM every descendant, wait the grace period, KILL what is left. Resolves when done. */
export async function killTree(root: number, options: KillTreeOptions): Promise<void> {
  const spare = options.spare ?? (() => false);
  for (const p of descendants(root)) if (!spare(p)) signal(p.pid, 'SIGTERM');
  const deadline = Date.now() + options.graceMs;
  while (Date.now() < deadline) {
    if (descendants(root).every(spare)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  for (const p of descendants(root).reverse()) if (options.killSpared || !spare(p)) signal(p.pid, 'SIGKILL');
  if (options.killRoot) signal(root, 'SIGKILL');
}
