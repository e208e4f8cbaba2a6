import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/audit/index.js';
import { logsCommand } from '../../src/cli/logs.js';
import { sampleDecision, sampleOutcome } from '../audit/fixtures/events.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'argent-logs-'));
  file = join(dir, 'audit.log');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], extra: { signal?: AbortSignal } = {}) {
  const out: string[] = [];
  const code = await logsCommand(argv, { write: (t) => out.push(t), env: { ARGENT_AUDIT_LOG: file }, pollMs: 20, ...extra });
  return { code, lines: out.join('').split('\n').filter(Boolean) };
}

function writeSample() {
  const log = openAuditLog({ path: file });
  log.record(sampleDecision('s1', 'blocked'));
  log.record(sampleDecision('s1', 'approval-required'));
  log.record(sampleOutcome('s1'));
  log.record({ session: 's1', event: 'run.end', commandId: 'c1', exitCode: 0, signal: null, timedOut: false, limitHit: null, durationMs: 12, outputBytes: 40, truncated: false });
  log.close();
}

describe('argent logs', () => {
  it('prints one readable, redacted line per record from ARGENT_AUDIT_LOG', async () => {
    writeSample();
    const { code, lines } = await run([]);
    expect(code).toBe(0);
    const body = lines.map((l) => l.replace(/^\S+ /, ''));
    expect(body).toEqual([
      expect.stringMatching(/^WARN  decision \[s1\] blocked: curl -H 'Authorization: \[REDACTED\]' https:\/\/bob:\[REDACTED\]@example\.com\/x --password=\[REDACTED\]/),
      expect.stringMatching(/^INFO  decision \[s1\] approval-required: curl /),
      'INFO  approval.outcome [s1] approved by tty after 1234ms (approved by user; request r1)',
      'INFO  run.end [s1] exit 0 after 12ms, 40 bytes',
    ]);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);
  });

  it('filters by --decision and prints stored JSON lines with --json', async () => {
    writeSample();
    const blocked = await run(['--decision', 'blocked', '--json']);
    expect(blocked.lines.map((l) => JSON.parse(l).event + ':' + JSON.parse(l).evaluation.decision)).toEqual(['decision:blocked']);
    const asked = await run(['--decision=approval-required', '--json']);
    expect(asked.lines.map((l) => JSON.parse(l).event)).toEqual(['decision', 'approval.outcome']);
  });

  it('filters by --since as a duration or an ISO time', async () => {
    appendFileSync(file, `${JSON.stringify({ level: 30, time: '2020-01-01T00:00:00.000Z', session: 'old', event: 'error', code: 'X', message: 'old' })}\n`);
    writeSample();
    expect((await run(['--since', '10m'])).lines).toHaveLength(4);
    expect((await run(['--since', '2019-12-31T00:00:00Z'])).lines).toHaveLength(5);
    expect((await run(['--since', '2030-01-01'])).lines).toHaveLength(0);
  });

  it('follows new records until stopped, including a record written in two pieces', async () => {
    writeSample();
    const ctl = new AbortController();
    const out: string[] = [];
    const done = logsCommand(['--follow', '--json'], { write: (t) => out.push(t), env: { ARGENT_AUDIT_LOG: file }, pollMs: 20, signal: ctl.signal });
    await new Promise((r) => setTimeout(r, 60));
    expect(out).toHaveLength(4);
    const late = JSON.stringify({ level: 50, time: new Date().toISOString(), session: 's1', event: 'error', code: 'RUNNER_FAILED', message: 'late' });
    appendFileSync(file, late.slice(0, 20));
    await new Promise((r) => setTimeout(r, 60));
    expect(out).toHaveLength(4);
    appendFileSync(file, `${late.slice(20)}\n`);
    await new Promise((r) => setTimeout(r, 60));
    ctl.abort();
    expect(await done).toBe(0);
    expect(out[4]).toBe(`${late}\n`);
  });

  it('refuses bad flags and a missing log with what was expected and how to fix it', async () => {
    await expect(run(['--decision', 'nope'])).rejects.toThrow('argent logs: --decision expects one of blocked, approval-required, allow, found "nope"');
    await expect(run(['--since', 'yesterday'])).rejects.toThrow('argent logs: --since expects a duration (30s, 10m, 2h, 1d) or an ISO time (2026-11-22T10:00:00Z), found "yesterday"');
    await expect(run(['--bogus'])).rejects.toThrow(/argent logs: Unknown option '--bogus'/);
    await expect(run(['extra'])).rejects.toThrow('argent logs: unexpected argument "extra"');
    await expect(run([])).rejects.toMatchObject({ code: 'CONFIG_UNREADABLE', message: `cannot read the audit log ${file}: it does not exist (nothing recorded yet?)` });
  });
});
