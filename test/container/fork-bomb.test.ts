// Fork bombs in five spellings, run for real inside argent-run inside a throwaway container whose own
// pids limit (2048) is far above the profile's `processes` (64): the bomb must stop near 64 processes,
// be killed at the wall-clock limit and reported (exit 124), leave nothing behind, and the container
// must answer a second command within a couple of seconds while and after it runs.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SandboxHost, startHost } from './harness/container.js';
import { BOMB_PROCESSES, BOMB_TIMEOUT_SEC, profiles } from './harness/profiles.js';

const image = inject('containerImage');
const runId = inject('containerRunId');

// The two shell-function bombs background themselves and their shell returns at once; `; sleep 60`
// keeps that shell busy (it retries the fork for `sleep` while the bomb holds every slot) so the bomb
// rages against the limit until the timeout. The bare spellings are tested below for what a one-shot
// run owes them: nothing of the bomb outlives the command.
const bombs = [
  { name: 'the classic :(){ :|:& };:', command: ':(){ :|:& };:; sleep 60' },
  { name: 'a renamed function', command: 'bomb(){ bomb | bomb & }; bomb; sleep 60' },
  { name: "perl -e 'fork while 1'", command: "perl -e 'fork while 1'" },
  { name: 'a python os.fork() loop', command: "python3 -c 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass'" },
  { name: "yes | xargs -P0 -n1 sh -c 'sleep 100'", command: "yes | xargs -P0 -n1 sh -c 'sleep 100'" },
];
const bareBombs = [
  { name: ':(){ :|:& };:', command: ':(){ :|:& };:' },
  { name: 'bomb(){ bomb | bomb & }; bomb', command: 'bomb(){ bomb | bomb & }; bomb' },
];

/** argent-run itself, the outer bwrap and the sandbox's init also run as argent: allowed on top. */
const SUPERVISOR_SLACK = 6;
const RESPONSIVE_MS = 2_000;

describe.skipIf(image === null)('fork bombs run through argent-run in a container', () => {
  const hosts = new Map<string, Promise<SandboxHost>>();

  beforeAll(() => {
    // One fresh container per bomb, all started at once; the bombs themselves run one at a time so
    // the responsiveness measurements are not disturbed by each other. One CPU each leaves a core free.
    for (const bomb of [...bombs, ...bareBombs]) {
      const host = startHost({ image: image!, runId, profiles: { bomb: profiles.bomb }, cpus: 1 });
      host.catch(() => {}); // reported by the test that awaits it
      hosts.set(bomb.name, host);
    }
  });

  afterAll(async () => {
    await Promise.allSettled([...hosts.values()].map(async (h) => (await h).stop()));
  });

  it.each(bombs)(
    'contains $name at the process limit, kills it at the timeout, and the container stays responsive',
    async ({ name, command }) => {
      const host = await hosts.get(name)!;
      const started = performance.now();
      const running = host.argentRun(command, { profile: 'bomb' });

      const counts: number[] = [];
      const latencies: number[] = [];
      await sleep(1_000);
      while (performance.now() - started < (BOMB_TIMEOUT_SEC - 1) * 1_000) {
        counts.push((await host.argentProcesses()).length);
        latencies.push(await host.latencyMs());
      }
      const result = await running;
      const elapsedSec = (performance.now() - started) / 1_000;
      latencies.push(await host.latencyMs());
      const leftovers = await host.argentProcesses();

      const peak = Math.max(...counts);
      const context = `bomb output (tail): ${result.output.slice(-600)}\ncounts ${counts.join(',')} latencies ${latencies.map(Math.round).join(',')} ms`;
      expect(
        { exitCode: result.exitCode, reportsTimeout: /timed? ?out/i.test(result.output), leftovers },
        context,
      ).toEqual({ exitCode: 124, reportsTimeout: true, leftovers: [] });
      // It really was a bomb (it reached the limit) and the limit is what stopped it (the container's
      // own 2048 would let it go far higher).
      expect(peak, context).toBeGreaterThanOrEqual(BOMB_PROCESSES / 2);
      expect(peak, context).toBeLessThanOrEqual(BOMB_PROCESSES + SUPERVISOR_SLACK);
      expect(Math.max(...latencies), context).toBeLessThan(RESPONSIVE_MS);
      // Killed at the timeout plus the TERM->KILL grace, not whenever the bomb felt like stopping.
      expect(elapsedSec, context).toBeLessThan(BOMB_TIMEOUT_SEC + 10);
    },
  );

  it.each(bareBombs)('takes the backgrounded bomb $name down with its shell: nothing survives the command', async ({ name, command }) => {
    const host = await hosts.get(name)!;
    const started = performance.now();
    const result = await host.argentRun(command, { profile: 'bomb' });
    const elapsedSec = (performance.now() - started) / 1_000;
    const leftovers = await host.argentProcesses();
    const latency = await host.latencyMs();
    // The shell's own status (0): it returned at once. What matters is that its background bomb
    // died with the sandbox instead of filling the container after argent-run returned.
    expect(
      { exitCode: result.exitCode, leftovers, endedBeforeTimeout: elapsedSec < BOMB_TIMEOUT_SEC, responsive: latency < RESPONSIVE_MS },
      result.output.slice(-600),
    ).toEqual({ exitCode: 0, leftovers: [], endedBeforeTimeout: true, responsive: true });
  });
});
