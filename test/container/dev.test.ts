// /dev attacks, each in a fresh container: refused by the static layer under the default profile, AND,
// with a profile whose static layer allows everything, refused by the OS layer (bwrap's fresh /dev,
// remounted read-only). Either way nothing is written anywhere in the container, checked from outside.
import { describe, inject, it } from 'vitest';
import { WORKDIR, startHost } from './harness/container.js';
import { profiles } from './harness/profiles.js';

const image = inject('containerImage');
const runId = inject('containerRunId');

const attacks = [
  { name: 'echo x > /dev/sda', command: 'echo x > /dev/sda' },
  { name: 'dd of=/dev/vda', command: 'dd if=/dev/zero of=/dev/vda bs=512 count=1' },
  { name: 'exec 3>/dev/mem', command: 'exec 3>/dev/mem' },
  { name: 'mknod /dev/sdz', command: 'mknod /dev/sdz b 8 0' },
  { name: 'a new file on the /dev tmpfs', command: 'echo x > /dev/argent-probe' },
];

/** The attempt's own exit status, printed by the wrapper the OS-layer cases run. */
function attemptStatus(output: string): string | null {
  return /rc=(\d+)/.exec(output)?.[1] ?? null;
}

describe.skipIf(image === null).concurrent('/dev protections in a container', () => {
  const start = () => startHost({ image: image!, runId, profiles: { os: profiles.os } });

  it.for(attacks)('the static layer refuses $name under the default profile, and nothing is written', async ({ command }, { expect }) => {
    const host = await start();
    try {
      await host.mark();
      const res = await host.argentRun(command);
      expect(
        { exitCode: res.exitCode, says: /blocked/i.test(res.output), written: await host.changedSince() },
        res.output,
      ).toEqual({ exitCode: 126, says: true, written: [] });
    } finally {
      await host.stop();
    }
  });

  it.for(attacks)('the OS layer refuses $name when the static layer allows it, and nothing is written', async ({ command }, { expect }) => {
    const host = await start();
    try {
      await host.mark();
      // A subshell, so that `exec 3>/dev/mem` failing ends only the attempt, and its status is printed.
      const res = await host.argentRun(`(${command}); echo "rc=$?"`, { profile: 'os' });
      const status = attemptStatus(res.output);
      expect(
        { exitCode: res.exitCode, attemptFailed: status !== null && status !== '0', written: await host.changedSince() },
        res.output,
      ).toEqual({ exitCode: 0, attemptFailed: true, written: [] });
    } finally {
      await host.stop();
    }
  });

  it('the OS layer refuses mknod of a block device even in the writable working root', async ({ expect }) => {
    const host = await start();
    try {
      const res = await host.argentRun('mknod blk b 8 0; echo "rc=$?"', { profile: 'os' });
      const status = attemptStatus(res.output);
      expect(
        { exitCode: res.exitCode, attemptFailed: status !== null && status !== '0', exists: await host.existing([`${WORKDIR}/blk`]) },
        res.output,
      ).toEqual({ exitCode: 0, attemptFailed: true, exists: [] });
    } finally {
      await host.stop();
    }
  });

  it('keeps a /dev/shm write inside the sandbox: refused statically, and private to the sandbox at the OS layer', async ({ expect }) => {
    // argent-run gives each sandbox its own empty tmpfs on /dev/shm (POSIX shared memory for python
    // multiprocessing and browsers), so at the OS layer the write succeeds there and vanishes with it.
    const host = await start();
    try {
      await host.mark();
      const statically = await host.argentRun('echo x > /dev/shm/argent-probe');
      const os = await host.argentRun('echo x > /dev/shm/argent-probe && cat /dev/shm/argent-probe', { profile: 'os' });
      const after = await host.argentRun('ls -A /dev/shm', { profile: 'os' });
      expect(
        { statically: statically.exitCode, os: os.exitCode, seenInside: os.stdout.trim(), nextSandbox: after.stdout.trim(), written: await host.changedSince() },
        `${statically.output}\n${os.output}\n${after.output}`,
      ).toEqual({ statically: 126, os: 0, seenInside: 'x', nextSandbox: '', written: [] });
    } finally {
      await host.stop();
    }
  });

  it.for([
    { layer: 'the default profile', profile: undefined },
    { layer: 'the OS layer alone', profile: 'os' as const },
  ])('cat /dev/zero > /dev/null runs under $layer until the timeout ends it', async ({ profile }, { expect }) => {
    const host = await start();
    try {
      const endless = await host.argentRun('cat /dev/zero > /dev/null', { profile, timeoutSec: 2 });
      const counted = await host.argentRun('head -c 1048576 /dev/zero | wc -c', { profile });
      expect(
        { endless: endless.exitCode, counted: counted.exitCode, bytes: counted.stdout.trim() },
        `${endless.output}\n${counted.output}`,
      ).toEqual({ endless: 124, counted: 0, bytes: '1048576' });
    } finally {
      await host.stop();
    }
  });
});
