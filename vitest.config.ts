import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: the host suites (real bwrap and PTYs on this machine) and the container suite (real
// containers from the Containerfile, where fork bombs, memory bombs and disk fills are safe to run).
// `vitest run` runs both, the container suite after the host suites (groupOrder) so that neither's
// timing claims (a bomb's container answering within 2 s, PTY timings) measure the other's load.
// `vitest run test/<folder>` runs only the project that holds that folder.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration suites spawn real bwrap sandboxes and containers; two cores do not like a wide pool.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'host',
          include: ['test/**/*.test.ts'],
          sequence: { groupOrder: 0 },
          exclude: [...configDefaults.exclude, 'test/container/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'container',
          include: ['test/container/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          // One file at a time (tests inside a file still start their containers concurrently): the fork
          // bombs' responsiveness is measured on a machine that is not also running other attacks.
          fileParallelism: false,
          // Builds the image once (cached by Docker), and fails the run in CI when no engine answers.
          globalSetup: ['test/container/global-setup.ts'],
          // The reaper image cannot be pulled (no registry); the suite removes its own containers.
          env: { TESTCONTAINERS_RYUK_DISABLED: 'true' },
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
