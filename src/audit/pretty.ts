// Audit records for people: one line per record (time, level, event, the few fields that matter),
// in the spirit of pino-pretty but without the dependency. Used by `argent logs` and the stderr copy.

export const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

export type AuditRecord = Record<string, unknown> & { event?: string; time?: string | number; level?: number };

const COLORS: Record<number, string> = { 10: '90', 20: '36', 30: '32', 40: '33', 50: '31', 60: '35' };

// SECURITY: commands and paths come from the agent; escape sequences in them must not reach a
// terminal raw (they could rewrite earlier lines or the title). Control characters become \xNN.
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
}

/** The record's time as epoch ms (pino writes epoch ms by default, ISO with isoTime). */
export function recordTime(record: AuditRecord): number {
  const t = record.time;
  if (typeof t === 'number') return t;
  if (typeof t === 'string') return Date.parse(t);
  return Number.NaN;
}

/** The decision a record is about, for --decision filters: decisions, and outcomes of approvals. */
export function recordDecision(record: AuditRecord): string | undefined {
  const evaluation = record.evaluation as { decision?: string } | undefined;
  if (record.event === 'decision') return evaluation?.decision;
  if (record.event === 'approval.request' || record.event === 'approval.outcome') return 'approval-required';
  return undefined;
}

function summary(r: AuditRecord): string {
  const e = r.evaluation as { decision?: string; reason?: string } | undefined;
  switch (r.event) {
    case 'decision':
      return `${e?.decision ?? '?'}: ${str(r.command)}${e?.reason ? ` -- ${e.reason}` : ''}`;
    case 'approval.request': {
      const req = r.request as { id?: string; command?: string; expiresAt?: number; requestedAt?: number } | undefined;
      const secs = req?.expiresAt && req.requestedAt ? Math.round((req.expiresAt - req.requestedAt) / 1000) : undefined;
      return `asks approval for ${str(req?.command)} (request ${str(req?.id)}${secs !== undefined ? `, ${secs}s to answer` : ''})`;
    }
    case 'approval.outcome': {
      const o = r.outcome as { approved?: boolean; by?: string; reason?: string; rememberForSession?: boolean; requestId?: string } | undefined;
      const verdict = o?.approved ? (o.rememberForSession ? 'approved for the session' : 'approved') : 'rejected';
      return `${verdict} by ${str(o?.by)} after ${str(r.waitedMs)}ms (${str(o?.reason)}; request ${str(o?.requestId)})`;
    }
    case 'approval.ignored':
      return `ignored answer for request ${str(r.requestId)}: ${str(r.reason)}`;
    case 'run.start':
      return `${str(r.command)} in ${str(r.cwd)} (${str(r.isolation)}${r.pid !== undefined ? `, pid ${str(r.pid)}` : ''})`;
    case 'run.end': {
      const how = r.signal ? `signal ${str(r.signal)}` : `exit ${str(r.exitCode)}`;
      const flags = [r.timedOut ? 'timed out' : '', r.limitHit ? `limit ${str(r.limitHit)}` : '', r.truncated ? 'output truncated' : ''].filter(Boolean);
      return `${how} after ${str(r.durationMs)}ms, ${str(r.outputBytes)} bytes${flags.length ? `, ${flags.join(', ')}` : ''}`;
    }
    case 'profile.load':
      return `${str(r.profile)} rev ${str(r.revision)} from ${str(r.origin)}`;
    case 'profile.reload':
      return `${str(r.profile)} rev ${str(r.previousRevision)} -> ${str(r.revision)}; changed: ${(r.changed as string[] | undefined)?.join(', ') ?? ''}`;
    case 'profile.reload_failed':
      return `${str(r.profile)} kept rev ${str(r.keptRevision)}: ${(r.errors as string[] | undefined)?.join('; ') ?? ''}`;
    case 'error':
      return `${str(r.code)}: ${str(r.message)}`;
    default: {
      const { level: _l, time: _t, pid: _p, hostname: _h, event: _e, session: _s, ...rest } = r;
      return JSON.stringify(rest);
    }
  }
}

/** One line for people; `color` adds ANSI colours to the level. */
export function formatRecord(record: AuditRecord, color = false): string {
  const t = recordTime(record);
  const time = Number.isNaN(t) ? '-' : new Date(t).toISOString();
  const levelNum = typeof record.level === 'number' ? record.level : 30;
  const name = (LEVEL_NAMES[levelNum] ?? String(levelNum)).padEnd(5);
  const level = color ? `\x1b[${COLORS[levelNum] ?? '0'}m${name}\x1b[0m` : name;
  const session = record.session ? ` [${str(record.session)}]` : '';
  return `${time} ${level} ${printable(`${str(record.event) || '-'}${session} ${summary(record)}`.trimEnd())}`;
}
