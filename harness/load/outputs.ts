/**
 * Writing a load run's outputs into its run directory (harness/reporters/history.ts made it):
 * load.json (the contract), then what derives from it: junit.xml and summary.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadJunit, loadMarkdown } from './report.js';
import type { LoadResult } from './result.js';

export const LOAD_FILE = 'load.json';

export function writeLoadOutputs(r: LoadResult, dir: string): void {
  writeFileSync(join(dir, LOAD_FILE), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(join(dir, 'junit.xml'), loadJunit(r));
  writeFileSync(join(dir, 'summary.md'), loadMarkdown(r));
}
