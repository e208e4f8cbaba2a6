// argent-run driven through a real terminal (node-pty) and as a --jsonl peer: the interactive prompt,
// window-size changes, signal forwarding, and approvals answered over the line protocol.
import { spawn as spawnChild } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { spawn, type IPty } from 'node-pty';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const CLI = resolve('dist/src/cli/argent-run.cjs');
let root: string;
let work: string;
let profile: string;
let env: Record<string, string>;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does) before this suite`);
  root = mkdtempSync(join(tmpdir(), 'argent-tty-'));
  work = join(root, 'work');
  mkdirSync(work);
  profile = join(root, 'allowed.json');
  writeFileSync(profile, JSON.stringify({ toolPolicies: { exec: { mode: 'allowed', allowedPaths: ['${WORKDIR}'] } } }));
  env = { ...(process.env as Record<string, string>), ARGENT_AUDIT_LOG: join(root, 'audit.log'), TERM: 'xterm' };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function terminal(args: string[], cols = 80, rows = 24): { pty: IPty; output: () => string; waitFor: (re: RegExp, ms?: number) => Promise<string>; exit: Promise<number> } {
  const pty = spawn('node', [CLI, ...args], { cwd: work, env, cols, rows, name: 'xterm' });
  let out = '';
  pty.onData((d) => (out += d));
  const exit = new Promise<number>((r) => pty.onExit(({ exitCode }) => r(exitCode)));
  const waitFor = async (re: RegExp, ms = 10_000): Promise<string> => {
    const end = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${re} in ${JSON.stringify(out)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return out;
  };
  return { pty, output: () => out, waitFor, exit };
}

describe('on a terminal', () => {
  test('without a command it is an interactive prompt over one persistent shell', async () => {
    const t = terminal(['--profile', profile]);
    await t.waitFor(/argent\$ /);
    t.pty.write('mkdir -p sub; cd sub; X=7; echo step-one\r');
    await t.waitFor(/step-one/);
    t.pty.write('echo "x=$X in $PWD"\r');
    await t.waitFor(new RegExp(`x=7 in ${work}/sub`));
    t.pty.write('\x04');
    expect(await t.exit).toBe(0);
  });

  test('a one-shot command follows the caller\'s window size, also when it changes', async () => {
    const t = terminal(['--profile', profile, '-c', 'stty size; read -r go; stty size'], 100, 30);
    await t.waitFor(/30 100/);
    t.pty.resize(120, 40);
    await new Promise((r) => setTimeout(r, 200));
    t.pty.write('go\r');
    await t.waitFor(/40 120/);
    expect(await t.exit).toBe(0);
  });

  test('^C typed at the terminal interrupts the command (exit 130)', async () => {
    const t = terminal(['--profile', profile, '-c', 'echo started; sleep 20']);
    await t.waitFor(/started/);
    t.pty.write('\x03');
    expect(await t.exit).toBe(130);
  });
});

describe('signals and approvals', () => {
  test('SIGTERM sent to argent-run reaches the sandboxed command, whose own exit code comes back', async () => {
    const child = spawnChild('node', [CLI, '--profile', profile, '-c', 'trap "echo got-term; exit 3" TERM; echo ready; sleep 20 & wait'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    while (!out.includes('ready')) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(out).toBe('ready\ngot-term\n');
    expect(code).toBe(3);
  });

  test('--jsonl: an approval-required command waits for an approval message and runs once approved', async () => {
    writeFileSync(join(work, 'a.txt'), 'a');
    writeFileSync(join(work, 'b.txt'), 'b');
    const child = spawnChild('node', [CLI, '--profile', 'sandboxed', '--jsonl'], { cwd: work, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const lines = createInterface({ input: child.stdout });
    const events: Array<Record<string, unknown>> = [];
    const next = (pred: (e: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> =>
      new Promise((resolve) => {
        const found = events.find(pred);
        if (found) return resolve(found);
        const on = (l: string): void => {
          const e = JSON.parse(l);
          events.push(e);
          if (pred(e)) {
            lines.off('line', on);
            resolve(e);
          }
        };
        lines.on('line', on);
      });
    await next((e) => e.type === 'ready');
    child.stdin.write('{"id":"r1","cmd":"rm a.txt"}\n');
    const req = await next((e) => e.type === 'approval_request');
    child.stdin.write(`${JSON.stringify({ type: 'approval', requestId: req.requestId, approve: true, by: 'test' })}\n`);
    expect(await next((e) => e.type === 'result' && e.id === 'r1')).toMatchObject({ decision: 'approval-required', exitCode: 0 });
    expect(existsSync(join(work, 'a.txt'))).toBe(false);
    child.stdin.write('{"id":"r2","cmd":"rm b.txt"}\n');
    const req2 = await next((e) => e.type === 'approval_request' && e.requestId !== req.requestId);
    child.stdin.write(`${JSON.stringify({ type: 'approval', requestId: req2.requestId, approve: false, by: 'test' })}\n`);
    expect(await next((e) => e.type === 'result' && e.id === 'r2')).toMatchObject({ decision: 'approval-required', exitCode: 126 });
    expect(existsSync(join(work, 'b.txt'))).toBe(true);
    child.stdin.end();
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
  });
});
