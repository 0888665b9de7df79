import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Test file order for `pnpm test`: the files measured longest start first, so the two forks
 * finish together (a 130 s file picked last would run alone at the end). Vitest's own order
 * (longest first by its results cache, else larger files first) applies to the rest and is
 * the only order on a machine that has run the suite; CI installs fresh and has no cache.
 * Measured with `pnpm vitest run --reporter=json` (file endTime - startTime); re-measure and
 * reorder when a file's time changes by much. A path that no longer exists
 * fails test/support/long-first-sequencer.test.ts.
 */
export const LONG_FIRST: readonly string[] = [
  // Alternating, as far as the lengths allow: files that mostly wait (scaled client timings,
  // Chromium) with files that mostly compute (CLI processes started through tsx), so the two
  // forks do not both wait, or both compete for the two cores, for long.
  'test/client/detection-matrix-browser.test.ts',
  'test/load/cli-storm.test.ts',
  'test/client/enactor-equivalence.test.ts',
  'test/cli/cli.test.ts',
  'test/client/verdicts-hold.test.ts',
  'test/cli/run-inputs.test.ts',
  'test/matrix/detection-matrix.test.ts',
  'test/mock-backend/cli.test.ts',
  'test/matrix/dead-connection.test.ts',
  'test/cli/standalone.test.ts',
  'test/client/route-close.test.ts',
  'test/cli/signals.test.ts',
  'test/client/detection-matrix.test.ts',
  'test/config/user-scenarios-run.test.ts',
  'test/client/msw.test.ts',
  'test/load/workers-cluster.test.ts',
  'test/contract/toxiproxy.contract.test.ts',
  'test/config/readme-examples.test.ts',
  'test/load/cli.test.ts',
  'test/fixtures/direct-run.test.ts',
];

/** `files` with those in LONG_FIRST first, in its order; the others after, in the order given. */
export function longFirst<T>(files: readonly T[], pathOf: (f: T) => string): T[] {
  const rank = (f: T): number => {
    const i = LONG_FIRST.indexOf(pathOf(f));
    return i < 0 ? LONG_FIRST.length : i;
  };
  return files.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
}

class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const byVitest = await super.sort(files);
    return longFirst(byVitest, (s) => relative(s.project.config.root, s.moduleId).split('\\').join('/'));
  }
}

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
