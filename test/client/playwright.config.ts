/**
 * The lead's playwright.config.ts plus the `client` project this feature proposes, for trying
 * scenarios/client.spec.ts before the project entry lands:
 *   pnpm exec playwright test --config test/client/playwright.config.ts --project client
 * Paths are absolute because this file lives two levels down; reports go to .tmp/client-run.
 */
import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import base from '../../playwright.config.js';

const root = resolve(import.meta.dirname, '..', '..');
const out = resolve(root, '.tmp', 'client-run');

export default defineConfig({
  ...base,
  testDir: resolve(root, 'scenarios'),
  outputDir: resolve(out, 'test-results'),
  reporter: [['list'], ['junit', { outputFile: resolve(out, 'junit.xml') }]],
  projects: [...(base.projects ?? []), { name: 'client', testMatch: 'client.spec.ts' }],
});
