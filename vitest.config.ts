import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: the host suites (real bwrap and PTYs on this machine) and the container suite (real
// containers from the Containerfile, where fork bombs, memory bombs and disk fills are safe to run).
// `vitest run` runs both; `vitest run test/<folder>` runs only the project that holds that folder.
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
          exclude: [...configDefaults.exclude, 'test/container/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'container',
          include: ['test/container/**/*.test.ts'],
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
