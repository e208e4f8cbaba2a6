// Runs one LaunchSpec in its own pseudo-terminal: output streamed as it comes and kept up to a cap,
// the window size followed, a wall-clock timeout that ends the whole tree, and the exit status as the
// shell reports it (128+n after a signal).
import { constants } from 'node:os';
import type { IPty } from 'node-pty';
import { ArgentError } from '../errors.js';
import { monotonicMs } from '../util/clock.js';
import { killTree } from './kill-tree.js';
import type { LaunchSpec } from './launch.js';
import { MarkerStream } from './marker-stream.js';

export interface RunResult {
  exitCode: number;
  /** The signal that ended the command, when one did ("SIGKILL"). */
  signal: string | null;
  timedOut: boolean;
  /** Which resource limit ended it, when the runner can tell ("timeout"). */
  limitHit: string | null;
  durationMs: number;
  /** Output kept for the result (PTY output: stdout and stderr merged), up to the cap. */
  output: Buffer;
  outputBytes: number;
  truncated: boolean;
}

export interface PtyRunOptions {
  timeoutMs: number;
  /** Time between SIGTERM and SIGKILL when the timeout fires. */
  graceMs?: number;
  /** How much output to keep for the result; beyond it `truncated` is true (streaming goes on). */
  outputCap?: number;
  cols?: number;
  rows?: number;
  onData?: (chunk: Buffer) => void;
  /** Called with the pty once it runs: stdin forwarding, resize and signals hang off it. */
  onSpawn?: (pty: IPty) => void;
  /** Called when the command is about to start (terminal modes set): time to forward stdin. */
  onReady?: (pty: IPty) => void;
}

export const DEFAULT_OUTPUT_CAP = 1024 * 1024;

export function signalName(n: number): string | null {
  for (const [name, value] of Object.entries(constants.signals)) if (value === n) return name;
  return null;
}

/** Loads node-pty on first use only: a policy refusal never pays for the native module. */
export async function loadPty(): Promise<typeof import('node-pty')> {
  try {
    return await import('node-pty');
  } catch (err) {
    throw new ArgentError('RUNNER_FAILED', `cannot load node-pty: ${(err as Error).message}`, {
      hint: 'reinstall argent-run so that node-pty is built for this Node version (npm rebuild node-pty)',
      cause: err,
    });
  }
}

/** Spawns the spec in a new PTY and resolves when it has exited and its output is drained. */
export async function runInPty(spec: LaunchSpec, options: PtyRunOptions): Promise<RunResult> {
  const { spawn } = await loadPty();
  const cap = options.outputCap ?? DEFAULT_OUTPUT_CAP;
  const started = monotonicMs();
  let child: IPty;
  try {
    child = spawn(spec.file, spec.args, {
      name: spec.env.TERM ?? 'xterm-256color',
      cols: options.cols ?? 80,
      rows: options.rows ?? 24,
      cwd: spec.cwd,
      env: spec.env,
      encoding: null,
    });
  } catch (err) {
    throw new ArgentError('RUNNER_FAILED', `cannot start ${spec.file}: ${(err as Error).message}`, { cause: err });
  }
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => child.onExit(resolve));
  const stream = new MarkerStream();
  child.onData((data: string | Buffer) => stream.push(typeof data === 'string' ? Buffer.from(data) : data));
  options.onSpawn?.(child);
  // Phase 1: the launcher's noise until its ready marker. Phase 2: the command's output until the end
  // marker, which carries bwrap's status; then the launcher gets its acknowledgement and exits.
  const collected = stream.expect(`${spec.nonce}-ready`, 64 * 1024, () => {}).then((ready) => {
    if (!ready.marker) return { ...ready, ready: false };
    options.onReady?.(child);
    return stream.expect(spec.nonce, cap, (chunk) => options.onData?.(chunk)).then((end) => {
      if (end.marker) {
        try {
          child.write(`${spec.nonce}\n`);
        } catch {
          // already gone
        }
      }
      return { ...end, ready: true };
    });
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    // SECURITY: a command that ignores SIGTERM still ends: KILL after the grace period, and bwrap's
    // death takes the whole PID namespace with it. The launcher survives to report and drain.
    void killTree(child.pid, { graceMs: options.graceMs ?? 2000, spare: (p) => p.comm === 'bwrap', killSpared: true, killRoot: false }).then(() => {
      setTimeout(() => killTree(child.pid, { graceMs: 0, killRoot: true }), 6000).unref();
    });
  }, options.timeoutMs);
  const { exitCode, signal } = await exited;
  clearTimeout(timer);
  stream.finish(signal ? 128 + signal : exitCode);
  const out = await collected;
  return {
    exitCode: timedOut ? 124 : out.exitCode,
    signal: out.exitCode > 128 && out.exitCode < 128 + 65 ? signalName(out.exitCode - 128) : null,
    timedOut,
    limitHit: timedOut ? 'timeout' : null,
    durationMs: Math.round(monotonicMs() - started),
    output: out.output,
    outputBytes: out.outputBytes,
    truncated: out.truncated,
  };
}
