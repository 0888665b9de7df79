import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/closing-line-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Network tests bind 127.0.0.1:0 and keep timing classes far apart; two cores, two forks.
    pool: 'forks',
    maxWorkers: 2,
    maxConcurrency: 3,
  },
});
