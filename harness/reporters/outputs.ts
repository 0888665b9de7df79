/**
 * Files written beside results.json at the end of a run. Each writer is isolated: one that
 * throws is reported and cannot take the others (or the run's exit code) down.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactString } from '../redact.js';
import type { RunResults } from '../results.js';
import type { RunConfig } from '../runner/run-config.js';
import { renderHtmlIndex } from './html-index.js';
import { renderJunit } from './junit.js';
import { markdownSummary } from './markdown.js';
import { redactOptionsFor } from './redact-result.js';
import { renderTimelineSvg } from './timeline-svg.js';

/** `conformance/welcome-timing` → `conformance--welcome-timing.svg` (under `timelines/`). */
export function timelineFileName(id: string): string {
  return `${id.replace(/[^A-Za-z0-9_-]+/g, '--')}.svg`;
}

/** Where the outputs go, and the profile whose secrets they must not show (none for a merged run: its inputs are already redacted). */
export type OutputTarget = Pick<RunConfig, 'outDir' | 'profile'>;

/** The outputs a run can skip (config `reporters`); results.json is always written. */
export const OUTPUT_NAMES = ['junit', 'summary', 'html', 'timelines'] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

type Writer = { name: string; key: OutputName; write(run: RunResults, config: OutputTarget): void | Promise<void> };

const WRITERS: Writer[] = [
  {
    name: 'junit.xml',
    key: 'junit',
    write(run, config) {
      writeFileSync(join(config.outDir, 'junit.xml'), redactString(renderJunit(run), redactOptionsFor(config.profile)));
    },
  },
  {
    name: 'summary.md',
    key: 'summary',
    write(run, config) {
      const md = redactString(markdownSummary(run), redactOptionsFor(config.profile));
      writeFileSync(join(config.outDir, 'summary.md'), md);
      // On GitHub Actions, the same table goes to the job page.
      if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, md);
    },
  },
  {
    // ws-chaos's own report page: root cause first, every diagnosis on one page.
    name: 'index.html',
    key: 'html',
    write(run, config) {
      writeFileSync(join(config.outDir, 'index.html'), redactString(renderHtmlIndex(run), redactOptionsFor(config.profile)));
    },
  },
  {
    name: 'timelines/',
    key: 'timelines',
    write(run, config) {
      const dir = join(config.outDir, 'timelines');
      mkdirSync(dir, { recursive: true });
      const opts = redactOptionsFor(config.profile);
      for (const s of run.scenarios) writeFileSync(join(dir, timelineFileName(s.id)), redactString(renderTimelineSvg(s), opts));
    },
  },
];

/** `only`: the config's `reporters` (default: every output). */
export async function writeExtraOutputs(run: RunResults, config: OutputTarget, only?: readonly OutputName[]): Promise<void> {
  for (const w of WRITERS) {
    if (only && !only.includes(w.key)) continue;
    try {
      await w.write(run, config);
    } catch (e) {
      process.stderr.write(`ws-chaos: could not write ${w.name}: ${(e as Error).message}\n`);
    }
  }
}
