/**
 * The package check's steps, one function each, run in an installed project (project.ts).
 * Each asserts what a user would see: the exit code, and from results.json what ran and how it ended.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { foreignProfile, FOREIGN_TOKEN } from './foreign-backend.js';
import { REPO, type Project } from './project.js';
import { describeRun, runCommand, userEnv, type CommandResult } from './run-command.js';

/** A run of the scenarios; the reference one holds 23 scenarios (chaos with the embedded Toxiproxy). */
export const RUN_TIMEOUT_MS = 180_000;
const SHORT_TIMEOUT_MS = 60_000;

interface ResultsJson {
  totals: { passed: number; failed: number; skipped: number; errored: number };
  scenarios: Array<{ id: string; status: string }>;
}

function readResults(project: Project, outDir = 'reports'): ResultsJson {
  return JSON.parse(readFileSync(join(project.dir, outDir, 'latest', 'results.json'), 'utf8')) as ResultsJson;
}

function expectExit(r: CommandResult, code: number, what: string): void {
  expect(r.code, describeRun(what, r)).toBe(code);
}

const packageVersion = (): string => (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

/** The client's install with its defaults (pnpm refuses unapproved build scripts of any dependency). */
export function stepInstall(project: Project): void {
  expectExit(project.install, 0, `${project.client} install`);
  expect(project.install.stdout + project.install.stderr).not.toMatch(/ERR_PNPM_IGNORED_BUILDS|Ignored build scripts/);
}

export async function stepVersion(project: Project): Promise<void> {
  const r = await project.exec('ws-chaos', ['--version'], SHORT_TIMEOUT_MS);
  expectExit(r, 0, 'ws-chaos --version');
  expect(r.stdout.trim()).toBe(packageVersion());
}

/** `ws-chaos` alone: the built-in reference backend, every backend scenario, chaos included, exit 0. */
export async function stepReferenceRun(project: Project): Promise<void> {
  const r = await project.exec('ws-chaos', ['--quiet'], RUN_TIMEOUT_MS);
  expectExit(r, 0, 'ws-chaos --quiet');
  const results = readResults(project);
  expect(results.totals).toMatchObject({ failed: 0, errored: 0, skipped: 0 });
  const ids = results.scenarios.map((s) => s.id);
  expect(ids).toContain('conformance/handshake');
  expect(ids.filter((id) => id.startsWith('chaos/')).length).toBeGreaterThan(5);
}

/** A subcommand's help: exit 0 and its usage line. */
export async function stepSubcommandHelp(project: Project, subcommand: 'mock-backend' | 'toxiproxy'): Promise<void> {
  const r = await project.exec('ws-chaos', [subcommand, '--help'], SHORT_TIMEOUT_MS);
  expectExit(r, 0, `ws-chaos ${subcommand} --help`);
  expect(r.stdout).toMatch(new RegExp(`^Usage: ${subcommand} \\[options\\]`, 'm'));
}

/** A backend that speaks `op` and takes an Authorization header, through a JSON profile. */
export async function stepForeignBackend(project: Project, url: string): Promise<void> {
  writeFileSync(join(project.dir, 'op-protocol.json'), `${JSON.stringify(foreignProfile(url), null, 2)}\n`);
  const args = ['--target', url, '--profile', 'op-protocol.json', '--grep', 'conformance/', '--out', 'foreign-reports', '--quiet'];
  const r = await project.exec('ws-chaos', args, RUN_TIMEOUT_MS, { FOREIGN_TOKEN });
  expectExit(r, 0, `ws-chaos ${args.join(' ')}`);
  const status = Object.fromEntries(readResults(project, 'foreign-reports').scenarios.map((s) => [s.id, s.status]));
  // The scenarios that only pass if ws-chaos spoke `op` and sent the header (and saw the 401 without it).
  for (const id of ['handshake', 'auth-rejected', 'welcome-timing', 'app-ping-pong', 'message-roundtrip', 'close-codes']) {
    expect(status[`conformance/${id}`], `conformance/${id}`).toBe('passed');
  }
}

/** What a user's TypeScript sees: every entry point (ws-chaos, /msw, /test, /scenarios), type-checked strictly under NodeNext and Bundler. */
export async function stepTypecheck(project: Project): Promise<void> {
  writeFileSync(
    join(project.dir, 'entry-points.ts'),
    [
      "import * as wsChaos from 'ws-chaos';",
      "import * as wsChaosMsw from 'ws-chaos/msw';",
      "import { test, expect } from 'ws-chaos/test';",
      "import { CLIENT_SCENARIOS, SCENARIOS } from 'ws-chaos/scenarios';",
      '',
      'export const surfaces: object[] = [wsChaos, wsChaosMsw];',
      "export const ids: string[] = [...SCENARIOS, ...CLIENT_SCENARIOS].map((s) => s.id);",
      "test('types only', () => expect(surfaces.length).toBe(2));",
      '',
    ].join('\n'),
  );
  const base = { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] };
  const configs = {
    'tsconfig.nodenext.json': { ...base, module: 'NodeNext', moduleResolution: 'NodeNext' },
    'tsconfig.bundler.json': { ...base, module: 'ESNext', moduleResolution: 'Bundler' },
  };
  for (const [file, compilerOptions] of Object.entries(configs)) {
    writeFileSync(join(project.dir, file), `${JSON.stringify({ compilerOptions, files: ['entry-points.ts'] }, null, 2)}\n`);
    // tsc of the whole surface, strict, without skipLibCheck: about 35 s here, past a minute on a busy machine.
    const r = await project.exec('tsc', ['-p', file], RUN_TIMEOUT_MS);
    expectExit(r, 0, `tsc -p ${file}`);
  }
}

/** `npm publish --dry-run` of the tarball: it would publish, and only what a user needs. */
export async function stepPublishDryRun(tarball: string, cwd: string): Promise<void> {
  const r = await runCommand('npm', ['publish', '--dry-run', '--json', tarball], { cwd, timeoutMs: SHORT_TIMEOUT_MS, env: userEnv() });
  expectExit(r, 0, 'npm publish --dry-run');
  const listed = (JSON.parse(r.stdout) as Record<string, { files: Array<{ path: string }> }>)['ws-chaos'].files.map((f) => f.path);
  const outside = listed.filter((p) => !/^(dist\/.+\.(js|d\.ts|html)|profiles\/[\w-]+\.schema\.json|README\.md|LICENSE|package\.json)$/.test(p));
  expect(outside, 'files a user does not need').toEqual([]);
  expect(listed.filter((p) => /^(test|bench|\.ci|reports|scripts)\//.test(p) || /^dist\/(test|bench|scripts)\//.test(p))).toEqual([]);
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string>; exports: Record<string, string | Record<string, string>> };
  const targets = [...Object.values(pkg.bin), ...Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)))];
  const missing = targets.map((t) => t.replace(/^\.\//, '')).filter((t) => !listed.includes(t));
  expect(missing, 'bin and exports targets missing from the tarball').toEqual([]);
  for (const asset of ['dist/client/page/index.html', 'dist/client/page/boot.bundle.js', 'dist/playwright.config.js', 'profiles/profile.schema.json']) expect(listed).toContain(asset);
}
