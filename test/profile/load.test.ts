import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArgentError } from '../../src/errors.js';
import { loadChosenProfile, loadProfile } from '../../src/profile/load.js';
import { shippedProfileNames, userConfigPath } from '../../src/profile/locate.js';

const dir = mkdtempSync(join(tmpdir(), 'argent-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function loadError(spec: string): ArgentError {
  try {
    loadProfile(spec);
  } catch (err) {
    if (err instanceof ArgentError) return err;
    throw err;
  }
  throw new Error(`expected ${spec} to fail`);
}

describe('shipped profiles', () => {
  it('ships the seeds\' modes and agent types, all valid', () => {
    expect(shippedProfileNames()).toEqual(['customer-facing', 'development', 'locked', 'personal', 'sandboxed', 'unrestricted']);
    for (const name of shippedProfileNames()) expect(() => loadProfile(name)).not.toThrow();
  });

  it('maps agent types to the seeds\' recommended modes', () => {
    expect(loadProfile('customer-facing').security.mode).toBe('locked');
    expect(loadProfile('personal').security.mode).toBe('sandboxed');
    expect(loadProfile('development').security.mode).toBe('unrestricted');
  });

  it('uses the seeds\' 5-minute approval timeout by default', () => {
    expect(loadProfile('sandboxed').security.approvalTimeoutMs).toBe(300_000);
  });
});

describe('profile choice', () => {
  it('prefers --profile, then ARGENT_PROFILE, then the user config file, then the sandboxed default', () => {
    const xdg = mkdtempSync(join(dir, 'xdg-'));
    const env = { XDG_CONFIG_HOME: xdg } as NodeJS.ProcessEnv;
    expect(loadChosenProfile(undefined, env).choice).toEqual({ spec: 'sandboxed', origin: 'default' });
    const user = userConfigPath(env);
    rmSync(join(xdg, 'argent'), { recursive: true, force: true });
    mkdirSync(join(xdg, 'argent'));
    writeFileSync(user, JSON.stringify({ security: { mode: 'locked' } }));
    expect(loadChosenProfile(undefined, env).choice).toEqual({ spec: user, origin: 'user-config' });
    expect(loadChosenProfile(undefined, env).profile.security.mode).toBe('locked');
    expect(loadChosenProfile(undefined, { ...env, ARGENT_PROFILE: 'development' }).choice.origin).toBe('env');
    expect(loadChosenProfile('personal', { ...env, ARGENT_PROFILE: 'development' }).choice).toEqual({ spec: 'personal', origin: 'flag' });
  });
});

describe('validation', () => {
  it('names the file and key path of every problem, one line each', () => {
    const file = write('bad.json', {
      security: { mode: 'paranoid', approvalTimeoutMs: 'soon' },
      toolPolicies: { exec: { allowedPaths: ['relative/dir'], blockedPatern: ['x'] } },
      colour: 'blue',
    });
    const err = loadError(file);
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.exitCode).toBe(2);
    expect(err.problems.sort()).toEqual(
      [
        `${file}: colour: unknown key; remove it or check its spelling`,
        `${file}: security.mode: expected one of "unrestricted", "sandboxed", "locked", found "paranoid"`,
        `${file}: security.approvalTimeoutMs: expected number, found "soon"`,
        `${file}: toolPolicies.exec.allowedPaths[0]: must be absolute: start with "/", "~/" or "\${WORKDIR}", found "relative/dir"`,
        `${file}: toolPolicies.exec.blockedPatern: unknown key; remove it or check its spelling`,
      ].sort(),
    );
  });

  it('rejects a file that is not JSON, saying where', () => {
    const err = loadError(write('broken.json', '{"security": {"mode": "locked",}}'));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toMatch(/broken\.json is not valid JSON/);
  });

  it('rejects a missing or unreadable file', () => {
    expect(loadError(join(dir, 'nope.json')).code).toBe('CONFIG_UNREADABLE');
    if (process.getuid?.() !== 0) {
      const f = write('secret.json', '{}');
      chmodSync(f, 0o000);
      expect(loadError(f).code).toBe('CONFIG_UNREADABLE');
    }
  });

  it('rejects an unknown profile name, listing the shipped ones', () => {
    const err = loadError('paranoid');
    expect(err.code).toBe('PROFILE_NOT_FOUND');
    expect(err.hint).toContain('sandboxed');
  });

  it('refuses isolation "none" outside unrestricted mode', () => {
    const err = loadError(write('noiso.json', { security: { mode: 'sandboxed' }, sandbox: { isolation: 'none' } }));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain('isolation "none" requires security.mode "unrestricted"');
  });
});

describe('extends', () => {
  it('accumulates deny lists and replaces allowedPaths', () => {
    const file = write('child.json', {
      extends: 'sandboxed',
      toolPolicies: { exec: { blockedPatterns: ['curl'], allowedPaths: ['/srv/app'] } },
    });
    const p = loadProfile(file);
    expect(p.toolPolicies.exec?.blockedPatterns).toEqual(['rm -rf', 'sudo', 'chmod 777', 'mkfs', '> /dev/', ':(){ :|:& };:', 'curl']);
    expect(p.toolPolicies.exec?.allowedPaths).toEqual(['/srv/app']);
    expect(p.security.mode).toBe('sandboxed');
    expect(p.sources).toHaveLength(2);
  });

  it('resolves relative extends against the extending file and detects cycles', () => {
    write('a.json', { extends: './b.json' });
    write('b.json', { extends: './a.json' });
    const err = loadError(join(dir, 'a.json'));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain('extends itself');
  });

  it('changes the revision when the effective content changes', () => {
    const a = loadProfile(write('r1.json', { security: { mode: 'locked' } }));
    const b = loadProfile(write('r2.json', { security: { mode: 'locked', approvalTimeoutMs: 1000 } }));
    expect(a.revision).not.toBe(b.revision);
    expect(loadProfile(join(dir, 'r1.json')).revision).toBe(a.revision);
  });
});
