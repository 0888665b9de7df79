/**
 * The package as a user gets it: `pnpm pack` of this repository once, then fresh projects in
 * temporary folders that install the tarball with npm or with pnpm (plus the peer and tool
 * packages a user's project has), at the versions this repository uses, so the local caches serve them.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeRun, runCommand, userEnv, type CommandResult } from './run-command.js';

/** The repository packed: this one, or WSC_PACKAGE_REPO (a clean checkout, e.g. `git worktree add`). */
export const REPO = process.env.WSC_PACKAGE_REPO ?? resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PACK_TIMEOUT_MS = 180_000;
export const INSTALL_TIMEOUT_MS = 240_000;

export type Client = 'npm' | 'pnpm';

export interface Project {
  client: Client;
  dir: string;
  /** The install's own result (pnpm's defaults can fail it: asserted by its own step). */
  install: CommandResult;
  /** Run a bin of the project as a user would (`npx <bin>` never downloading / `pnpm exec <bin>`). */
  exec(bin: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<CommandResult>;
}

/** The version this repository resolved for a package (what the installs pin to). */
export function repoVersion(name: string): string {
  const pkg = createRequire(join(REPO, 'package.json')).resolve(`${name}/package.json`);
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** A temporary folder for the whole check; `remove()` in afterAll. */
export function makeWorkDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wsc-package-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `pnpm pack` (its prepack builds dist/) into `into`; the tarball's path. */
export async function packTarball(into: string): Promise<string> {
  const r = await runCommand('pnpm', ['pack', '--pack-destination', into], { cwd: REPO, timeoutMs: PACK_TIMEOUT_MS });
  if (r.code !== 0) throw new Error(describeRun('pnpm pack', r));
  const tgz = readdirSync(into).filter((f) => f.endsWith('.tgz'));
  if (tgz.length !== 1) throw new Error(`pnpm pack left ${tgz.length} tarballs in ${into}: ${tgz.join(', ')}`);
  return join(into, tgz[0]);
}

/** What a user's project installs besides ws-chaos: the peer dependencies and a TypeScript toolchain. */
function companions(): string[] {
  return ['@playwright/test', 'msw', 'typescript', '@types/node'].map((n) => `${n}@${repoVersion(n)}`);
}

export async function makeProject(client: Client, parent: string, tarball: string): Promise<Project> {
  const dir = join(parent, `${client}-project`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `wsc-user-${client}`, version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  // The project's own choice for its own msw (its postinstall only copies the browser worker): what
  // this repository does too. ws-chaos's dependencies get no such entry: they must install as they are.
  if (client === 'pnpm') writeFileSync(join(dir, 'pnpm-workspace.yaml'), 'allowBuilds:\n  msw: false\n');
  const install =
    client === 'npm'
      ? await runCommand('npm', ['install', '-D', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...companions()], { cwd: dir, timeoutMs: INSTALL_TIMEOUT_MS })
      : await runCommand('pnpm', ['add', '-D', '--prefer-offline', tarball, ...companions()], { cwd: dir, timeoutMs: INSTALL_TIMEOUT_MS });
  // npm_config_yes=false: npx must find the installed bin, never fetch a package of that name.
  const exec = (bin: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> =>
    client === 'npm'
      ? runCommand('npx', [bin, ...args], { cwd: dir, timeoutMs, env: userEnv({ npm_config_yes: 'false', ...env }) })
      : runCommand('pnpm', ['exec', bin, ...args], { cwd: dir, timeoutMs, env: userEnv(env) });
  return { client, dir, install, exec };
}
