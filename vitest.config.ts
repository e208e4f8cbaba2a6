import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration suites spawn real bwrap sandboxes and containers; two cores do not like a wide pool.
    maxWorkers: 2,
  },
});
