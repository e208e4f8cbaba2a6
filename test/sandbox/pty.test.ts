// The PTY supervisor with real bwrap: limits, timeouts, exit statuses, large and binary output.
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadProfile } from '../../src/profile/load.js';
import { makeFixture, sandboxed, type Fixture } from './helpers.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture({ limits: { processes: 20, openFiles: 64, cpuSeconds: 30, fileSizeMb: 2, memoryMb: 2048 } });
});
afterAll(() => fx.cleanup());

function processesWith(token: string): number {
  let n = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(token)) n++;
    } catch {
      // gone
    }
  }
  return n;
}

describe('resource limits (harmless probes)', () => {
  test('the profile limits are in force inside: ulimit shows them, core dumps are off', async () => {
    const r = await sandboxed(fx, 'ulimit -u; ulimit -n; ulimit -t; ulimit -f; ulimit -v; ulimit -c');
    expect(r.text.trim().split('\n')).toEqual(['20', '64', '30', String(2 * 1024), String(2048 * 1024), '0']);
  });

  test('a bounded loop of 40 sleeping children hits the process limit of 20 (RLIMIT_NPROC inside the user namespace)', async () => {
    copyFileSync(new URL('../fixtures/probes/forks.py', import.meta.url), join(fx.workdir, 'forks.py'));
    const r = await sandboxed(fx, 'python3 forks.py', { timeoutMs: 20_000 });
    const [, ok, fail] = /ok (\d+) fail (\d+)/.exec(r.text) ?? [];
    expect(Number(ok)).toBeLessThan(20);
    expect(Number(ok) + Number(fail)).toBe(40);
    expect(Number(fail)).toBeGreaterThan(20);
  });

  test('a file larger than fileSizeMb cannot be written (SIGXFSZ / EFBIG)', async () => {
    const r = await sandboxed(fx, 'head -c 3M /dev/zero > big.bin; echo "rc=$?"; stat -c %s big.bin');
    expect(r.text).toMatch(/rc=(153|1)/);
    expect(r.text.trim().split('\n').pop()).toBe(String(2 * 1024 * 1024));
  });
});

describe('exit status', () => {
  test("passes the command's own exit code through", async () => {
    expect((await sandboxed(fx, 'exit 7')).exitCode).toBe(7);
  });

  test('reports 128+n when the command is killed by signal n', async () => {
    expect((await sandboxed(fx, 'kill -9 $$')).exitCode).toBe(137);
  });

  test('reports 127 for a command that does not exist', async () => {
    expect((await sandboxed(fx, 'no-such-program-xyz')).exitCode).toBe(127);
  });
});

describe('timeout', () => {
  test('kills the whole tree, even a child that ignores SIGTERM, and reports 124', async () => {
    const token = `argent-timeout-${process.pid}`;
    const r = await sandboxed(fx, `trap '' TERM; bash -c 'trap "" TERM; exec -a ${token} sleep 60' & bash -c 'exec -a ${token} sleep 60'`, { timeoutMs: 500, graceMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBe(124);
    expect(r.limitHit).toBe('timeout');
    await new Promise((res) => setTimeout(res, 200));
    expect(processesWith(token)).toBe(0);
  });
});

describe('output', () => {
  test('100 MB of output streams through, the kept copy stops at the cap with truncated: true', async () => {
    let streamed = 0;
    const r = await sandboxed(fx, 'head -c 100000000 /dev/zero | tr "\\0" "a"; printf END', { outputCap: 1024 * 1024, onData: (c) => (streamed += c.length), timeoutMs: 60_000 });
    expect(r.exitCode).toBe(0);
    expect(r.truncated).toBe(true);
    expect(r.output.length).toBe(1024 * 1024);
    expect(r.outputBytes).toBe(streamed);
    expect(streamed).toBe(100_000_003);
  }, 60_000);

  test('binary output arrives byte for byte (raw mode), and data written just before exit is not lost', async () => {
    const r = await sandboxed(fx, 'stty raw -echo; printf "\\x00\\x01\\xfe\\xff"; printf tail-bytes');
    expect(r.output.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0xfe, 0xff]));
    expect(r.output.toString('latin1').endsWith('tail-bytes')).toBe(true);
  });

  test('the command has a usable terminal of the requested size', async () => {
    const r = await sandboxed(fx, 'test -t 0 && test -t 1 && echo tty; stty size; python3 -c "import pty,os; m,s=pty.openpty(); print(\'pty-ok\')"', { cols: 132, rows: 43 });
    expect(r.text.split('\n').slice(0, 3)).toEqual(['tty', '43 132', 'pty-ok']);
  });
});

describe('isolation "none"', () => {
  test('an unrestricted profile may run without namespaces, still in a PTY with limits', async () => {
    const profile = { ...loadProfile(fx.profileFile), sandbox: { ...fx.profile.sandbox, isolation: 'none' as const }, security: { ...fx.profile.security, mode: 'unrestricted' as const } };
    const r = await sandboxed(fx, 'test -t 1 && echo tty; ulimit -n; test -e /run/docker.sock && echo host-fs', { profile });
    expect(r.text.split('\n').slice(0, 2)).toEqual(['tty', '64']);
  });
});
