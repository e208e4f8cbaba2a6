// `argent-run` without a command: one persistent sandboxed shell. With --jsonl a line protocol for agent
// frameworks; otherwise one command per line (with a prompt when stdin is a terminal).
import { createInterface } from 'node:readline';
import { isArgentError } from '../errors.js';
import { startSession, type Session, type SessionResult } from '../session/session.js';
import type { RunArgs } from './run-args.js';
import { openContext, type RunContext } from './run-context.js';
import { watchContextProfile } from './run-watch.js';

interface JsonlRequest {
  id: string | number;
  cmd: string;
  timeoutMs?: number;
  agent?: string;
}

function send(event: unknown): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function finalEvent(id: JsonlRequest['id'], r: SessionResult): Record<string, unknown> {
  return {
    type: 'result',
    id,
    decision: r.decision,
    exitCode: r.exitCode,
    signal: r.signal,
    timedOut: r.timedOut,
    durationMs: r.durationMs,
    output: r.output.toString('utf8'),
    truncated: r.truncated,
    cwd: r.cwd,
    ...(r.refusal !== null ? { refusal: r.refusal } : {}),
  };
}

function parseRequest(line: string): JsonlRequest | { error: string } | { approval: unknown } {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    return { error: `expected one JSON object per line like {"id":1,"cmd":"ls"}, found ${JSON.stringify(line.slice(0, 80))}` };
  }
  if (typeof msg !== 'object' || msg === null) return { error: 'expected a JSON object' };
  const m = msg as Record<string, unknown>;
  if (m.type === 'approval') return { approval: m };
  if ((typeof m.id !== 'string' && typeof m.id !== 'number') || typeof m.cmd !== 'string') {
    return { error: 'expected {"id": string|number, "cmd": string, "timeoutMs"?: number}' };
  }
  if (m.timeoutMs !== undefined && (typeof m.timeoutMs !== 'number' || m.timeoutMs <= 0)) return { error: 'timeoutMs must be a positive number' };
  return { id: m.id, cmd: m.cmd, ...(typeof m.timeoutMs === 'number' ? { timeoutMs: m.timeoutMs } : {}), ...(typeof m.agent === 'string' ? { agent: m.agent } : {}) };
}

async function jsonlLoop(ctx: RunContext, session: Session, args: RunArgs): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const running: Promise<unknown>[] = [];
  for await (const line of rl) {
    if (!line.trim()) continue;
    const req = parseRequest(line);
    if ('approval' in req) {
      // Answers are handled at once: the command waiting for them holds the queue.
      const handled = (ctx.approver as { handleMessage?: (m: unknown) => boolean }).handleMessage?.(req.approval);
      if (!handled) send({ type: 'error', message: 'approval message ignored: this session does not use the jsonl approver' });
      continue;
    }
    if ('error' in req) {
      send({ type: 'error', message: req.error });
      continue;
    }
    const timeoutMs = req.timeoutMs ?? (args.timeoutSeconds ? args.timeoutSeconds * 1000 : undefined);
    running.push(
      session
        .run(req.cmd, {
          ...(timeoutMs ? { timeoutMs } : {}),
          ...(req.agent ? { agent: req.agent } : {}),
          onDecision: (d) => send({ type: 'decision', id: req.id, ...d }),
          onData: (chunk) => send({ type: 'output', id: req.id, data: chunk.toString('utf8') }),
        })
        .then((r) => send(finalEvent(req.id, r)))
        .catch((err) => send({ type: 'error', id: req.id, message: isArgentError(err) ? err.describe() : String(err) })),
    );
  }
  await Promise.all(running);
}

async function lineLoop(session: Session, args: RunArgs): Promise<number> {
  const tty = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, prompt: 'argent$ ', terminal: tty });
  let last = 0;
  rl.on('SIGINT', () => session.signalCommand('SIGINT'));
  if (tty) rl.prompt();
  for await (const line of rl) {
    if (line.trim()) {
      const r = await session.run(line, {
        ...(args.timeoutSeconds ? { timeoutMs: args.timeoutSeconds * 1000 } : {}),
        onData: (chunk) => process.stdout.write(chunk),
      });
      if (r.refusal !== null) process.stderr.write(`argent-run: refused: ${r.refusal}\n`);
      if (r.timedOut) process.stderr.write('argent-run: timed out; the command and its processes were killed\n');
      last = r.exitCode;
    }
    if (tty) rl.prompt();
  }
  return last;
}

/** Runs a session until stdin ends; returns the exit code (the last command's in line mode). */
export async function runSessionCli(args: RunArgs): Promise<number> {
  const ctx = await openContext(args, args.jsonl ? { send } : {});
  const watcher = await watchContextProfile(ctx, (message, event) => {
    if (args.jsonl) send({ type: 'profile', ...event, message });
    else process.stderr.write(`argent-run: ${message}\n`);
  });
  const session = await startSession({
    currentProfile: () => watcher.current(),
    profile: ctx.profile,
    workdir: ctx.workdir,
    sessionId: ctx.sessionId,
    approver: ctx.approver,
    audit: ctx.audit,
    protect: ctx.protect,
    ...(process.stdout.isTTY ? { cols: process.stdout.columns, rows: process.stdout.rows } : {}),
  });
  if (process.stdout.isTTY) process.stdout.on('resize', () => session.resize(process.stdout.columns, process.stdout.rows));
  for (const sig of ['SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void session.dispose().then(() => process.exit(128 + (sig === 'SIGTERM' ? 15 : 1))));
  try {
    if (args.jsonl) {
      send({ type: 'ready', session: ctx.sessionId, profile: ctx.profile.name, workdir: ctx.workdir, cwd: session.cwd() });
      await jsonlLoop(ctx, session, args);
      return 0;
    }
    return await lineLoop(session, args);
  } finally {
    await watcher.close();
    await session.dispose();
    ctx.close();
  }
}
