import { defineConfig } from 'vitest/config';
import LongFirstSequencer from './test/support/long-first-sequencer.js';

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
    // The longest files first (measured), so the two forks end together.
    sequence: { sequencer: LongFirstSequencer },
  },
});
