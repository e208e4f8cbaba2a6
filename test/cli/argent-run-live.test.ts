// Live profiles and profile safety in a real argent-run session (built CLI, real bwrap, real files).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const CLI = resolve('dist/src/cli/argent-run.cjs');
let root: string;
let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does) before this suite`);
  root = mkdtempSync(join(tmpdir(), 'argent-live-'));
  work = join(root, 'work');
  mkdirSync(join(root, 'profiles'), { mode: 0o700 });
  mkdirSync(work);
  env = { ...process.env, ARGENT_AUDIT_LOG: join(root, 'state', 'audit.log'), ARGENT_PROFILE: '' };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const policy = (mode: string) => JSON.stringify({ toolPolicies: { exec: { mode, allowedPaths: ['${WORKDIR}'] } } });

/** A --jsonl session with a queue of the events it printed. */
function session(profile: string) {
  const child: ChildProcessWithoutNullStreams = spawn('node', [CLI, '--profile', profile, '--jsonl'], { cwd: work, env });
  const events: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    events.push(JSON.parse(line));
    waiters.splice(0).forEach((w) => w());
  });
  const next = async (match: (e: Record<string, unknown>) => boolean, what: string) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const i = events.findIndex(match);
      if (i !== -1) return events.splice(i, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no ${what} event; got ${JSON.stringify(events)}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  let id = 0;
  const runCmd = async (cmd: string) => {
    const my = ++id;
    child.stdin.write(`${JSON.stringify({ id: my, cmd })}\n`);
    return next((e) => e.type === 'result' && e.id === my, `result ${my}`);
  };
  return { child, next, runCmd };
}

describe('live profiles', () => {
  test('a valid edit decides the next command; an invalid or deleted file keeps the last good profile', async () => {
    const file = join(root, 'profiles', 'live.json');
    writeFileSync(file, policy('allowed'), { mode: 0o600 });
    const s = session(file);
    try {
      await s.next((e) => e.type === 'ready', 'ready');
      expect(await s.runCmd('echo one')).toMatchObject({ decision: 'allow', exitCode: 0, output: 'one\n' });

      writeFileSync(file, policy('blocked'));
      expect(await s.next((e) => e.type === 'profile', 'profile reload')).toMatchObject({ event: 'reload', changed: ['toolPolicies.exec.mode'] });
      expect(await s.runCmd('echo two')).toMatchObject({ decision: 'blocked', exitCode: 126 });

      writeFileSync(file, '{"toolPolicies": {"exec": {"mode": "allowed",}}}');
      const failed = await s.next((e) => e.type === 'profile', 'reload failure');
      expect(failed).toMatchObject({ event: 'reload_failed' });
      expect(String((failed.errors as string[])[0])).toContain('is not valid JSON');
      expect(await s.runCmd('echo three')).toMatchObject({ decision: 'blocked', exitCode: 126 });

      unlinkSync(file);
      expect(await s.next((e) => e.type === 'profile', 'deletion')).toMatchObject({ event: 'deleted' });
      expect(await s.runCmd('echo four')).toMatchObject({ decision: 'blocked', exitCode: 126 });
    } finally {
      s.child.stdin.end();
      s.child.kill('SIGTERM');
    }
  });
});

describe('profile safety', () => {
  test('refuses a profile file that other users can write, with the fix, exit 125', () => {
    const file = join(root, 'profiles', 'open.json');
    writeFileSync(file, policy('allowed'));
    chmodSync(file, 0o666);
    const r = spawnSync('node', [CLI, '--profile', file, '-c', 'true'], { cwd: work, env, encoding: 'utf8' });
    expect(r.status).toBe(125);
    expect(r.stderr).toContain(`profile ${file} is unsafe to use`);
    expect(r.stderr).toContain('hint: keep profiles in a directory only you can write');
  });

  test('keeps a profile inside the working root out of the sandboxed command\'s reach', () => {
    const file = join(work, 'argent.json');
    writeFileSync(file, policy('allowed'), { mode: 0o600 });
    const r = spawnSync('node', [CLI, '--profile', file, '-c', `echo '{}' > ${file}; echo status=$?`], { cwd: work, env, encoding: 'utf8' });
    expect(r.stdout).toMatch(/Read-only file system|Permission denied/);
    expect(r.stdout).toContain('status=1');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(policy('allowed')));
  });
});
