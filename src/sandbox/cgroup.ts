// A pids cgroup per sandbox, for callers that are root. RLIMIT_NPROC exempts the host's root user
// (the kernel skips the check for INIT_USER, and uid 0 in bwrap's user namespace IS host uid 0), so for
// root the process limit is enforced by the pids controller instead. Measured on this host: with
// `ulimit -u 20` inside bwrap as root, 40 of 40 forks succeeded.
import { existsSync, mkdirSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from '../util/random.js';

export interface PidsCgroup {
  /**
   * The file the launcher writes "0" (itself) into before starting bwrap. cgroup v1: `tasks`, which moves
   * one thread; the launcher is single-threaded bash, so that is the whole process, and the kernel then
   * skips its process-wide migration lock and the RCU grace period that lock waits for (measured here:
   * ~0.2 ms instead of 12-20 ms per command). cgroup v2 (no `tasks`): cgroup.procs.
   */
  procs: string;
  /** Removes the (empty) cgroup; retried briefly while the last processes are reaped. */
  remove(): Promise<void>;
}

const ROOTS = ['/sys/fs/cgroup/pids', '/sys/fs/cgroup'];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes empty cgroups left by argent-run processes that are gone (killed before they could clean up). */
function sweep(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^argent-(\d+)-[0-9a-f]{8}$/.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    try {
      rmdirSync(`${root}/${name}`); // fails (EBUSY) while any process is still in it: then it stays
    } catch {
      // not empty or already gone
    }
  }
}

/** Creates a pids cgroup limited to `max` processes, or returns null where none can be made. */
export function createPidsCgroup(max: number): PidsCgroup | null {
  for (const root of ROOTS) {
    if (!existsSync(`${root}/cgroup.procs`)) continue;
    sweep(root);
    // cgroup v2 needs the pids controller enabled for children; v1 has pids.max in every child.
    const dir = `${root}/argent-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      mkdirSync(dir);
    } catch {
      continue;
    }
    try {
      writeFileSync(`${dir}/pids.max`, String(max));
    } catch {
      try {
        rmdirSync(dir);
      } catch {
        // leave it
      }
      continue;
    }
    return {
      procs: existsSync(`${dir}/tasks`) ? `${dir}/tasks` : `${dir}/cgroup.procs`,
      remove: async () => {
        for (let i = 0; i < 40; i++) {
          try {
            rmdirSync(dir);
            return;
          } catch {
            await new Promise((r) => setTimeout(r, 25));
          }
        }
      },
    };
  }
  return null;
}

/** True when RLIMIT_NPROC does not confine this caller (root), so a pids cgroup is needed. */
export function needsPidsCgroup(): boolean {
  return process.getuid?.() === 0;
}
