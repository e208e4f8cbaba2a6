// The image itself: what the Containerfile promises users (non-root, argent-run as entrypoint, a health
// check), and that the suite's container options really let bwrap build its namespaces, so a failure
// elsewhere in the suite is argent-run's and not the harness's.
import { describe, inject, it } from 'vitest';
import { execa } from 'execa';
import { WORKDIR, startHost } from './harness/container.js';

const image = inject('containerImage');
const runId = inject('containerRunId');

describe.skipIf(image === null).concurrent('the argent-run image', () => {
  it('runs argent-run as the non-root user argent, with argent-run --check as its health check', async ({ expect }) => {
    const res = await execa('docker', ['image', 'inspect', '--format', '{{json .Config}}', image!]);
    const config = JSON.parse(res.stdout) as { User: string; Entrypoint: string[]; Cmd: string[] | null; Healthcheck: { Test: string[] } };
    expect({ user: config.User, entrypoint: config.Entrypoint, cmd: config.Cmd ?? [], health: config.Healthcheck.Test }).toEqual({
      user: 'argent',
      entrypoint: ['argent-run'],
      cmd: [],
      health: ['CMD', 'argent-run', '--check'],
    });
  });

  it('lets bare bwrap build every namespace argent-run uses, with the options the suite starts containers with', async ({ expect }) => {
    const host = await startHost({ image: image!, runId });
    try {
      const bwrap = 'bwrap --ro-bind / / --dev /dev --remount-ro /dev --proc /proc --unshare-all --unshare-user --cap-drop ALL --die-with-parent';
      // Run from a shell that outlives it, as argent-run (node) does: `docker exec`'s own parent
      // (runc) exits right after the start, and --die-with-parent would then SIGKILL a bwrap it parents.
      const res = await host.sh(`${bwrap} -- bash -c 'ulimit -u 64 && echo ok'; echo "rc=$?"`);
      expect({ exitCode: res.exitCode, out: res.stdout.trim() }, res.output).toEqual({ exitCode: 0, out: 'ok\nrc=0' });
    } finally {
      await host.stop();
    }
  });

  it('sees, from outside, a write made anywhere in the container (the "nothing written" probes are not blind)', async ({ expect }) => {
    const host = await startHost({ image: image!, runId });
    try {
      await host.mark();
      await host.sh(`echo x > /var/tmp/probe && echo x > /dev/shm/probe && echo x > ${WORKDIR}/probe && echo x > /tmp/probe`);
      expect(await host.changedSince()).toEqual(
        ['/dev/shm', '/dev/shm/probe', '/tmp', '/tmp/probe', '/var/tmp', '/var/tmp/probe', WORKDIR, `${WORKDIR}/probe`].sort(),
      );
    } finally {
      await host.stop();
    }
  });

  it('reports healthy through its own HEALTHCHECK when started with the documented options', async ({ expect }) => {
    // start() resolves only once Docker reports the image's own check healthy (it runs every second).
    const host = await startHost({ image: image!, runId, healthIntervalMs: 1_000 });
    try {
      const status = await execa('docker', ['inspect', '--format', '{{.State.Health.Status}}', host.container.getId()]);
      expect(status.stdout.trim()).toBe('healthy');
    } finally {
      await host.stop();
    }
  });

  it('fails argent-run --check with exit 125 and the fix when /proc stays masked (no systempaths=unconfined)', async ({ expect }) => {
    const host = await startHost({ image: image!, runId, maskedProc: true });
    try {
      const check = await host.exec(['argent-run', '--check']);
      expect({ exitCode: check.exitCode, namesFix: check.output.includes('systempaths=unconfined') }, check.output).toEqual({
        exitCode: 125,
        namesFix: true,
      });
    } finally {
      await host.stop();
    }
  });
});
