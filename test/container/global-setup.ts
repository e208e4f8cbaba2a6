// Global setup of the container suite: checks the Docker engine (no engine in CI is a failure, never a
// silent skip), makes sure dist/ is current, builds the test image from the Containerfile FROM the
// local base image (Docker's layer cache makes a rebuild cheap), and removes this run's containers
// at the end.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { execa } from 'execa';
import type { TestProject } from 'vitest/node';
import { SUITE_LABEL, TEST_IMAGE, baseImageTag } from './harness/image.js';

const root = join(import.meta.dirname, '..', '..');

function isCI(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

async function docker(args: string[], timeoutMs = 600_000) {
  return execa('docker', args, { cwd: root, reject: false, timeout: timeoutMs, all: true });
}

async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const out = await step();
  console.log(`[container-suite] ${label}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return out;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = randomUUID();
  project.provide('containerRunId', runId);

  const info = await docker(['info', '--format', '{{.ServerVersion}}'], 20_000);
  if (info.exitCode !== 0) {
    const why = (info.all ?? info.message ?? '').trim().split('\n').slice(-2).join(' / ');
    if (isCI()) {
      throw new Error(
        `container suite: no Docker engine answers (${why}). CI=true, so this is a failure, not a skip: ` +
          'run `bash scripts/setup.sh` (it starts dockerd) before `npm test`.',
      );
    }
    const bar = '!'.repeat(100);
    console.warn(
      `\n${bar}\n!! CONTAINER SUITE SKIPPED: no Docker engine answers (${why}).\n` +
        '!! Fork-bomb, /dev, memory, disk-fill, network and timeout protections were NOT tested.\n' +
        '!! Run `bash scripts/setup.sh` to start dockerd; with CI=true this is a failure.\n' +
        `${bar}\n`,
    );
    project.provide('containerImage', null);
    return async () => {};
  }

  // ARGENT_CONTAINER_IMAGE: test an image built elsewhere (e.g. FROM the public node image) as it is.
  const given = process.env.ARGENT_CONTAINER_IMAGE;
  if (given) {
    const found = await docker(['image', 'inspect', given], 20_000);
    if (found.exitCode !== 0) throw new Error(`container suite: ARGENT_CONTAINER_IMAGE=${given} does not exist locally`);
    project.provide('containerImage', given);
    return cleanup(runId);
  }

  // The image copies dist/: make sure it holds what the tests are about (vitest runs from sources).
  const cli = join(root, 'dist', 'src', 'cli', 'argent-run.cjs');
  if (!existsSync(cli) || statSync(cli).mtimeMs < newestMtime(join(root, 'src'))) {
    const build = await timed('npm run build (dist/ was stale)', () =>
      execa('npm', ['run', 'build', '--silent'], { cwd: root, reject: false, all: true }),
    );
    if (build.exitCode !== 0) throw new Error(`container suite: npm run build failed:\n${build.all}`);
  }

  const base = baseImageTag();
  const baseInfo = await docker(['image', 'inspect', base], 20_000);
  if (baseInfo.exitCode !== 0) {
    throw new Error(`container suite: base image ${base} is missing; run \`bash scripts/setup.sh\` (it builds and caches it)`);
  }
  const build = await timed(`docker build ${TEST_IMAGE}`, () =>
    docker(['build', '--quiet', '-f', 'Containerfile', '--build-arg', `BASE_IMAGE=${base}`, '-t', TEST_IMAGE, '.']),
  );
  if (build.exitCode !== 0) throw new Error(`container suite: docker build failed:\n${build.all}`);
  // Each rebuild leaves the previous images dangling: remove those of argent-run (by label), only those.
  await docker(['image', 'prune', '--force', '--filter', 'label=dev.argent-run.stage=package'], 60_000);
  await docker(['image', 'prune', '--force', '--filter', 'label=org.opencontainers.image.title=argent-run'], 60_000);
  project.provide('containerImage', TEST_IMAGE);

  return cleanup(runId);
}

/** The teardown: without the reaper, a crashed test could leave containers behind; remove this run's, and only those. */
function cleanup(runId: string): () => Promise<void> {
  return async () => {
    const ps = await docker(['ps', '-aq', '--filter', `label=${SUITE_LABEL}=${runId}`], 30_000);
    const ids = (ps.stdout ?? '').split('\n').filter(Boolean);
    if (ids.length > 0) await docker(['rm', '-f', ...ids], 60_000);
  };
}
