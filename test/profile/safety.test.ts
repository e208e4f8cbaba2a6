import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/profile/load.js';
import { shippedProfilesDir } from '../../src/profile/locate.js';
import { assertProfileSafe } from '../../src/profile/safety.js';

const uid = process.getuid!();
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'argent-safety-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function profileAt(path: string, content: object = { security: { mode: 'sandboxed' } }) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(content));
  chmodSync(path, 0o644);
  return path;
}

function problemsOf(fn: () => void): { code: string; problems: string[] } | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return { code: (err as { code: string }).code, problems: (err as { problems: string[] }).problems };
  }
}

describe('assertProfileSafe', () => {
  it('accepts a profile only its owner can write, outside every allowedPath', () => {
    const file = profileAt(join(dir, 'conf', 'p.json'));
    expect(() => assertProfileSafe(loadProfile(file), { allowedPaths: [join(dir, 'work')], uid })).not.toThrow();
  });

  it('refuses a group-writable file and a world-writable (non-sticky) directory, naming each', () => {
    const file = profileAt(join(dir, 'conf', 'p.json'));
    chmodSync(file, 0o664);
    chmodSync(join(dir, 'conf'), 0o777);
    expect(problemsOf(() => assertProfileSafe(loadProfile(file), { allowedPaths: [], uid }))).toEqual({
      code: 'PROFILE_UNSAFE',
      problems: [`file ${file} is group-writable (mode 664)`, `directory ${join(dir, 'conf')} is world-writable (mode 777)`],
    });
  });

  it('refuses a file owned by another user', () => {
    const file = profileAt(join(dir, 'p.json'));
    chownSync(file, 4321, 4321);
    expect(problemsOf(() => assertProfileSafe(loadProfile(file), { allowedPaths: [], uid }))?.problems).toEqual([
      `file ${file} is owned by uid 4321, not by you (uid ${uid}) or root`,
    ]);
  });

  it('refuses a profile, or a file it extends, inside a writable allowedPath, unless the sandbox mounts it read-only', () => {
    const work = join(dir, 'work');
    const parent = profileAt(join(work, 'base.json'), { security: { mode: 'locked' } });
    const child = profileAt(join(dir, 'conf', 'child.json'), { extends: parent });
    const message = `file ${parent} lies inside the sandbox's writable path ${work}: the sandboxed command could edit its own profile`;
    const err = problemsOf(() => assertProfileSafe(loadProfile(child), { allowedPaths: [work], uid }));
    expect(err).toEqual({ code: 'PROFILE_UNSAFE', problems: [message] });
    expect(() => assertProfileSafe(loadProfile(child), { allowedPaths: [work], uid, readOnlyInside: [work] })).not.toThrow();
  });

  it('sees through a symlink from a safe place to a profile inside an allowedPath', () => {
    const work = join(dir, 'work');
    const target = profileAt(join(work, 'p.json'));
    mkdirSync(join(dir, 'conf'));
    symlinkSync(target, join(dir, 'conf', 'link.json'));
    expect(problemsOf(() => assertProfileSafe(loadProfile(join(dir, 'conf', 'link.json')), { allowedPaths: [work], uid }))?.problems).toEqual([
      `file ${target} lies inside the sandbox's writable path ${work}: the sandboxed command could edit its own profile`,
    ]);
  });

  it('exempts the shipped profiles/ folder inside an allowedPath only when the sandbox mounts it read-only', () => {
    const shipped = shippedProfilesDir();
    const repo = join(shipped, '..');
    const profile = loadProfile('sandboxed');
    expect(problemsOf(() => assertProfileSafe(profile, { allowedPaths: [repo], uid }))?.code).toBe('PROFILE_UNSAFE');
    expect(() => assertProfileSafe(profile, { allowedPaths: [repo], uid, readOnlyInside: [shipped] })).not.toThrow();
  });
});
