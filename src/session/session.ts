// A persistent sandboxed shell: ONE bash in ONE PTY inside bwrap, state (cwd, variables, functions)
// carried across commands. Each command goes through the policy gate with the shell's REAL cwd,
// read from /proc/<shell>/cwd (the kernel's answer, not the shell's), then runs behind a nonce marker.
import { randomBytes } from '../util/random.js';
import { readlinkSync } from 'node:fs';
import type { IDisposable, IPty } from 'node-pty';
import { ArgentError } from '../errors.js';
import { monotonicMs } from '../util/clock.js';
import { gate, resolveProfile, type CommandResult, type GateOptions } from '../run.js';
import type { Profile } from '../profile/profile.js';
import { findHostTools } from '../sandbox/host.js';
import { descendants, killTree } from '../sandbox/kill-tree.js';
import { prepareLaunch } from '../sandbox/prepare.js';
import { DEFAULT_OUTPUT_CAP, loadPty } from '../sandbox/pty.js';
import { commandLine, newNonce, setupLine } from './protocol.js';
import { MarkerStream } from '../sandbox/marker-stream.js';

export interface SessionOptions extends Omit<GateOptions, 'cwd' | 'commandId' | 'sessionId' | 'signal'> {
  sessionId?: string;
  hostEnv?: Readonly<Record<string, string | undefined>>;
  protect?: string[];
  outputCap?: number;
  cols?: number;
  rows?: number;
  /** Commands read /dev/null as stdin (agents); false passes write() through (an interactive person). */
  stdinNull?: boolean;
  /** How long the shell may take to come up. */
  startTimeoutMs?: number;
  /**
   * The profile to decide the next command with (live reload: a watcher's `current`). The sandbox
   * itself (mounts, network, limits) keeps the profile the session started with.
   */
  currentProfile?: () => Profile;
}

export interface SessionRunOptions {
  timeoutMs?: number;
  onData?: (chunk: Buffer) => void;
  /** Called once the policy (and approval) decided, before anything runs. */
  onDecision?: (g: { commandId: string; decision: string; reason: string; allowed: boolean }) => void;
  agent?: string;
}

export interface SessionResult extends CommandResult {
  /** The shell's real cwd after the command. */
  cwd: string;
}

/** A started session; create it with startSession(). */
export class Session {
  readonly id: string;
  private queue: Promise<unknown> = Promise.resolve();
  private exitListeners = new Set<(code: number) => void>();
  private exited: number | null = null;

  private constructor(
    private readonly options: SessionOptions,
    private readonly pty: IPty,
    private readonly stream: MarkerStream,
    private readonly shellPid: number,
    private readonly released: Promise<void>,
  ) {
    this.id = options.sessionId ?? randomBytes(6).toString('hex');
    pty.onExit(({ exitCode }) => {
      this.exited = exitCode;
      stream.fail(new ArgentError('RUNNER_FAILED', `the session shell ended (exit ${exitCode})`));
      for (const l of this.exitListeners) l(exitCode);
    });
  }

  /** Starts the sandboxed shell and waits until it is ready. */
  static async start(options: SessionOptions): Promise<Session> {
    const hostEnv = options.hostEnv ?? process.env;
    const prepared = prepareLaunch({ profile: options.profile, workdir: options.workdir, tools: findHostTools(), hostEnv, protect: options.protect ?? [], argv: ['bash', '--noprofile', '--norc', '--noediting', '-i'] });
    const spec = prepared.spec;
    const { spawn } = await loadPty();
    let pty: IPty;
    try {
      pty = spawn(spec.file, spec.args, { name: spec.env.TERM ?? 'xterm-256color', cols: options.cols ?? 120, rows: options.rows ?? 40, cwd: spec.cwd, env: spec.env, encoding: null });
    } catch (err) {
      await prepared.release();
      throw new ArgentError('RUNNER_FAILED', `cannot start the session shell: ${(err as Error).message}`, { cause: err });
    }
    const released = new Promise<void>((resolve) => pty.onExit(() => void prepared.release().then(resolve)));
    const stream = new MarkerStream();
    pty.onData((d: string | Buffer) => stream.push(typeof d === 'string' ? Buffer.from(d) : d));
    const nonce = newNonce();
    const ready = stream.expect(nonce, options.outputCap ?? DEFAULT_OUTPUT_CAP, () => {});
    pty.write(setupLine(nonce));
    const timer = setTimeout(() => stream.fail(new ArgentError('RUNNER_FAILED', 'the session shell did not start in time')), options.startTimeoutMs ?? 10_000);
    try {
      await ready;
    } catch (err) {
      pty.kill('SIGKILL');
      throw err;
    } finally {
      clearTimeout(timer);
    }
    // The shell is the bash that bwrap started (or, without namespaces, the launcher's child).
    const tree = descendants(pty.pid);
    const parentOf = new Map(tree.map((p) => [p.pid, p]));
    const shell = tree.find((p) => p.comm === 'bash' && (spec.isolation === 'none' ? p.ppid === pty.pid : parentOf.get(p.ppid)?.comm === 'bwrap'))?.pid;
    if (shell === undefined) {
      pty.kill('SIGKILL');
      throw new ArgentError('RUNNER_FAILED', 'cannot find the session shell process');
    }
    return new Session(options, pty, stream, shell, released);
  }

