// The argent-run command as agents call it: the built CLI (npm test builds first), real policy engine,
// real bwrap, real PTYs. Profiles are written by the tests into temp dirs.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const CLI = resolve('dist/src/cli/argent-run.cjs');
let root: string;
let work: string;
let profile: string;
let fixed: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does) before this suite`);
  root = mkdtempSync(join(tmpdir(), 'argent-cli-'));
  work = join(root, 'work');
  mkdirSync(work);
  profile = join(root, 'allowed.json');
  writeFileSync(profile, JSON.stringify({ security: { mode: 'sandboxed' }, toolPolicies: { exec: { mode: 'allowed', allowedPaths: ['${WORKDIR}'], blockedPatterns: ['sudo'] } } }));
  fixed = join(root, 'fixed.json');
  writeFileSync(fixed, JSON.stringify({ toolPolicies: { exec: { mode: 'allowed', allowedPaths: [work] } } }));
  env = { ...process.env, ARGENT_AUDIT_LOG: join(root, 'state', 'audit.log'), ARGENT_PROFILE: '' };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync('node', [CLI, ...args], { cwd: work, env: { ...env, ...extraEnv }, input: input ?? '', encoding: 'utf8', timeout: 30_000 });
}

describe('one-shot', () => {
  test("passes the command's exit code and output through, with plain \\n on a pipe", () => {
    const r = run(['--profile', profile, '-c', 'echo out; echo err >&2; exit 7']);
    expect(r.status).toBe(7);
    expect(r.stdout).toBe('out\nerr\n');
  });

  test('runs an argv after -- with its words intact', () => {
    const r = run(['--profile', profile, '--', 'printf', '%s|', 'a b', "c'd"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("a b|c'd|");
  });

  test('passes piped stdin through to the command, without echoing it', () => {
    const r = run(['--profile', profile, '-c', 'cat; echo done'], 'line one\nline two\n');
    expect(r.stdout).toBe('line one\nline two\ndone\n');
  });

  test('with stdin on /dev/null the command sees end of input at once', () => {
    const r = spawnSync('node', [CLI, '--profile', profile, '-c', 'cat; echo done'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('done\n');
  });

  test('a bounded loop of 40 sleeping children hits a process limit of 16 (a pids cgroup for root, RLIMIT_NPROC otherwise)', () => {
    const limited = join(root, 'limited.json');
    writeFileSync(limited, JSON.stringify({ toolPolicies: { exec: { mode: 'allowed', allowedPaths: ['${WORKDIR}'] } }, sandbox: { limits: { processes: 16 } } }));
    copyFileSync(new URL('../fixtures/probes/forks.py', import.meta.url), join(work, 'forks.py'));
    const r = run(['--profile', limited, '-c', 'python3 forks.py']);
    const [, ok, fail] = /ok (\d+) fail (\d+)/.exec(r.stdout) ?? [];
    expect(Number(ok) + Number(fail)).toBe(40);
    expect(Number(ok)).toBeLessThan(16);
    expect(Number(fail)).toBeGreaterThan(24);
  });

  test('reports 127 for a command that does not exist', () => {
    expect(run(['--profile', profile, '-c', 'no-such-program-xyz']).status).toBe(127);
  });

  test('kills a command that outlives --timeout and exits 124', () => {
    const r = run(['--profile', profile, '--timeout', '1', '-c', "trap '' TERM; sleep 30"]);
    expect(r.status).toBe(124);
    expect(r.stderr).toContain('timed out');
  });

  test('refuses a blocked command with 126, naming the rule, and never runs it', () => {
    const r = run(['--profile', 'sandboxed', '-c', 'sudo touch ran.txt']);
    expect(r.status).toBe(126);
    expect(r.stderr).toMatch(/^argent-run: refused: blocked by policy \(toolPolicies\.exec\.blockedPatterns\[\d\]\): .*sudo/);
    expect(existsSync(join(work, 'ran.txt'))).toBe(false);
  });

  test('rejects an approval-required command when no terminal can answer (126, saying why)', () => {
    writeFileSync(join(work, 'keep.txt'), 'x');
    const r = spawnSync('setsid', ['node', CLI, '--profile', 'sandboxed', '-c', 'rm keep.txt'], { cwd: work, env, encoding: 'utf8', input: '' });
    expect(r.status).toBe(126);
    expect(r.stderr).toMatch(/approval required.*not approved: .+/);
    expect(existsSync(join(work, 'keep.txt'))).toBe(true);
  });

  test('records decision, run.start and run.end in the audit log before returning', () => {
    rmSync(join(root, 'state'), { recursive: true, force: true });
    run(['--profile', profile, '-c', 'true']);
    const events = readFileSync(join(root, 'state', 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).event);
    expect(events).toEqual(['profile.load', 'decision', 'run.start', 'run.end']);
  });

  test('the audit log folder is read-only inside the sandbox even when it lies in the working root', () => {
    const log = join(work, 'logs', 'audit.log');
    const r = run(['--profile', profile, '-c', 'echo forged >> logs/audit.log; echo "rc=$?"'], '', { ARGENT_AUDIT_LOG: log });
    expect(r.stdout).toContain('Read-only file system');
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines.every((l) => typeof JSON.parse(l).event === 'string')).toBe(true);
  });
});

describe('bad input', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown option', ['--bogus'], /^argent-run: unknown option "--bogus"\nhint: /],
    ['-c without a command', ['-c'], /^argent-run: expected a command after -c, found nothing\nhint: /],
    ['a bad --timeout', ['--timeout', 'soon', '-c', 'true'], /^argent-run: expected --timeout to be a positive number of seconds, found "soon"/],
    ['a missing working root', ['--workdir', '/nonexistent/dir', '-c', 'true'], /^argent-run: working root \/nonexistent\/dir does not exist or is not a directory\nhint: /],
    ['an unreadable profile', ['--profile', '/nonexistent/p.json', '-c', 'true'], /^argent-run: cannot read profile \/nonexistent\/p.json: it does not exist\nhint: /],
    ['a working root outside allowedPaths', ['--profile', 'FIXED', '--workdir', '/usr', '-c', 'true'], /^argent-run: working root \/usr is outside the profile's allowedPaths/],
  ];
  test.each(cases)('%s exits 125 with what was expected and how to fix it, no stack trace', (_name, args, message) => {
    const r = run(args.map((a) => (a === 'FIXED' ? fixed : a)));
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('without bubblewrap it exits 125 with the install command and runs nothing', () => {
    // bwrap hidden by a sandbox of our own: /usr/bin/bwrap becomes /dev/null (not executable).
    const r = spawnSync('bwrap', ['--bind', '/', '/', '--dev', '/dev', '--ro-bind', '/dev/null', '/usr/bin/bwrap', '--', 'node', CLI, '--profile', profile, '-c', 'touch ran.txt'], { cwd: work, env, encoding: 'utf8' });
    expect(r.status).toBe(125);
    expect(r.stderr).toContain('apt-get install bubblewrap');
    expect(existsSync(join(work, 'ran.txt'))).toBe(false);
  });
});

describe('a host where bwrap cannot create namespaces', () => {
  // An outer bwrap with --disable-userns: user namespaces cannot be created inside it.
  const noUserns = (args: string[]): SpawnSyncReturns<string> =>
    spawnSync('bwrap', ['--bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-user', '--unshare-pid', '--disable-userns', '--', 'node', CLI, ...args], { cwd: work, env, encoding: 'utf8', input: '' });

  test('--check exits 125 and says why', () => {
    const r = noUserns(['--check']);
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(/^argent-run: bubblewrap cannot create namespaces on this host: .+\nhint: .*apt-get install bubblewrap/);
  });

  test('a command exits 125 instead of running, never unsandboxed', () => {
    const r = noUserns(['--profile', profile, '-c', 'touch ran.txt']);
    expect(r.status).toBe(125);
    expect(r.stderr).toContain('cannot create namespaces');
    expect(existsSync(join(work, 'ran.txt'))).toBe(false);
  });
});

describe('--check and sessions', () => {
  test('--check proves the sandbox works here (exit 0)', () => {
    const r = run(['--check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^sandbox OK: .*bwrap.*process limit enforced/);
  });

  test('--jsonl keeps one shell: state persists, decisions and results come back as JSON lines', () => {
    const input = ['{"id":1,"cmd":"cd sub 2>/dev/null || mkdir sub && cd sub; X=5"}', '{"id":2,"cmd":"echo $X; pwd"}', 'not json', '{"id":3,"cmd":"sudo id"}', ''].join('\n');
    const r = run(['--profile', profile, '--jsonl'], input);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const result = (id: number): Record<string, unknown> => events.find((e) => e.type === 'result' && e.id === id);
    expect(events[0]).toMatchObject({ type: 'ready', workdir: work, cwd: work });
    expect(result(2)).toMatchObject({ decision: 'allow', exitCode: 0, output: `5\n${work}/sub\n`, cwd: `${work}/sub`, timedOut: false, truncated: false });
    expect(events.some((e) => e.type === 'error' && /expected one JSON object per line/.test(e.message))).toBe(true);
    expect(result(3)).toMatchObject({ decision: 'blocked', exitCode: 126 });
    expect(r.status).toBe(0);
  });

  test('killing the supervisor with SIGKILL takes the whole sandbox down with it', async () => {
    const token = `argent-orphan-${process.pid}`;
    const child = spawn('node', [CLI, '--profile', profile, '-c', `bash -c 'exec -a ${token} sleep 60' & exec -a ${token} sleep 60`], { cwd: work, env, stdio: 'ignore' });
    const count = (): number =>
      readdirSync('/proc')
        .filter((d) => /^\d+$/.test(d))
        .filter((pid) => {
          try {
            return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(token);
          } catch {
            return false;
          }
        }).length;
    for (let i = 0; i < 100 && count() < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(count()).toBe(2);
    child.kill('SIGKILL');
    for (let i = 0; i < 40 && count() > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(count()).toBe(0);
  });
});
