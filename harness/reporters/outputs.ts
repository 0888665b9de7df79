/**
 * Files written beside results.json at the end of a run. Each writer is isolated: one that
 * throws is reported and cannot take the others (or the run's exit code) down.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResults } from '../results';
import type { RunConfig } from '../runner/run-config';
import { markdownSummary } from './markdown';

type Writer = { name: string; write(run: RunResults, config: RunConfig): void | Promise<void> };

const WRITERS: Writer[] = [
  {
    name: 'summary.md',
    write(run, config) {
      const md = markdownSummary(run);
      writeFileSync(join(config.outDir, 'summary.md'), md);
      // On GitHub Actions, the same table goes to the job page.
      if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, md);
    },
  },
];

export async function writeExtraOutputs(run: RunResults, config: RunConfig): Promise<void> {
  for (const w of WRITERS) {
    try {
      await w.write(run, config);
    } catch (e) {
      process.stderr.write(`ws-chaos: could not write ${w.name}: ${(e as Error).message}\n`);
    }
  }
}
