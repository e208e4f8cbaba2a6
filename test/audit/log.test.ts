import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/audit/index.js';
import { buildChild } from './build-child.js';
import { REDACTED_COMMAND, SECRET_COMMAND, SECRETS, sampleDecision, sampleOutcome } from './fixtures/events.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'argent-audit-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function readRecords(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function assertNoSecret(text: string): void {
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
}

describe('openAuditLog', () => {
  it('writes redacted JSON lines to $XDG_STATE_HOME/argent/audit.log in a 0700 directory, file 0600', () => {
    const state = tempDir();
    const log = openAuditLog({ env: { XDG_STATE_HOME: state } });
    log.record(sampleDecision('s1'));
    log.record(sampleOutcome('s1'));
    log.close();
    const file = join(state, 'argent', 'audit.log');
    expect(log.path).toBe(file);
    expect(statSync(join(state, 'argent')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    assertNoSecret(text);
    const [decision, outcome] = readRecords(file);
    expect(decision).toMatchObject({ level: 30, pid: process.pid, session: 's1', event: 'decision', commandId: 'c1', command: REDACTED_COMMAND });
    expect((decision?.evaluation as { reason: string }).reason).toBe(`network access: ${REDACTED_COMMAND}`);
    expect(typeof decision?.time).toBe('string');
    expect(outcome).toEqual({ level: 30, time: outcome?.time, pid: process.pid, ...sampleOutcome('s1') });
  });

  it('takes ARGENT_AUDIT_LOG over the XDG default, and an explicit path over both', () => {
    const dir = tempDir();
    const envLog = openAuditLog({ env: { ARGENT_AUDIT_LOG: join(dir, 'env.log'), XDG_STATE_HOME: dir } });
    expect(envLog.path).toBe(join(dir, 'env.log'));
    envLog.close();
    const explicit = openAuditLog({ path: join(dir, 'sub', 'flag.log'), env: { ARGENT_AUDIT_LOG: join(dir, 'env.log') } });
    expect(explicit.path).toBe(join(dir, 'sub', 'flag.log'));
    explicit.close();
  });

  it('tightens an existing log file to 0600 and refuses a symlink planted at the log path', () => {
    const dir = tempDir();
    const file = join(dir, 'audit.log');
    writeFileSync(file, '', { mode: 0o644 });
    openAuditLog({ path: file }).close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'link.log'));
    expect(() => openAuditLog({ path: join(dir, 'link.log') })).toThrow(/cannot open the audit log .*link\.log/);
  });

  it('copies records at or above --log-level to stderr, pretty and redacted', () => {
    const dir = tempDir();
    const lines: string[] = [];
    const log = openAuditLog({ path: join(dir, 'a.log'), stderrLevel: 'warn', stderrWrite: (t) => lines.push(t) });
    log.record(sampleDecision('s2', 'approval-required')); // info: not copied
    log.record(sampleDecision('s2', 'blocked')); // warn: copied
    log.close();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z WARN  decision \[s2\] blocked: curl -H 'Authorization: \[REDACTED\]'/);
    assertNoSecret(lines.join(''));
    expect(readRecords(join(dir, 'a.log')).map((r) => r.level)).toEqual([30, 40]);
  });
});

describe('crash safety', () => {
  let childJs: string;
  beforeAll(() => {
    childJs = buildChild('test/audit/fixtures/crash-child.ts')('test/audit/fixtures/crash-child.ts');
  });

  it('keeps every record written before a kill -9 of the process holding the log, redacted', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.log');
    const child = spawn(process.execPath, [childJs, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early: ${code}`)));
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
    process.kill(child.pid!, 'SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const records = readRecords(file);
    expect(records.map((r) => [r.event, r.session, r.pid])).toEqual([
      ['decision', 'crash', child.pid],
      ['approval.outcome', 'crash', child.pid],
    ]);
    expect(records[0]?.command).toBe(REDACTED_COMMAND);
    assertNoSecret(readFileSync(file, 'utf8'));
    expect(SECRET_COMMAND).toContain(SECRETS.github);
  });
});
