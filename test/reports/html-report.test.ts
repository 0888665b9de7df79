/**
 * End to end, the way people meet a failure: a real `pnpm scenarios` run against the
 * reference backend playing `missing-services` (compared with a baseline in which the scenario
 * passed), then the HTML report opened in Chromium and clicked through to the failing scenario.
 */
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../harness/results.js';
import { killAllClis, runCli, type CliResult } from './helpers/cli.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const ID = 'conformance/welcome-timing';

const baseline = {
  schema: 'ws-chaos/results@1',
  startedAt: '2026-11-20T09:00:00.000Z',
  scenarios: [
    { id: ID, status: 'passed', diagnosis: null },
    { id: 'conformance/retired', status: 'failed', diagnosis: { code: 'SILENT_SERVER' } },
  ],
};

describe('reports of a real run (--fault missing-services --grep welcome-timing --baseline ...)', () => {
  const root = mkdtempSync(join(tmpdir(), 'wsc-html-'));
  const baselineFile = join(root, 'old-results.json');
  let cli: CliResult;
  let runDir: string;

  beforeAll(async () => {
    writeFileSync(baselineFile, JSON.stringify(baseline));
    cli = await runCli(['--fault', 'missing-services', '--grep', 'welcome-timing', '--out', root, '--baseline', baselineFile], { timeoutMs: 90_000 });
    runDir = join(root, 'latest');
  }, 100_000);

  afterAll(() => {
    killAllClis();
    rmSync(root, { recursive: true, force: true });
  });

  it('fails the run (exit 1) and says, live, that the scenario regressed against the baseline', () => {
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(1);
    const line = cli.stdout.split('\n').find((l) => l.includes(ID))!;
    expect(line).toMatch(/✗ conformance\/welcome-timing\s+\d+ ms REGRESSED\s+INTERNAL_ERROR_BEFORE_WELCOME server closed 1011/);
    expect(cli.stdout).toContain(`Compared with ${realpathSync(baselineFile)} (run of 2026-11-20T09:00:00.000Z): 1 regressed`);
    expect(cli.stdout).toMatch(/removed\s+1 in the baseline, not in this run: conformance\/retired/);
  });

  it('writes the run under its own directory, points latest at it, and records the comparison in results.json', () => {
    expect(lstatSync(runDir).isSymbolicLink()).toBe(true);
    const name = readlinkSync(runDir);
    expect(name).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(cli.stdout).toContain(`reports in ${join(root, name)}`);
    for (const f of ['results.json', 'summary.md', 'junit.xml', 'index.html', 'html/index.html', 'timelines/conformance--welcome-timing.svg']) {
      expect(existsSync(join(runDir, f)), f).toBe(true);
    }
    const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
    expect(results.schema).toBe('ws-chaos/results@1');
    expect(results.baseline?.file).toBe(realpathSync(baselineFile));
    expect(results.baseline?.scenarios[ID]).toEqual({
      comparison: 'regressed',
      was: { status: 'passed', code: null },
      now: { status: 'failed', code: 'INTERNAL_ERROR_BEFORE_WELCOME' },
    });
    expect(results.baseline?.scenarios['conformance/retired']?.comparison).toBe('removed');
    expect(readFileSync(join(runDir, 'summary.md'), 'utf8')).toContain('| vs baseline |');
    expect(readFileSync(join(runDir, 'timelines/conformance--welcome-timing.svg'), 'utf8')).toContain('close 1011 internal error');
  });

  it('files the failure as a JUnit <failure> carrying the diagnosis, with no Expected/Received noise and no code frame', () => {
    const xml = readFileSync(join(runDir, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/<failure message="INTERNAL_ERROR_BEFORE_WELCOME: server closed 1011/);
    expect(xml).not.toMatch(/<error /);
    expect(xml).not.toMatch(/Expected|Received/);
    expect(xml).not.toMatch(/backend\.spec\.ts:\d+:\d+\n|^\s*>\s*\d+ \|/m);
  });

  it("opens ws-chaos's own index.html with the diagnosis, its hint and the timeline, and the totals the CLI printed", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(join(runDir, 'index.html')).href);
      const section = page.locator(`section[id="${ID}"]`);
      expect(await section.locator('.diagnosis').innerText()).toMatch(/^INTERNAL_ERROR_BEFORE_WELCOME server closed 1011/);
      expect(await section.locator('.hint').innerText()).toMatch(/^hint: \S/);
      expect(await section.locator('svg').first().isVisible()).toBe(true);
      expect(await page.locator('.totals').innerText()).toBe('0 passed · 1 failed · 0 errored · 0 skipped');
      expect(await page.locator('a[href="html/index.html"]').count()).toBe(1);
    } finally {
      await browser.close();
    }
  });

  it('shows the diagnosis and the timeline picture, readable, to someone clicking through the HTML report', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(join(runDir, 'html', 'index.html')).href);
      // The list of tests, then a click on the failing one.
      await page.getByRole('link', { name: ID }).first().click();
      await page.waitForURL(/testId=/);
      await page.getByText('INTERNAL_ERROR_BEFORE_WELCOME: server closed 1011').first().waitFor({ state: 'visible', timeout: 10_000 });
      const annotations = page.getByTestId('test-case-annotations');
      expect(await annotations.getByText(/diagnosis\s*: INTERNAL_ERROR_BEFORE_WELCOME/).isVisible()).toBe(true);
      expect(await annotations.getByText(/hint\s*: The server accepted the connection, then found something it needs missing/).isVisible()).toBe(true);
      expect(await page.getByText('Service unavailable').first().isVisible()).toBe(true);

      const img = page.locator('img[src$=".svg"]');
      await img.scrollIntoViewIfNeeded();
      expect(await img.isVisible()).toBe(true);
      const size = await img.evaluate((el: HTMLImageElement) => ({ natural: el.naturalWidth, shown: el.getBoundingClientRect().width, done: el.complete }));
      expect(size.done).toBe(true);
      expect(size.natural).toBeGreaterThan(0);
      // Shown at (nearly) its own size, so its 12 px text stays readable.
      expect(size.shown).toBeGreaterThanOrEqual(size.natural * 0.95);
      const src = await img.evaluate((el: HTMLImageElement) => el.src);
      const svg = readFileSync(fileURLToPath(src), 'utf8');
      expect(svg).toContain('close 1011 internal error');
      expect(svg).toContain('INTERNAL_ERROR_BEFORE_WELCOME');
      if (process.env.WSC_SCREENSHOT) await page.screenshot({ path: process.env.WSC_SCREENSHOT, fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
