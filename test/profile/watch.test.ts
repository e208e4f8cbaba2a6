import { chmodSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/audit/events.js';
import { loadProfile } from '../../src/profile/load.js';
import { assertProfileSafe } from '../../src/profile/safety.js';
import { watchProfile, type ProfileChange, type ProfileWatcher } from '../../src/profile/watch.js';

let dir: string;
let watcher: ProfileWatcher | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'argent-watch-'));
});
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const write = (file: string, content: unknown) => writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(file: string, check?: (p: ReturnType<typeof loadProfile>) => void) {
  const changes: ProfileChange[] = [];
  const audit: AuditEvent[] = [];
  const profile = loadProfile(file);
  watcher = watchProfile(profile, (c) => changes.push(c), { debounceMs: 100, audit: (e) => audit.push(e), session: 's1', ...(check ? { check } : {}) });
  await watcher.ready;
  const next = async (count: number) => {
    const deadline = Date.now() + 5000;
    while (changes.length < count && Date.now() < deadline) await sleep(20);
    await sleep(300); // and nothing more arrives
    return changes;
  };
  return { profile, changes, audit, next, w: watcher };
}

describe('watchProfile', () => {
  it('applies a valid edit as one complete new profile and records what changed', async () => {
    const file = join(dir, 'p.json');
    write(file, { security: { mode: 'sandboxed' } });
    const { profile, next, audit, w } = await start(file);
    write(file, { security: { mode: 'locked', approvalTimeoutMs: 1000 } });
    const changes = await next(1);
    expect(changes.map((c) => [c.kind, c.kind === 'reload' ? c.changed : null])).toEqual([['reload', ['security.approvalTimeoutMs', 'security.mode']]]);
    expect(w.current()).toEqual({ ...loadProfile(file), name: file });
    expect(w.current().security).toEqual({ mode: 'locked', approvalTimeoutMs: 1000 });
    expect(audit).toEqual([
      { session: 's1', event: 'profile.reload', profile: file, revision: w.current().revision, previousRevision: profile.revision, changed: ['security.approvalTimeoutMs', 'security.mode'] },
    ]);
  });

  it('keeps the last good profile on an invalid edit, reports the errors, and applies the fix later', async () => {
    const file = join(dir, 'p.json');
    write(file, { security: { mode: 'sandboxed' } });
    const { profile, next, audit, w } = await start(file);
    write(file, { security: { mode: 'yolo' } });
    let changes = await next(1);
    expect(changes[0]?.kind).toBe('reload_failed');
    expect(w.current()).toBe(profile);
    expect(audit[0]).toMatchObject({ event: 'profile.reload_failed', keptRevision: profile.revision });
    expect((audit[0] as { errors: string[] }).errors[0]).toBe(`profile ${file} is invalid (1 problem):`);
    write(file, { security: { mode: 'locked' } });
    changes = await next(2);
    expect(changes.map((c) => c.kind)).toEqual(['reload_failed', 'reload']);
    expect(w.current().security.mode).toBe('locked');
  });

  it('keeps the last good profile when a file is deleted, warns, and reloads when it comes back', async () => {
    const file = join(dir, 'p.json');
    write(file, { security: { mode: 'sandboxed' } });
    const { profile, next, audit, w } = await start(file);
    unlinkSync(file);
    let changes = await next(1);
    expect(changes).toEqual([{ kind: 'deleted', kept: profile, files: [file] }]);
    expect(audit).toEqual([{ session: 's1', event: 'profile.reload_failed', profile: file, keptRevision: profile.revision, errors: [`${file} was deleted; keeping revision ${profile.revision}`] }]);
    expect(w.current()).toBe(profile);
    write(file, { security: { mode: 'locked' } });
    changes = await next(2);
    expect(changes.map((c) => c.kind)).toEqual(['deleted', 'reload']);
  });

  it('debounces an editor save burst (truncate, partial writes, rename over) into one reload of the final content', async () => {
    const file = join(dir, 'p.json');
    write(file, { security: { mode: 'sandboxed' } });
    const { next, w } = await start(file);
    write(file, '');
    write(file, '{"security":{"mo');
    write(file, { security: { mode: 'unrestricted' } });
    write(join(dir, '.p.json.swp'), { security: { mode: 'locked' } });
    renameSync(join(dir, '.p.json.swp'), file);
    const changes = await next(1);
    expect(changes.map((c) => c.kind)).toEqual(['reload']);
    expect(w.current().security.mode).toBe('locked');
  });

  it('reloads when a file the profile extends changes, and starts watching a newly extended file', async () => {
    const base = join(dir, 'base.json');
    const other = join(dir, 'other.json');
    const file = join(dir, 'p.json');
    write(base, { toolPolicies: { exec: { blockedPatterns: ['sudo'] } } });
    write(other, { toolPolicies: { exec: { blockedPatterns: ['mkfs'] } } });
    write(file, { extends: './base.json' });
    const { next, w } = await start(file);
    write(base, { toolPolicies: { exec: { blockedPatterns: ['sudo', 'rm -rf'] } } });
    let changes = await next(1);
    expect(changes.map((c) => (c.kind === 'reload' ? c.changed : c.kind))).toEqual([['toolPolicies.exec.blockedPatterns']]);
    write(file, { extends: ['./base.json', './other.json'] });
    await next(2);
    expect(w.current().sources).toEqual([base, other, file]);
    write(other, { toolPolicies: { exec: { blockedPatterns: ['mkfs', 'dd'] } } });
    changes = await next(3);
    expect(w.current().toolPolicies.exec?.blockedPatterns).toEqual(['sudo', 'rm -rf', 'mkfs', 'dd']);
  });

  it('refuses an edit that leaves the file writable by others when given the safety check', async () => {
    const file = join(dir, 'p.json');
    write(file, { security: { mode: 'sandboxed' } });
    chmodSync(file, 0o600);
    const uid = process.getuid!();
    const { profile, next, w } = await start(file, (p) => assertProfileSafe(p, { allowedPaths: [], uid }));
    chmodSync(file, 0o666);
    write(file, { security: { mode: 'unrestricted' } });
    const changes = await next(1);
    expect(changes).toEqual([{ kind: 'reload_failed', kept: profile, errors: [`profile ${file} is unsafe to use (1 problem):`, `file ${file} is world-writable (mode 666)`] }]);
    expect(w.current()).toBe(profile);
  });
});
