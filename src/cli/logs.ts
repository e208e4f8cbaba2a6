// `argent logs`: the audit log for people (one line per record) or machines (--json), filtered by
// time and decision, optionally following new records as they are written.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { chooseAuditLogPath } from '../audit/paths.js';
import { formatRecord, recordDecision, recordTime, type AuditRecord } from '../audit/pretty.js';
import { ArgentError, EXIT } from '../errors.js';
import { fail, parseFlags } from './main.js';

const help = `Usage: argent logs [--follow] [--since 10m|2h|1d|ISO-TIME] [--decision blocked|approval-required|allow] [--json] [--file PATH]

Shows the audit log ($ARGENT_AUDIT_LOG, else $XDG_STATE_HOME/argent/audit.log, else ~/.local/state/argent/audit.log).
  -f, --follow       keep printing new records as they are written (Ctrl-C to stop)
  --since WHEN       only records at or after WHEN: a duration ago (30s, 10m, 2h, 1d) or an ISO time
  --decision KIND    only records about that decision (approval-required includes approval requests/outcomes)
  --json             print the JSON lines as stored, for machines
  --file PATH        read this log file instead`;

const DECISIONS = ['blocked', 'approval-required', 'allow'] as const;
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export interface LogsIo {
  write?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Stops --follow (the CLI stops on SIGINT/SIGTERM). */
  signal?: AbortSignal;
  pollMs?: number;
}

/** --since as epoch ms: "10m" ago, or an ISO time. */
export function parseSince(value: string, now: number): number {
  const m = /^(\d+)([smhd])$/.exec(value);
  if (m) return now - Number(m[1]) * UNITS[m[2]!]!;
  const t = /^\d{4}-\d\d-\d\d/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(t)) fail(`argent logs: --since expects a duration (30s, 10m, 2h, 1d) or an ISO time (2026-11-22T10:00:00Z), found ${JSON.stringify(value)}`);
  return t;
}

/** Runs `argent logs ARGV`; returns the exit code. */
export async function logsCommand(argv: string[], io: LogsIo = {}): Promise<number> {
  const write = io.write ?? ((t: string) => void process.stdout.write(t));
  const { values, positionals } = parseFlags(
    {
      args: argv,
      options: {
        follow: { type: 'boolean', short: 'f' },
        since: { type: 'string' },
        decision: { type: 'string' },
        json: { type: 'boolean' },
        file: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    'argent logs',
  );
  if (values.help) {
    write(`${help}\n`);
    return EXIT.OK;
  }
  if (positionals.length > 0) fail(`argent logs: unexpected argument ${JSON.stringify(positionals[0])}`, 'run `argent logs --help` for usage');
  const decision = values.decision;
  if (decision !== undefined && !(DECISIONS as readonly string[]).includes(decision)) {
    fail(`argent logs: --decision expects one of ${DECISIONS.join(', ')}, found ${JSON.stringify(decision)}`);
  }
  const since = values.since === undefined ? undefined : parseSince(values.since, (io.now ?? Date.now)());
  const file = chooseAuditLogPath(values.file, io.env ?? process.env);

  const keep = (r: AuditRecord) => (since === undefined || recordTime(r) >= since) && (decision === undefined || recordDecision(r) === decision);
  let unparseable = 0;
  const emit = (line: string) => {
    if (line.trim() === '') return;
    let record: AuditRecord;
    try {
      record = JSON.parse(line) as AuditRecord;
    } catch {
      unparseable++;
      return;
    }
    if (keep(record)) write(values.json ? `${line}\n` : `${formatRecord(record, io.write === undefined && process.stdout.isTTY === true)}\n`);
  };

  const reader = openReader(file, values.follow === true);
  try {
    reader.drain(emit);
    if (values.follow) await follow(reader, emit, io);
  } finally {
    reader.close();
  }
  if (unparseable > 0) process.stderr.write(`argent logs: skipped ${unparseable} line(s) of ${file} that are not JSON\n`);
  return EXIT.OK;
}

interface Reader {
  drain(emit: (line: string) => void): void;
  close(): void;
}

function openReader(file: string, mayWait: boolean): Reader {
  let fd: number | undefined;
  let offset = 0;
  let rest = '';
  const tryOpen = () => {
    try {
      fd = openSync(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !mayWait) {
        throw new ArgentError('CONFIG_UNREADABLE', `cannot read the audit log ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist (nothing recorded yet?)' : (err as Error).message}`, {
          hint: 'pass --file PATH or set ARGENT_AUDIT_LOG to the log argent-run writes',
        });
      }
    }
  };
  tryOpen();
  return {
    drain(emit) {
      if (fd === undefined) tryOpen();
      if (fd === undefined) return;
      const size = fstatSync(fd).size;
      if (size < offset) offset = 0; // truncated or rotated in place: start over
      const buf = Buffer.alloc(64 * 1024);
      while (offset < size) {
        const n = readSync(fd, buf, 0, buf.length, offset);
        if (n === 0) break;
        offset += n;
        const lines = (rest + buf.subarray(0, n).toString('utf8')).split('\n');
        rest = lines.pop() ?? ''; // a record still being written waits for its newline
        lines.forEach(emit);
      }
    },
    close() {
      if (fd !== undefined) closeSync(fd);
    },
  };
}

async function follow(reader: Reader, emit: (line: string) => void, io: LogsIo): Promise<void> {
  const ctl = new AbortController();
  const stop = () => ctl.abort();
  io.signal?.addEventListener('abort', stop, { once: true });
  if (!io.signal) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  try {
    while (!ctl.signal.aborted && !io.signal?.aborted) {
      await new Promise((r) => setTimeout(r, io.pollMs ?? 250));
      reader.drain(emit);
    }
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
