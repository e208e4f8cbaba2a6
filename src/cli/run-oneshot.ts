// One command, like `bash -c`: output streams live, stdin passes through, the window size and signals
// follow the caller, and the exit code is the command's own (or 124/125/126/127, see run-args.ts).
import { fstatSync, statSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { IPty } from 'node-pty';
import { runCommand } from '../run.js';
import { probeNamespaces } from '../sandbox/host.js';
import { descendants } from '../sandbox/kill-tree.js';
import type { RunArgs } from './run-args.js';
import type { RunContext } from './run-context.js';

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/**
 * node-pty logs "Unhandled pty write error" when input queued before the command exited is flushed
 * after the PTY closed (EBADF). That input had no reader left; the line would only confuse an agent
 * reading stderr. Every other error still prints.
 */
function quietClosedPtyWrites(): void {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    if (args[0] === 'Unhandled pty write error' && (args[1] as NodeJS.ErrnoException | undefined)?.code === 'EBADF') return;
    original(...args);
  };
}

/** True when stdin is /dev/null (agent harnesses often start commands so): nothing to forward, and
 *  process.stdin would load Node's file-stream modules just to read nothing (~2 ms of a one-shot start). */
function stdinIsDevNull(): boolean {
  try {
    const stdin = fstatSync(0);
    return stdin.isCharacterDevice() && stdin.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}

function wire(pty: IPty): () => void {
  quietClosedPtyWrites();
  const cleanups: Array<() => void> = [];
  // Nothing is written once the command has exited: node-pty would write to a closed fd (EBADF noise).
  let exited = false;
  const exitListener = pty.onExit(() => {
    exited = true;
  });
  cleanups.push(() => exitListener.dispose());
  // A pipe's end becomes ^D for the command (twice if the last line was not terminated).
  let last = 0x0a;
  const onEnd = (): void => {
    if (!exited) pty.write(last === 0x0a ? '\x04' : '\x04\x04');
  };
  if (stdinIsDevNull()) {
    onEnd();
  } else {
    const stdin = process.stdin;
    if (stdin.isTTY) {
      stdin.setRawMode(true);
      cleanups.push(() => stdin.setRawMode(false));
    }
    stdin.on('data', (d: Buffer) => {
      last = d[d.length - 1] ?? last;
      if (!exited) pty.write(d);
    });
    stdin.on('end', onEnd);
    cleanups.push(() => {
      stdin.removeAllListeners('data');
      stdin.removeListener('end', onEnd);
      stdin.pause();
      stdin.unref?.();
    });
  }
  if (process.stdout.isTTY) {
    const onResize = (): void => pty.resize(process.stdout.columns, process.stdout.rows);
    process.stdout.on('resize', onResize);
    cleanups.push(() => process.stdout.off('resize', onResize));
  }
  for (const sig of FORWARDED) {
    // The sandboxed processes get the signal; bwrap itself keeps running so it can report their status.
    const handler = (): void => {
      for (const p of descendants(pty.pid)) if (p.comm !== 'bwrap') process.kill(p.pid, sig);
    };
    process.on(sig, handler);
    cleanups.push(() => process.off(sig, handler));
  }
  return () => cleanups.forEach((c) => c());
}

/** Runs the command and returns the exit code to use. Prints refusals to stderr. */
export async function runOneShot(ctx: RunContext, command: string, args: RunArgs): Promise<number> {
  let unwire = (): void => {};
  let pty: IPty | undefined;
  // Pipes instead of a terminal: the PTY would echo piped input into the output and turn \n into \r\n.
  // The launcher switches both off before the command starts; stdin is forwarded from then on.
  const ttyModes = [...(isatty(0) ? [] : ['-echo']), ...(isatty(1) ? [] : ['-onlcr'])];
  const emit = (chunk: Buffer): void => {
    // Backpressure: a slow reader pauses the PTY instead of growing our memory.
    if (!process.stdout.write(chunk) && pty) {
      const paused = pty;
      paused.pause();
      process.stdout.once('drain', () => paused.resume());
    }
  };
  const result = await runCommand(command, {
    profile: ctx.profile,
    workdir: ctx.workdir,
    sessionId: ctx.sessionId,
    approver: ctx.approver,
    audit: ctx.audit,
    protect: ctx.protect,
    tools: ctx.tools,
    ...(args.argv ? { argv: args.argv } : {}),
    ...(args.timeoutSeconds ? { timeoutMs: args.timeoutSeconds * 1000 } : {}),
    ...(process.stdout.isTTY ? { cols: process.stdout.columns, rows: process.stdout.rows } : {}),
    ttyModes,
    onSpawn: (p) => {
      pty = p;
    },
    onReady: (p) => {
      unwire = wire(p);
    },
    onData: emit,
  });
  unwire();
  if (result.refusal !== null) {
    process.stderr.write(`argent-run: refused: ${result.refusal}\n`);
    return 126;
  }
  if (result.timedOut) process.stderr.write(`argent-run: timed out; the command and its processes were killed\n`);
  // bwrap's own failure (no namespaces) exits 1 with "bwrap: ..." before the command ever ran.
  if (result.exitCode === 1 && result.output.subarray(0, 7).toString() === 'bwrap: ') {
    probeNamespaces(ctx.tools); // throws SANDBOX_UNAVAILABLE (125) with the install command
  }
  return result.exitCode;
}
