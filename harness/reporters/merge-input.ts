/**
 * Finding a shard's results for `ws-chaos merge`: a results.json, a run directory holding one,
 * or a reports root (`--out` of the shard's run) whose `latest` or single run holds one. What
 * cannot be read or parsed is a ConfigError (exit 2) naming the path and what to pass instead.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';
import type { RunResults } from '../results.js';
import { isRunDirName, LATEST } from './history.js';
import type { ShardInput } from './merge.js';

const RESULTS = 'results.json';

const bad = (path: string, why: string): ConfigError =>
  new ConfigError('WSC_ERR_USAGE', `merge: ${path} ${why}; pass each shard's run directory (the one holding results.json) or its results.json.`);

/** The results.json a merge input names. */
export function resultsFileOf(path: string): string {
  if (!existsSync(path)) throw bad(path, 'does not exist');
  if (!statSync(path).isDirectory()) return path;
  if (existsSync(join(path, RESULTS))) return join(path, RESULTS);
  if (existsSync(join(path, LATEST, RESULTS))) return join(path, LATEST, RESULTS);
  // A downloaded CI artifact may have lost `latest` (a symlink) and the hidden run marker.
  const runs = readdirSync(path).filter((n) => isRunDirName(n) && existsSync(join(path, n, RESULTS)));
  if (runs.length === 1) return join(path, runs[0]!, RESULTS);
  throw bad(path, runs.length ? `holds ${runs.length} runs and no latest` : 'holds no results.json');
}

export function readShardInput(path: string): ShardInput & { runDir: string } {
  const file = resultsFileOf(path);
  let results: RunResults;
  try {
    results = JSON.parse(readFileSync(file, 'utf8')) as RunResults;
  } catch (e) {
    throw bad(file, `is not readable JSON (${(e as Error).message})`);
  }
  if (typeof results !== 'object' || results === null || !Array.isArray(results.scenarios)) throw bad(file, 'is not a ws-chaos results.json');
  return { source: file, results, runDir: dirname(file) };
}
