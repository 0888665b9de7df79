/**
 * `ws-chaos merge <dir|results.json>... --out <dir>`: join the outputs of the shards of one run
 * (`--shard i/n` on several machines) into one run directory under the run history, with the
 * results.json an unsharded run would have written and every output derived from it (junit.xml,
 * summary.md, index.html, timelines/, and Playwright's HTML report when every shard left a blob).
 * `--baseline` compares the merged run with an earlier one (a shard's own comparison covers its
 * slice only, so it is not carried over). Exit 0 when every merged scenario passed, 1 when one
 * failed or errored or a shard was interrupted (the run is partial), 2 for bad input.
 * Shards of a load run (`ws-chaos load --shard i/n`, their load.json) merge into a load run
 * instead (cli/load-merge.ts); a mix of load and scenario runs is exit 2 naming which is which.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_KEEP, checkReportsRoot, finishRunDir, parseKeep, startRunDir } from '../harness/reporters/history.js';
import { compareWithBaseline } from '../harness/reporters/baseline.js';
import { loadBaseline } from '../harness/reporters/baseline-file.js';
import { consoleBaseline, consoleSummary } from '../harness/reporters/console.js';
import { WARMUP_SCENARIO_ID } from '../harness/warmup.js';
import { mergeShardResults } from '../harness/reporters/merge.js';
import { readShardInput } from '../harness/reporters/merge-input.js';
import { mergeHtmlReports } from '../harness/reporters/merge-html.js';
import { writeExtraOutputs } from '../harness/reporters/outputs.js';
import { SCENARIOS } from '../scenarios/index.js';
import { checkOneKind, mergeInputKind, mergeLoadShardFiles } from './load-merge.js';
import { resolveUserPath } from './options.js';
import { ConfigError } from '../harness/errors.js';

export interface MergeOptions {
  out: string;
  keep: number;
  /** An earlier run's results.json (or run directory) to compare the merged run with. */
  baseline?: string;
}

/** Merge the shards named by `inputs` into a new run under `opts.out`; returns the exit code. */
export async function mergeShards(inputs: readonly string[], opts: MergeOptions): Promise<number> {
  const kinds = inputs.map((p) => ({ path: p, ...mergeInputKind(resolveUserPath(p)) }));
  checkOneKind(kinds);
  if (kinds.length > 0 && kinds.every((k) => k.kind === 'load')) {
    if (opts.baseline) throw new ConfigError('WSC_ERR_USAGE', 'merge: --baseline compares scenario runs (results.json); these are load runs: drop --baseline.');
    return mergeLoadShardFiles(kinds.map((k) => (k.kind === 'load' ? k.file : '')), { out: resolveUserPath(opts.out), keep: opts.keep });
  }
  const shards = inputs.map((p) => readShardInput(resolveUserPath(p)));
  const merged = mergeShardResults(shards, SCENARIOS.map((s) => s.id));
  if (opts.baseline) {
    const ref = loadBaseline(resolveUserPath(opts.baseline));
    merged.baseline = compareWithBaseline(ref, merged.scenarios.filter((s) => s.id !== WARMUP_SCENARIO_ID));
  }
  const root = resolveUserPath(opts.out);
  checkReportsRoot(root);
  const run = startRunDir(root);
  try {
    writeFileSync(join(run.dir, 'results.json'), `${JSON.stringify(merged, null, 2)}\n`);
    // The shards' results are already redacted: there is no profile to redact with here.
    await writeExtraOutputs(merged, { outDir: run.dir, profile: undefined });
    const note = await mergeHtmlReports(shards.map((s) => s.runDir), run.dir);
    if (note) process.stderr.write(`ws-chaos: ${note}\n`);
  } finally {
    finishRunDir(run, opts.keep);
  }
  const t = merged.totals;
  process.stdout.write(`ws-chaos merged ${merged.shards} shards: ${merged.scenarios.length} scenario(s)\n${consoleBaseline(merged)}${consoleSummary(merged, run.dir)}\n`);
  if (merged.complete === false) {
    // A shard was stopped early: scenarios it planned have no verdict, so the run cannot pass.
    process.stderr.write(`ws-chaos: the merged run is partial (a shard was interrupted): ${merged.ran} of ${merged.planned} scenarios ran; exit 1.\n`);
    return 1;
  }
  return t.failed + t.errored > 0 ? 1 : 0;
}

export function addMergeCommand(program: Command): void {
  program
    .command('merge')
    .description("merge the outputs of the shards of one run (--shard i/n) into one run directory: results.json, junit.xml, summary.md, index.html, timelines and Playwright's HTML report; for shards of `ws-chaos load`, load.json (merged histograms, thresholds judged again), junit.xml, summary.md, load.svg and index.html. Exit 0 every scenario passed (every threshold held), 1 one failed or a shard is missing, 2 bad input.")
    .argument('<shards...>', "each shard's run directory (or its results.json / load.json, or the --out root it wrote to)")
    .option('--out <dir>', 'reports root for the merged run: it writes <dir>/<timestamp>/, and <dir>/latest points at it', 'reports')
    .option('--baseline <file>', "an earlier run's results.json (or run directory) to compare the merged run with")
    .option('--keep <n>', 'how many runs to keep under --out (older ones are deleted)', parseKeep, DEFAULT_KEEP)
    .action(async (inputs: string[], opts: MergeOptions) => {
      process.exitCode = await mergeShards(inputs, opts);
    });
}