  /** The shell's current directory as the kernel sees it (a command cannot forge it). */
  cwd(): string {
    try {
      return readlinkSync(`/proc/${this.shellPid}/cwd`);
    } catch (err) {
      throw new ArgentError('RUNNER_FAILED', 'cannot read the session shell\'s cwd (has it ended?)', { cause: err });
    }
  }

  /** Runs one command: policy with the real cwd, approval, then the shell. Commands run one at a time. */
  run(command: string, options: SessionRunOptions = {}): Promise<SessionResult> {
    const next = this.queue.then(() => this.runNow(command, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(command: string, options: SessionRunOptions): Promise<SessionResult> {
    if (this.exited !== null) throw new ArgentError('RUNNER_FAILED', `the session shell has ended (exit ${this.exited})`);
    const profile = this.options.currentProfile?.() ?? this.options.profile;
    const cwd = this.cwd();
    const g = await gate(command, { ...this.options, profile, cwd, sessionId: this.id, ...(options.agent ? { agent: options.agent } : {}) });
    options.onDecision?.({ commandId: g.commandId, decision: g.evaluation.decision, reason: g.refusal ?? g.evaluation.reason, allowed: g.allowed });
    const base = { commandId: g.commandId, decision: g.evaluation.decision, evaluation: g.evaluation };
    if (!g.allowed) {
      return { ...base, refusal: g.refusal, exitCode: 126, signal: null, timedOut: false, limitHit: null, durationMs: 0, output: Buffer.alloc(0), outputBytes: 0, truncated: false, cwd };
    }
    const audit = this.options.audit ?? (() => {});
    audit({ session: this.id, event: 'run.start', commandId: g.commandId, command, cwd, isolation: profile.sandbox.isolation, pid: this.shellPid });
    const started = monotonicMs();
    const nonce = newNonce();
    this.stream.discard();
    const done = this.stream.expect(nonce, this.options.outputCap ?? DEFAULT_OUTPUT_CAP, options.onData ?? (() => {}));
    this.pty.write(commandLine(command, nonce, this.options.stdinNull ?? true));
    let timedOut = false;
    const timeoutMs = options.timeoutMs ?? profile.sandbox.limits.timeoutSeconds * 1000;
    const timer = setTimeout(() => {
      timedOut = true;
      // SECURITY: end the command's whole tree but keep the shell (and bwrap) alive; if the marker still
      // does not come (a hijacked shell), the whole session is killed below.
      void killTree(this.shellPid, { graceMs: 2000, killRoot: false }).then(() => {
        setTimeout(() => {
          if (timedOut && this.exited === null) this.pty.kill('SIGKILL');
        }, 3000).unref();
      });
    }, timeoutMs);
    try {
      const m = await done;
      const result: SessionResult = {
        ...base,
        refusal: null,
        exitCode: timedOut ? 124 : m.exitCode,
        signal: null,
        timedOut,
        limitHit: timedOut ? 'timeout' : null,
        durationMs: Math.round(monotonicMs() - started),
        output: m.output,
        outputBytes: m.outputBytes,
        truncated: m.truncated,
        cwd: this.cwd(),
      };
      audit({ session: this.id, event: 'run.end', commandId: g.commandId, exitCode: result.exitCode, signal: null, timedOut, limitHit: result.limitHit, durationMs: result.durationMs, outputBytes: result.outputBytes, truncated: result.truncated });
      return result;
    } finally {
      clearTimeout(timer);
      timedOut = false;
    }
  }

  /** Passes keystrokes to the running command (interactive use). */
  write(data: string | Buffer): void {
    this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.exited === null) this.pty.resize(cols, rows);
  }

  /** Sends a signal to the running command's processes (not to the shell). */
  signalCommand(sig: NodeJS.Signals): void {
    for (const p of descendants(this.shellPid)) {
      try {
        process.kill(p.pid, sig);
      } catch {
        // gone
      }
    }
  }

  onExit(listener: (code: number) => void): IDisposable {
    this.exitListeners.add(listener);
    return { dispose: () => this.exitListeners.delete(listener) };
  }

  /** Ends the shell and everything in the sandbox. */
  async dispose(): Promise<void> {
    if (this.exited !== null) return this.released;
    this.pty.kill('SIGKILL');
    await this.released;
  }
}

/** Starts a persistent sandboxed session (library API); `profile` may be a shipped name or a file path. */
export async function startSession(options: Omit<SessionOptions, 'profile'> & { profile: Profile | string }): Promise<Session> {
  return Session.start({ ...options, profile: await resolveProfile(options.profile) });
}
