// The audit log: pino writing JSON lines synchronously to a 0600 file in a 0700 directory, plus an
// optional stderr copy (--log-level). Redaction is configured here once, in the log formatter, so
// every record and both destinations are redacted the same way.
import { chmodSync, closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { dirname } from 'node:path';
import pino from 'pino';
import { ArgentError } from '../errors.js';
import type { AuditEvent, AuditSink } from './events.js';
import { chooseAuditLogPath, defaultAuditLogPath } from './paths.js';
import { formatRecord, type AuditRecord } from './pretty.js';
import { redact } from './redact.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export interface AuditLogOptions {
  /** Log file path (e.g. from --audit-log); else ARGENT_AUDIT_LOG; else the XDG state directory. */
  path?: string;
  env?: NodeJS.ProcessEnv;
  /** Level of the stderr copy (--log-level); absent or "silent": no stderr copy. */
  stderrLevel?: LogLevel;
  /** "pretty" (default) or "json" lines on stderr. */
  stderrFormat?: 'pretty' | 'json';
  /** Where the stderr copy goes (tests); default fd 2, written synchronously. */
  stderrWrite?: (text: string) => void;
  /** fsync after every record: survives a power loss too, at ~1 ms per record. Default false (a
   *  synchronous write() already survives a crash or kill -9 of this process). */
  fsync?: boolean;
}

export interface AuditLog {
  readonly path: string;
  /** Writes one event synchronously (redacted); throws ArgentError RUNNER_FAILED if it cannot. */
  readonly record: AuditSink;
  readonly logger: pino.Logger;
  close(): void;
}

/** The level each event is logged at: refusals and failures stand out in the stderr copy. */
export function eventLevel(event: AuditEvent): 'info' | 'warn' | 'error' {
  switch (event.event) {
    case 'error':
      return 'error';
    case 'profile.reload_failed':
    case 'approval.ignored':
      return 'warn';
    case 'decision':
      return event.evaluation.decision === 'blocked' ? 'warn' : 'info';
    case 'approval.outcome':
      return event.outcome.approved ? 'info' : 'warn';
    default:
      return 'info';
  }
}

function openLogFile(path: string, isDefault: boolean): number {
  const dir = dirname(path);
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  // SECURITY: the log names commands, paths and people; other users must not read or plant it.
  if ((created !== undefined || isDefault) && statSync(dir).uid === process.getuid?.()) chmodSync(dir, 0o700);
  // SECURITY: O_NOFOLLOW so a symlink planted at the log path cannot redirect our writes.
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  if (fstatSync(fd).uid === process.getuid?.()) fchmodSync(fd, 0o600);
  return fd;
}

/** Opens (creating) the audit log; `.record` is the AuditSink the runner is given. */
export function openAuditLog(options: AuditLogOptions = {}): AuditLog {
  const env = options.env ?? process.env;
  const path = chooseAuditLogPath(options.path, env);
  let fd: number;
  try {
    fd = openLogFile(path, path === defaultAuditLogPath(env));
  } catch (err) {
    throw new ArgentError('RUNNER_FAILED', `cannot open the audit log ${path}: ${(err as Error).message}`, {
      hint: 'set ARGENT_AUDIT_LOG (or --audit-log) to a writable file; nothing runs without an audit log',
      cause: err,
    });
  }
  let writeError: Error | undefined;
  // sync: each record is in the kernel before record() returns, so kill -9 right after loses nothing.
  const file = pino.destination({ fd, sync: true, fsync: options.fsync ?? false });
  file.on('error', (err: Error) => (writeError = err));
  const streams: pino.StreamEntry<pino.Level>[] = [{ level: 'trace', stream: file }];
  const level = options.stderrLevel ?? 'silent';
  if (level !== 'silent') {
    const write = options.stderrWrite ?? ((text: string) => writeSync(2, text));
    const pretty = (options.stderrFormat ?? 'pretty') === 'pretty';
    const color = options.stderrWrite === undefined && isatty(2);
    const stream = { write: (line: string) => write(pretty ? `${formatRecord(JSON.parse(line) as AuditRecord, color)}\n` : line) };
    streams.push({ level, stream });
  }
  const logger = pino(
    {
      level: 'trace',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // SECURITY: the one place redaction is configured; every record passes through it.
      formatters: { log: (obj) => redact(obj) as Record<string, unknown> },
    },
    pino.multistream(streams),
  );
  let closed = false;
  const record: AuditSink = (event) => {
    if (closed) throw new ArgentError('INTERNAL', `audit log ${path} used after close (event ${event.event})`);
    logger[eventLevel(event)](event);
    if (writeError) {
      // SECURITY: fail closed: a decision that is not on record must not be acted upon.
      throw new ArgentError('RUNNER_FAILED', `cannot write the audit log ${path}: ${writeError.message}`, { cause: writeError });
    }
  };
  return {
    path,
    record,
    logger,
    close() {
      if (closed) return;
      closed = true;
      // Nothing to flush: the destination is synchronous, every record was written before record()
      // returned. (sonic-boom's flushSync would only add an fsync; options.fsync decides that, per record.)
      closeSync(fd);
    },
  };
}
