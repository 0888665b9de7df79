/**
 * The scenario runner's configuration. `pnpm scenarios` (harness/cli) sets WSC_RUN (the path of
 * the run config file) and calls
 * Playwright Test with this file; run directly, the global setup starts the reference backend.
 */
import { defineConfig } from '@playwright/test';
import { join, resolve } from 'node:path';
import { endWhenOrphaned } from './harness/runner/orphan.js';
import { readRunConfig } from './harness/runner/run-config.js';

// Under the CLI: stop (and write nothing) if the CLI dies, even by SIGKILL.
endWhenOrphaned();
const run = readRunConfig();
const outDir = run?.outDir ?? resolve('reports');
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
  globalSetup: `./harness/runner/global-setup.${EXT}`,
  outputDir: join(outDir, 'test-results'),
  reporter: [
    [`./harness/reporters/playwright-reporter.${EXT}`],
    ['junit', { outputFile: join(outDir, 'junit.xml') }],
    ['html', { outputFolder: join(outDir, 'html'), open: 'never' }],
  ],
  projects: [
    { name: 'backend', testMatch: `backend.spec.${EXT}` },
    { name: 'client', testMatch: `client.spec.${EXT}` },
  ],
});
