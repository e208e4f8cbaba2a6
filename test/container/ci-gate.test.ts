// The container suite never skips silently in CI: with CI=true and no Docker engine the run fails and
// says why; without CI it skips, loudly. Checked by running the suite itself against a socket where
// no engine listens (needs no engine, so it runs whatever the machine has).
import { describe, it } from 'vitest';
import { join } from 'node:path';
import { execa } from 'execa';

const root = join(import.meta.dirname, '..', '..');

/** One run of the (smallest) container test file with no reachable engine; CI as given. */
async function runWithoutEngine(ci: string | undefined) {
  const env: Record<string, string | undefined> = {};
  // The outer vitest's own variables would make the inner run think it is a worker.
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('VITEST')) env[key] = value;
  env.DOCKER_HOST = 'unix:///nonexistent/argent-no-engine.sock';
  env.CI = ci;
  if (ci === undefined) delete env.CI;
  return execa('npx', ['vitest', 'run', '--project', 'container', 'test/container/network.test.ts'], {
    cwd: root,
    env,
    extendEnv: false,
    reject: false,
    all: true,
    timeout: 120_000,
  });
}

describe.concurrent('the container suite without a Docker engine', () => {
  it('fails the run when CI=true, naming the missing engine and the fix', async ({ expect }) => {
    const res = await runWithoutEngine('true');
    expect({ failed: res.exitCode !== 0, says: /CI=true, so this is a failure, not a skip/.test(res.all ?? '') }, res.all).toEqual({
      failed: true,
      says: true,
    });
  });

  it('skips with a loud banner when not in CI', async ({ expect }) => {
    const res = await runWithoutEngine(undefined);
    expect({ exitCode: res.exitCode, banner: (res.all ?? '').includes('CONTAINER SUITE SKIPPED') }, res.all).toEqual({
      exitCode: 0,
      banner: true,
    });
  });
});
