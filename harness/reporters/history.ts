/**
 * Run history under the reports root (`--out`, default `reports/`): every run writes to its own
 * `<root>/<timestamp>/`, `<root>/latest` points at the last finished run (a symlink, or a copy
 * where symlinks cannot be made), and runs past the newest `keep` are deleted. Only
 * directories named like a run are ever pruned; anything else under the root is left alone.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError } from '../errors';

export const LATEST = 'latest';
export const DEFAULT_KEEP = 10;

/** `2026-11-21T22-53-24-607Z`, optionally `-2`, `-3`... when two runs start in the same ms. */
const RUN_DIR = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(?:-\d+)?$/;

export function isRunDirName(name: string): boolean {
  return RUN_DIR.test(name);
}

/** A directory name for a run that started at `startedAt`: sortable, and safe on every OS. */
export function runDirName(startedAt: Date): string {
  return startedAt.toISOString().replace(/[:.]/g, '-');
}

/** Oldest first; a `-2` suffix sorts after its base name. */
export function sortRunDirs(names: readonly string[]): string[] {
  return names.filter(isRunDirName).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The run directories to delete so that the newest `keep` remain (never one in `protect`). */
export function runsToPrune(names: readonly string[], keep: number, protect: readonly string[] = []): string[] {
  const runs = sortRunDirs(names);
  const excess = runs.slice(0, Math.max(0, runs.length - Math.max(1, keep)));
  return excess.filter((n) => !protect.includes(n));
}

export interface RunDir {
  root: string;
  name: string;
  dir: string;
  startedAt: string;
}

/** Create this run's directory under `root`. */
export function startRunDir(root: string, now: Date = new Date()): RunDir {
  mkdirSync(root, { recursive: true });
  const base = runDirName(now);
  let name = base;
  for (let i = 2; existsSync(join(root, name)); i++) name = `${base}-${i}`;
  mkdirSync(join(root, name));
  return { root, name, dir: join(root, name), startedAt: now.toISOString() };
}

/** Point `<root>/latest` at the run: a relative symlink, or a copy where symlinks fail. */
export function updateLatest(root: string, name: string): 'symlink' | 'copy' {
  const latest = join(root, LATEST);
  const tmp = join(root, `.${LATEST}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    symlinkSync(name, tmp, 'dir');
    try {
      renameSync(tmp, latest);
    } catch {
      // `latest` is a real directory (an earlier copy): renaming a link over it fails.
      rmSync(latest, { recursive: true, force: true });
      renameSync(tmp, latest);
    }
    return 'symlink';
  } catch {
    rmSync(tmp, { recursive: true, force: true });
    if (existsSync(latest) || isLink(latest)) rmSync(latest, { recursive: true, force: true });
    cpSync(join(root, name), latest, { recursive: true });
    return 'copy';
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The run `<root>/latest` links to, if it is a link. */
function latestTarget(root: string): string | undefined {
  const latest = join(root, LATEST);
  return isLink(latest) ? basename(readlinkSync(latest)) : undefined;
}

/** Delete all but the newest `keep` runs under `root` (never `current`, nor what `latest` links to). */
export function pruneRuns(root: string, keep: number, current?: string): string[] {
  const names = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.isSymbolicLink())
    .map((e) => e.name);
  const protect = [current, latestTarget(root)].filter((n): n is string => n !== undefined);
  const doomed = runsToPrune(names, keep, protect);
  for (const n of doomed) rmSync(join(root, n), { recursive: true, force: true });
  return doomed;
}

/** After a run: update `latest` (when the run wrote its results) and prune old runs. */
export function finishRunDir(run: RunDir, keep: number): void {
  try {
    if (existsSync(join(run.dir, 'results.json'))) updateLatest(run.root, run.name);
    pruneRuns(run.root, keep, run.name);
  } catch (e) {
    process.stderr.write(`ws-chaos: could not update the report history in ${run.root}: ${(e as Error).message}\n`);
  }
}

/** `--keep <n>`: a whole number of runs, at least 1. */
export function parseKeep(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new ConfigError('WSC_ERR_USAGE', `--keep must be a whole number of runs to keep, at least 1 (got "${value}")`);
  }
  return n;
}
