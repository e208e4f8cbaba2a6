import { spawn as spawnChild } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChild } from '../audit/build-child.js';

const FIXTURE = 'test/approval/fixtures/tty-child.ts';
let childJs: string;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'argent-tty-'));
  childJs = buildChild(FIXTURE)(FIXTURE);
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

type Spec = { command: string; timeoutMs: number; cwd?: string; revision?: string };

/** A real terminal running the child with stdin from /dev/null and stdout into a pipe. */
function session(rounds: Spec[][]) {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.jsonl`);
  const term = pty.spawn('/bin/bash', ['-c', `node "$CHILD" </dev/null | cat > "$OUT"`], {
    cols: 200,
    rows: 50,
    env: { ...process.env, CHILD: childJs, OUT: out, ROUNDS: JSON.stringify(rounds) } as Record<string, string>,
  });
  let screen = '';
  term.onData((d) => (screen += d));
  const exited = new Promise<number>((resolve) => term.onExit((e) => resolve(e.exitCode)));
  return {
    term,
    /** What the terminal showed, without colour/erase sequences. */
    screen: () => screen.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''),
    async waitFor(pattern: RegExp, from = 0, timeoutMs = 10_000): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = pattern.exec(this.screen().slice(from));
        if (m) return from + m.index + m[0].length;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} in:\n${this.screen()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async outcomes(): Promise<Record<string, unknown>[]> {
      expect(await exited).toBe(0);
      return readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    },
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('tty approver on a real terminal', () => {
  it('shows the command, cwd, profile, who asked, rules and paths on /dev/tty while stdout is a pipe, and approves on "a"', async () => {
    const s = session([[{ command: 'rm -r build', timeoutMs: 20_000 }]]);
    const at = await s.waitFor(/auto-reject in 0:(19|20)/);
    for (const line of [
      'argent-run: approval needed\r',
      'command : rm -r build',
      'cwd     : /work/proj',
      'profile : sandboxed (revision rev111111111)',
      'asked by: session sess-1, agent claude',
      'why     : `rm -r build` deletes files',
      '  - [approval-required] builtin.destructive: `rm -r build` deletes files',
      '  - write /work/proj/build  [rm build]',
      '[a] approve  [r] reject  [s] approve this exact command for the session',
    ]) expect(s.screen()).toContain(line);
    await pause(300);
    s.term.write('a');
    await s.waitFor(/-> APPROVED \(approved at the terminal\)/, at);
    expect(await s.outcomes()).toEqual([{ command: 'rm -r build', approved: true, by: 'tty', reason: 'approved at the terminal' }]);
  });

  it('rejects on "r", and ignores a key typed within 250 ms of the prompt appearing (type-ahead)', async () => {
    const s = session([[{ command: 'rm -r build', timeoutMs: 20_000 }]]);
    await s.waitFor(/auto-reject in/);
    s.term.write('a');
    await pause(400);
    s.term.write('r');
    expect(await s.outcomes()).toEqual([{ command: 'rm -r build', approved: false, by: 'tty', reason: 'rejected at the terminal' }]);
  });

  it('counts down live and rejects with "approval timed out" when nobody answers', async () => {
    const started = Date.now();
    const s = session([[{ command: 'rm -r slow', timeoutMs: 2500 }]]);
    const a = await s.waitFor(/auto-reject in 0:0[23]/);
    const b = await s.waitFor(/auto-reject in 0:01/, a);
    await s.waitFor(/-> REJECTED \(approval timed out\)/, b);
    expect(await s.outcomes()).toEqual([{ command: 'rm -r slow', approved: false, by: 'timeout', reason: 'approval timed out' }]);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('asks about concurrent requests one at a time, and a session grant covers only the identical command', async () => {
    const s = session([
      [
        { command: 'rm -r a', timeoutMs: 20_000 },
        { command: 'rm -r b', timeoutMs: 20_000 },
      ],
      [
        { command: 'rm -r b', timeoutMs: 20_000 },
        { command: 'rm -r b', timeoutMs: 1500, cwd: '/other' },
      ],
    ]);
    let at = await s.waitFor(/command : rm -r a[^]*auto-reject in 0:\d\d \(1 more waiting\)/);
    await pause(300);
    s.term.write('r');
    at = await s.waitFor(/-> REJECTED \(rejected at the terminal\)[^]*command : rm -r b[^]*auto-reject in 0:\d\d   \[a\]/, at);
    await pause(300);
    s.term.write('s');
    at = await s.waitFor(/-> APPROVED \(approved at the terminal for this session\)/, at);
    await s.waitFor(/command : rm -r b\r+\n\s+cwd     : \/other[^]*-> REJECTED \(approval timed out\)/, at);
    expect(await s.outcomes()).toEqual([
      { command: 'rm -r a', approved: false, by: 'tty', reason: 'rejected at the terminal' },
      { command: 'rm -r b', approved: true, by: 'tty', reason: 'approved at the terminal for this session', rememberForSession: true },
      { command: 'rm -r b', approved: true, by: 'tty', reason: expect.stringMatching(/^approved for this session earlier \(request [\w-]+\)$/), rememberForSession: true },
      { command: 'rm -r b', approved: false, by: 'timeout', reason: 'approval timed out' },
    ]);
    expect(s.screen().match(/approval needed/g)).toHaveLength(3);
  });

  it('rejects at once, saying why, when the process has no controlling terminal', async () => {
    const started = Date.now();
    // detached: setsid(), so the child has no controlling terminal and /dev/tty cannot be opened.
    const child = spawnChild(process.execPath, [childJs], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ROUNDS: JSON.stringify([[{ command: 'rm -r build', timeoutMs: 20_000 }]]) },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
    expect(JSON.parse(out)).toEqual({
      command: 'rm -r build',
      approved: false,
      by: 'tty',
      reason: 'no controlling terminal to ask on (/dev/tty: ENXIO); use --approver jsonl or web',
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
