import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real built CLI (npm test builds first), run as a user would, with a private XDG config dir so
// the developer's own config never leaks in.
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'src', 'cli', 'argent.cjs');
const base = mkdtempSync(join(tmpdir(), 'argent-cli-'));
const project = join(base, 'project');
const env = { ...process.env, XDG_CONFIG_HOME: join(base, 'xdg'), ARGENT_PROFILE: '' };

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` (npm test does) before this suite`);
  mkdirSync(project);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function argent(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: project, env, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('argent security test', () => {
  it('prints BLOCKED, the rule and why for the seeds\' example, exit 4', () => {
    const r = argent(['security', 'test', 'rm -rf /tmp/old-files']);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('BLOCKED: rm -rf /tmp/old-files');
    expect(r.stdout).toContain('rule:    toolPolicies.exec.blockedPatterns[0]: `rm -rf /tmp/old-files` matches blocked pattern "rm -rf"');
    expect(r.stderr).toBe('');
  });

  it('prints one JSON object with --json', () => {
    const r = argent(['security', 'test', '--json', 'rm build.log']);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ decision: 'approval-required', tool: 'exec', profile: 'sandboxed', cwd: project });
    expect(out.paths).toEqual([{ arg: 'build.log', resolved: join(project, 'build.log'), inside: true, access: 'write', command: 'rm' }]);
    expect(out.rules).toContainEqual({ key: 'security.mode', decision: 'approval-required', detail: 'sandboxed mode: `rm build.log` removes files (destructive: remove)' });
  });

  it('exits 0 for an allowed command', () => {
    expect(argent(['security', 'test', 'ls -la']).code).toBe(0);
  });

  it('checks URLs with --tool browser', () => {
    const profile = join(base, 'browser.json');
    writeFileSync(profile, JSON.stringify({ toolPolicies: { browser: { blockedDomains: ['*.internal.company.com'] } } }));
    expect(argent(['security', 'test', '--profile', profile, '--tool', 'browser', 'https://wiki.internal.company.com/']).code).toBe(4);
    expect(argent(['security', 'test', '--profile', profile, '--tool', 'browser', 'https://example.org/']).code).toBe(0);
  });

  it('decides a JSONL batch in order, keeping ids, taking raw lines as commands, and isolating bad lines', () => {
    const input = [
      JSON.stringify({ id: 'a', cmd: 'ls' }),
      JSON.stringify('cat <<EOF > new.txt\nhello\nEOF'),
      'sudo rm -rf /',
      JSON.stringify({ id: 'bad', cmd: 42 }),
      '',
      JSON.stringify({ id: 'b', cmd: 'cat /etc/passwd', cwd: '/' }),
    ].join('\n');
    const r = argent(['security', 'test', '--json', '--batch', '-'], input);
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => [o.id, o.decision ?? o.error.code])).toEqual([
      ['a', 'allow'],
      [2, 'allow'],
      [3, 'blocked'],
      ['bad', 'BAD_LINE'],
      ['b', 'blocked'],
    ]);
    expect(out[3].error.message).toBe('expected "cmd" to be a string, found number');
  });

  it('refuses bad usage with a clear message and exit 2, never a stack trace', () => {
    for (const args of [['security', 'test'], ['security', 'test', '--bogus', 'ls'], ['security', 'test', '--cwd', '/nonexistent', 'ls'], ['frobnicate']]) {
      const r = argent(args);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.stderr).toMatch(/^argent: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('argent config and profiles', () => {
  it('prints the effective security.mode (the seeds\' example)', () => {
    const r = argent(['config', 'get', 'security.mode']);
    expect([r.code, r.stdout]).toEqual([0, 'sandboxed\n']);
    expect(argent(['config', 'get', 'security.mode', '--profile', 'customer-facing']).stdout).toBe('locked\n');
  });

  it('names the key it cannot find', () => {
    const r = argent(['config', 'get', 'security.nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no key "security.nope"');
    expect(r.stderr).toContain('security.mode');
  });

  it('validates a file, listing every problem with its key path, exit 2', () => {
    const bad = join(base, 'bad.json');
    writeFileSync(bad, JSON.stringify({ security: { mode: 'yolo' }, toolPolicies: { exec: { allowedPaths: ['relative'] } } }));
    const r = argent(['config', 'validate', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: security.mode: expected one of "unrestricted", "sandboxed", "locked", found "yolo"`);
    expect(r.stderr).toContain(`${bad}: toolPolicies.exec.allowedPaths[0]: must be absolute`);
    expect(argent(['config', 'validate', join(root, 'profiles', 'personal.json')]).code).toBe(0);
  });

  it('uses the user config file when no profile is given', () => {
    mkdirSync(join(base, 'xdg', 'argent'), { recursive: true });
    writeFileSync(join(base, 'xdg', 'argent', 'config.json'), JSON.stringify({ security: { mode: 'unrestricted' } }));
    try {
      expect(argent(['config', 'get', 'security.mode']).stdout).toBe('unrestricted\n');
    } finally {
      rmSync(join(base, 'xdg'), { recursive: true, force: true });
    }
  });

  it('lists the shipped profiles', () => {
    const r = argent(['profiles', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/).slice(0, 2))).toEqual([
      ['customer-facing', 'locked'],
      ['development', 'unrestricted'],
      ['locked', 'locked'],
      ['personal', 'sandboxed'],
      ['sandboxed', 'sandboxed'],
      ['unrestricted', 'unrestricted'],
    ]);
  });

  it('answers --help with usage and exit 0', () => {
    for (const args of [['--help'], ['security', 'test', '--help'], ['config', '--help'], ['profiles', '--help']]) {
      const r = argent(args);
      expect([args, r.code]).toEqual([args, 0]);
      expect(r.stdout).toMatch(/Usage: argent/);
    }
  });
});
