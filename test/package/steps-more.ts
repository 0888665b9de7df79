/**
 * The package check's steps for what a team adds around the CLI (one function each): sharding and
 * `ws-chaos merge` compared with an unsharded run, ws-chaos/test inside the project's own
 * Playwright suite, ws-chaos's Playwright config run directly, and the README's config and
 * custom-scenario examples copied verbatim into the project.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { REPO, type Project } from './project.js';
import { describeRun, type CommandResult } from './run-command.js';
import { RUN_TIMEOUT_MS } from './steps.js';

interface ResultsJson {
  totals: { passed: number; failed: number; skipped: number; errored: number };
  scenarios: Array<{ id: string; status: string; diagnoses?: Array<{ code: string }> }>;
}

const readResults = (project: Project, outDir: string): ResultsJson =>
  JSON.parse(readFileSync(join(project.dir, outDir, 'latest', 'results.json'), 'utf8')) as ResultsJson;

/** What a merged run must equal: scenario ids, statuses and diagnosis codes, in order. */
const outline = (r: ResultsJson): string[] =>
  r.scenarios.map((s) => `${s.id} ${s.status} ${(s.diagnoses ?? []).map((d) => d.code).join(',')}`);

function expectExit(r: CommandResult, code: number, what: string): void {
  expect(r.code, describeRun(what, r)).toBe(code);
}

/** `--shard 1/2`, `--shard 2/2`, `merge`: the merged results equal the unsharded run's (in `reports/`). */
export async function stepShardsMerge(project: Project): Promise<void> {
  for (const i of [1, 2]) {
    const r = await project.exec('ws-chaos', ['--shard', `${i}/2`, '--out', `shard-${i}`, '--quiet'], RUN_TIMEOUT_MS);
    expectExit(r, 0, `ws-chaos --shard ${i}/2`);
  }
  const shards = [readResults(project, 'shard-1'), readResults(project, 'shard-2')];
  expect(shards.every((s) => s.scenarios.length > 0), 'each shard ran a slice').toBe(true);
  const merge = await project.exec('ws-chaos', ['merge', 'shard-1', 'shard-2', '--out', 'merged'], RUN_TIMEOUT_MS);
  expectExit(merge, 0, 'ws-chaos merge shard-1 shard-2 --out merged');
  expect(outline(readResults(project, 'merged'))).toEqual(outline(readResults(project, 'reports')));
}

/** The team's own Playwright suite: a spec importing ws-chaos/test, under the project's own config. */
export async function stepOwnPlaywrightSuite(project: Project): Promise<void> {
  const dir = join(project.dir, 'e2e');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'welcome.spec.ts'),
    [
      "import { test, expect } from 'ws-chaos/test';",
      '',
      "test('the reference backend welcomes a connection', async ({ connect }) => {",
      '  const probe = connect();',
      "  const welcome = await probe.waitFor('message', 5_000, (e) => e.dir === 'in');",
      "  expect(welcome?.text).toContain('connection_established');",
      '});',
      '',
    ].join('\n'),
  );
  writeFileSync(join(project.dir, 'playwright.config.ts'), "import { defineConfig } from '@playwright/test';\n\nexport default defineConfig({ testDir: './e2e', reporter: 'line' });\n");
  const r = await project.exec('playwright', ['test'], RUN_TIMEOUT_MS);
  rmSync(join(project.dir, 'playwright.config.ts'));
  expectExit(r, 0, 'playwright test (the project suite with ws-chaos/test)');
  expect(r.stdout).toMatch(/1 passed/);
}

/** `playwright test -c <ws-chaos's config>` without the CLI: the same built-in scenarios, chaos included. */
export async function stepPackagePlaywrightConfig(project: Project): Promise<void> {
  const config = join('node_modules', 'ws-chaos', 'dist', 'playwright.config.js');
  const r = await project.exec('playwright', ['test', '-c', config, '--project', 'backend'], RUN_TIMEOUT_MS);
  expectExit(r, 0, `playwright test -c ${config}`);
  // Without the CLI there is no run history: results.json goes straight into ./reports.
  const results = JSON.parse(readFileSync(join(project.dir, 'reports', 'results.json'), 'utf8')) as ResultsJson;
  expect(results.totals, 'every built-in scenario ran and passed, chaos included').toMatchObject({ failed: 0, skipped: 0, errored: 0 });
  expect(results.scenarios.filter((s) => s.id.startsWith('chaos/')).length).toBeGreaterThan(5);
}

/** The fenced block right after `<!-- example:NAME -->` in the README. */
export function readmeExample(name: string): { info: string; code: string } {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const at = readme.indexOf(`<!-- example:${name} -->`);
  if (at < 0) throw new Error(`README.md has no <!-- example:${name} --> marker (the package check copies the fenced block after it)`);
  const m = /^\s*```([^\n]*)\n([\s\S]*?)\n```/.exec(readme.slice(at + `<!-- example:${name} -->`.length));
  if (!m) throw new Error(`README.md: no fenced block right after <!-- example:${name} -->`);
  return { info: m[1].trim(), code: `${m[2]}\n` };
}

/**
 * Where the custom scenario goes: the path its block names on its first line (`// checks/x.ts`),
 * else the one relative .ts/.js path (no glob) the config names.
 */
export function scenarioPath(scenario: string, config: string): string {
  const own = /^\/\/\s*(\S+\.(?:ts|mts|js|mjs))\s*$/m.exec(scenario.split('\n')[0]);
  if (own) return own[1];
  const named = [...config.matchAll(/['"](\.{0,2}\/?[\w./-]+\.(?:ts|mts|js|mjs))['"]/g)].map((m) => m[1]);
  if (named.length !== 1) throw new Error(`cannot tell where the README's custom scenario goes: start its block with "// <path>" (the config names ${named.length} file paths)`);
  return named[0];
}

/** The README's config + custom scenario, verbatim: `ws-chaos` runs that scenario against the reference backend and passes it. */
export async function stepReadmeExamples(project: Project): Promise<void> {
  const config = readmeExample('config').code;
  const scenario = readmeExample('custom-scenario').code;
  const file = scenarioPath(scenario, config);
  const id = /\bid:\s*['"]([^'"]+)['"]/.exec(scenario)?.[1];
  expect(id, 'the README scenario has an id').toBeTruthy();
  mkdirSync(dirname(join(project.dir, file)), { recursive: true });
  writeFileSync(join(project.dir, file), scenario);
  writeFileSync(join(project.dir, 'ws-chaos.config.ts'), config);
  try {
    const r = await project.exec('ws-chaos', ['--out', 'readme-reports', '--quiet'], RUN_TIMEOUT_MS);
    expectExit(r, 0, 'ws-chaos with the README config');
    const mine = readResults(project, 'readme-reports').scenarios.find((s) => s.id === id);
    expect(mine?.status, `${id} in results.json`).toBe('passed');
  } finally {
    rmSync(join(project.dir, 'ws-chaos.config.ts'));
  }
}
