/**
 * The scenario runner's configuration. `ws-chaos` (cli/) writes the run config file, sets
 * WSC_RUN to its path and calls Playwright Test with this file. Run directly
 * (`npx playwright test -c <this file>`), there is no file and the run is the default one: every
 * built-in scenario against the reference backend, chaos included. Either way the specs' worker
 * fixtures (fixtures/) start the backend and the Toxiproxy.
 */
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { endWhenOrphaned } from './harness/runner/orphan.js';
import { currentRunConfig } from './harness/runner/run-config.js';

// Under the CLI: stop (and write nothing) if the CLI dies, even by SIGKILL.
endWhenOrphaned();
const run = currentRunConfig();
const outDir = run.outDir;
// From source this file is playwright.config.ts; installed, dist/playwright.config.js (its siblings alike).
const EXT = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export default defineConfig({
  testDir: './scenarios',
  // Scenarios against one backend share its health count: run them one at a time.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  forbidOnly: true,
  outputDir: join(outDir, 'test-results'),
  reporter: [
    [`./harness/reporters/playwright-reporter.${EXT}`],
    // junit.xml is written from results.json (harness/reporters/junit.ts), as for a merged run.
    ['html', { outputFolder: join(outDir, 'html'), open: 'never' }],
    // A shard's Playwright events, for `ws-chaos merge` to build one HTML report (merge-reports).
    ...(run.shard ? [['blob', { outputDir: join(outDir, 'blob') }] as const] : []),
  ],
  projects: [
    // fullyParallel with one worker: still one scenario at a time, but each scenario is its own
    // shard unit (otherwise Playwright shards by file, and the one spec file is one unit).
    { name: 'backend', testMatch: `backend.spec.${EXT}`, fullyParallel: true },
    { name: 'client', testMatch: `client.spec.${EXT}` },
  ],
});
