/**
 * `ws-chaos merge` of load runs: the inputs are the run directories (or load.json files, or
 * `--out` roots) of `ws-chaos load --shard i/n` runs. Their load.json are merged
 * (harness/load/merge.ts: merged HDR histograms, never averaged percentiles), the thresholds
 * judged again on the merged figures, and the merged run written like a load run: load.json,
 * junit.xml (a test case per threshold), summary.md, load.svg and index.html. Exit 0 every
 * threshold held, 1 one was breached, a shard's run diagnosis, or shards missing (partial), 2 bad
 * input — among it a mix of load runs and scenario runs, each named.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError } from '../harness/errors.js';
import { mergeLoadShards, type LoadShardInput } from '../harness/load/merge.js';
import { LOAD_FILE } from '../harness/load/outputs.js';
import { LOAD_SCHEMA } from '../harness/load/result.js';
import { stormChartSvg } from '../harness/load/storm-outputs.js';
import { checkReportsRoot, finishRunDir, isRunDirName, LATEST, startRunDir } from '../harness/reporters/history.js';
import { writeLoadRun, type LoadOutcome } from './load-session.js';
import { soakLines } from './load-soak.js';
import { stormLines, type CliStormResult } from './load-storm.js';

const RESULTS = 'results.json';

/** What a merge input holds: a load run's load.json, a scenario run's results.json, or neither (left to the scenario merge's messages). */
export function mergeInputKind(path: string): { kind: 'load'; file: string } | { kind: 'scenarios' } | { kind: 'unknown' } {
  if (!existsSync(path)) return { kind: 'unknown' };
  if (!statSync(path).isDirectory()) {
    if (basename(path) === LOAD_FILE) return { kind: 'load', file: path };
    if (basename(path) === RESULTS) return { kind: 'scenarios' };
    try {
      const schema = (JSON.parse(readFileSync(path, 'utf8')) as { schema?: unknown }).schema;
      return schema === LOAD_SCHEMA ? { kind: 'load', file: path } : { kind: 'scenarios' };
    } catch {
      return { kind: 'unknown' };
    }
  }
  const dirs = [path, join(path, LATEST)];
  // A downloaded CI artifact may have lost `latest` (a symlink): its single run.
  const runs = readdirSync(path).filter((n) => isRunDirName(n));
  if (runs.length === 1) dirs.push(join(path, runs[0]!));
  for (const d of dirs) {
    if (existsSync(join(d, LOAD_FILE))) return { kind: 'load', file: join(d, LOAD_FILE) };
    if (existsSync(join(d, RESULTS))) return { kind: 'scenarios' };
  }
  return { kind: 'unknown' };
}

/** Load runs and scenario runs cannot merge into one: exit 2 naming which input is which. */
export function checkOneKind(inputs: ReadonlyArray<{ path: string; kind: string }>): void {
  const loads = inputs.filter((i) => i.kind === 'load').map((i) => i.path);
  const scenarios = inputs.filter((i) => i.kind === 'scenarios').map((i) => i.path);
  if (loads.length && scenarios.length) {
    throw new ConfigError(
      'WSC_ERR_USAGE',
      `merge: ${loads.join(', ')} ${loads.length === 1 ? 'is a load run' : 'are load runs'} (load.json) but ${scenarios.join(', ')} ${scenarios.length === 1 ? 'is a scenario run' : 'are scenario runs'} (results.json): merge the shards of one run, all load runs or all scenario runs.`,
    );
  }
}

function readLoadShard(file: string): LoadShardInput {
  try {
    return { source: file, result: JSON.parse(readFileSync(file, 'utf8')) as LoadShardInput['result'] };
  } catch (e) {
    throw new ConfigError('WSC_ERR_USAGE', `merge: ${file} is not readable JSON (${(e as Error).message}); pass each shard's run directory (the one holding load.json) or its load.json.`);
  }
}

/** Merge the load.json `files` into a new run under `out`; the exit code. */
export function mergeLoadShardFiles(files: readonly string[], opts: { out: string; keep: number }): number {
  const { result, runDiagnoses } = mergeLoadShards(files.map(readLoadShard));
  checkReportsRoot(opts.out);
  const run = startRunDir(opts.out);
  const outcome: LoadOutcome = { result, runDiagnoses, lines: [`ws-chaos merged ${result.shards!.merged.length} of ${result.shards!.total} load shards (${result.scenario ?? 'load/ramp'}); thresholds${result.storm || result.soak ? ` and the ${result.storm ? 'storm' : 'soak'}` : ''} judged again on the merged figures`] };
  if (result.storm) {
    const storm = { ...result, storm: { ...result.storm, trigger: result.storm.trigger ?? result.storm.kind } } as CliStormResult;
    outcome.lines!.push(...stormLines(storm));
    outcome.svg = stormChartSvg(storm);
  }
  if (result.soak) outcome.lines!.push(...soakLines({ ...result, soak: result.soak }));
  let text: string;
  try {
    text = writeLoadRun(outcome, run.dir);
  } finally {
    finishRunDir(run, opts.keep);
  }
  process.stdout.write(`${text}\n`);
  const { total, missing, interrupted = [] } = result.shards!;
  const partial = [
    missing.length ? `missing ${missing.map((n) => `shard ${n}/${total}`).join(', ')} (pass the output of --shard ${missing[0]}/${total} too)` : '',
    interrupted.length ? `${interrupted.map((n) => `shard ${n}/${total}`).join(', ')} ${interrupted.length === 1 ? 'was' : 'were'} interrupted (its figures stop early: run --shard ${interrupted[0]}/${total} again and merge its output)` : '',
  ].filter(Boolean);
  if (partial.length) {
    process.stderr.write(`ws-chaos: the merged load run is partial: ${partial.join('; ')}; exit 1.\n`);
    return 1;
  }
  return result.passed ? 0 : 1;
}
