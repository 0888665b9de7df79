/**
 * Run history under the reports root (`--out`, default `reports/`): every run writes to its own
 * `<root>/<timestamp>/`, `<root>/latest` points at the last finished run (a symlink, or a copy
 * where symlinks cannot be made), and runs past the newest `keep` are deleted. ws-chaos marks
 * what it creates with a RUN_MARKER file: only complete runs it wrote (marker and results.json)
 * are counted and pruned, and a `latest` it did not make is never replaced.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError } from '../errors.js';

export const LATEST = 'latest';
export const DEFAULT_KEEP = 10;
/** In every run directory ws-chaos creates (and so in every copy of one it makes as `latest`). */
export const RUN_MARKER = '.ws-chaos-run';
const RESULTS = 'results.json';
/** What a finished run wrote: a scenario run's results.json, or a load run's load.json (`ws-chaos load`). */
const RUN_OUTPUTS = [RESULTS, 'load.json'];
const wroteOutput = (dir: string): boolean => RUN_OUTPUTS.some((f) => existsSync(join(dir, f)));

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

function kindOf(path: string): 'missing' | 'link' | 'dir' | 'other' {
  try {
    const st = lstatSync(path);
    return st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * Checked before a run starts: `--out` must be a directory (or not exist yet), and its `latest`
 * must be something ws-chaos made (a symlink, or a copy holding RUN_MARKER), never the user's.
 */
export function checkReportsRoot(root: string): void {
  const k = kindOf(root);
  if (k === 'other' || (k === 'link' && !statSync(root, { throwIfNoEntry: false })?.isDirectory())) {
    throw new ConfigError('WSC_ERR_USAGE', `--out is a file: ${root} is not a directory. Point --out at a directory (it is created when missing).`);
  }
  const latest = join(root, LATEST);
  const lk = kindOf(latest);
  if (lk === 'other' || (lk === 'dir' && !existsSync(join(latest, RUN_MARKER)))) {
    throw new ConfigError(
      'WSC_ERR_USAGE',
      `${latest} exists and ws-chaos did not create it (it is a ${lk === 'dir' ? 'directory without a ' + RUN_MARKER + ' marker' : 'file'}); ws-chaos will not replace it. Move it away, or choose another --out.`,
    );
  }
}

/** Create this run's directory under `root`, marked as ws-chaos's. */
export function startRunDir(root: string, now: Date = new Date()): RunDir {
  checkReportsRoot(root);
  mkdirSync(root, { recursive: true });
  const base = runDirName(now);
  let name = base;
  for (let i = 2; existsSync(join(root, name)); i++) name = `${base}-${i}`;
  mkdirSync(join(root, name));
  writeFileSync(join(root, name, RUN_MARKER), `ws-chaos run directory, started ${now.toISOString()}\n`);
  return { root, name, dir: join(root, name), startedAt: now.toISOString() };
}

/** Point `<root>/latest` at the run: a relative symlink, or a copy where symlinks fail. */
export function updateLatest(root: string, name: string): 'symlink' | 'copy' {
  const latest = join(root, LATEST);
  // Never replace what ws-chaos did not make (checked again here: it may have appeared mid-run).
  checkReportsRoot(root);
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

/** A complete run ws-chaos wrote: named like a run, marked, and holding its results.json (or a load run's load.json). */
export function isCompleteRun(root: string, name: string): boolean {
  return isRunDirName(name) && existsSync(join(root, name, RUN_MARKER)) && wroteOutput(join(root, name));
}

/**
 * Delete all but the newest `keep` runs under `root` (never `current`, nor what `latest` links
 * to). Only complete runs ws-chaos wrote are counted or deleted: an incomplete one never makes
 * a good run go.
 */
export function pruneRuns(root: string, keep: number, current?: string): string[] {
  const names = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.isSymbolicLink() && isCompleteRun(root, e.name))
    .map((e) => e.name);
  const protect = [current, latestTarget(root)].filter((n): n is string => n !== undefined);
  const doomed = runsToPrune(names, keep, protect);
  for (const n of doomed) rmSync(join(root, n), { recursive: true, force: true });
  return doomed;
}

/**
 * After a run: update `latest` (when the run wrote its results) and prune old runs. A run that
 * produced nothing (a spawn error, a bad option after --) leaves no empty directory behind.
 */
export function finishRunDir(run: RunDir, keep: number): void {
  try {
    if (wroteOutput(run.dir)) updateLatest(run.root, run.name);
    else if (readdirSync(run.dir).every((n) => n === RUN_MARKER)) rmSync(run.dir, { recursive: true, force: true });
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
