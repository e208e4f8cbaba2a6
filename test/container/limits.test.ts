// Resource limits that only a throwaway container may test for real: a memory bomb, a disk fill past
// the file-size limit, and a process tree that ignores SIGTERM past the wall-clock limit.
import { describe, inject, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { WORKDIR, startHost } from './harness/container.js';
import { FILE_SIZE_MB, MEMORY_MB, profiles } from './harness/profiles.js';

const image = inject('containerImage');
const runId = inject('containerRunId');
const MiB = 1024 * 1024;

describe.skipIf(image === null).concurrent('resource limits in a container', () => {
  const start = () => startHost({ image: image!, runId, profiles: { memory: profiles.memory, disk: profiles.disk, os: profiles.os } });

  it(`stops a memory bomb at the ${MEMORY_MB} MiB address-space limit with an allocation failure, not the container's OOM killer`, async ({ expect }) => {
    const host = await start();
    try {
      const bomb = "python3 -c 'x = []\nwhile True:\n    x.append(bytearray(16 * 1024 * 1024))'";
      const res = await host.argentRun(bomb, { profile: 'memory' });
      const latency = await host.latencyMs();
      // Exit 1 with MemoryError: malloc failed under RLIMIT_AS. A cgroup OOM kill would be 137 (SIGKILL).
      expect(
        { exitCode: res.exitCode, memoryError: res.output.includes('MemoryError'), responsive: latency < 2_000, left: await host.argentProcesses() },
        res.output.slice(-600),
      ).toEqual({ exitCode: 1, memoryError: true, responsive: true, left: [] });
    } finally {
      await host.stop();
    }
  });

  it(`stops a disk fill at the ${FILE_SIZE_MB} MiB file-size limit (SIGXFSZ, exit 153) and the file ends at the limit`, async ({ expect }) => {
    const host = await start();
    try {
      const res = await host.argentRun('dd if=/dev/zero of=big bs=1M count=64', { profile: 'disk' });
      const size = await host.exec(['stat', '-c', '%s', `${WORKDIR}/big`], 'root');
      expect({ exitCode: res.exitCode, size: size.stdout.trim() }, res.output).toEqual({
        exitCode: 128 + 25,
        size: String(FILE_SIZE_MB * MiB),
      });
    } finally {
      await host.stop();
    }
  });

  it('kills a process tree that ignores SIGTERM (setsid and orphaned children included) at the timeout, exit 124', async ({ expect }) => {
    const host = await start();
    try {
      const tree = 'trap "" TERM; setsid sleep 301 & (trap "" TERM; sleep 302 &); sleep 303';
      const started = performance.now();
      const running = host.argentRun(tree, { profile: 'os', timeoutSec: 3 });
      await sleep(1_500);
      const during = (await host.argentProcesses()).filter((p) => p.endsWith(' sleep')).length;
      const res = await running;
      const elapsedSec = (performance.now() - started) / 1_000;
      expect(
        {
          exitCode: res.exitCode,
          reportsTimeout: /timed? ?out/i.test(res.output),
          sleepersDuring: during,
          left: await host.argentProcesses(),
          killedInTime: elapsedSec >= 3 && elapsedSec < 3 + 10,
        },
        `${res.output}\nelapsed ${elapsedSec.toFixed(1)} s`,
      ).toEqual({ exitCode: 124, reportsTimeout: true, sleepersDuring: 3, left: [], killedInTime: true });
    } finally {
      await host.stop();
    }
  });
});
