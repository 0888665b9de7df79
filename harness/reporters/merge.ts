/**
 * Merging the results.json of the shards of one run (`--shard i/n` on several machines) into
 * the results.json of that run, as if it had run unsharded: the scenarios in the canonical
 * order, totals and the root cause recomputed, the run-level reconciliation applied across
 * shards, `complete` only when every shard was. Pure; refuses (ConfigError, exit 2) inputs that
 * are not the shards of one run, naming what is wrong and what to pass instead.
 */
import { ConfigError } from '../errors.js';
import { reconcileResults } from '../diagnose/reconcile.js';
import { rootCause } from '../diagnose/root-cause.js';
import { RESULTS_SCHEMA, totals, type RunResults, type ScenarioResult } from '../results.js';
import { WARMUP_SCENARIO_ID } from '../warmup.js';

/** One shard's results and where they were read from (named in every refusal). */
export interface ShardInput {
  source: string;
  results: RunResults;
}

const refuse = (message: string): never => {
  throw new ConfigError('WSC_ERR_USAGE', `merge: ${message}`);
};

/** The target as two shards of one run must share it (the reference backend's port differs per shard). */
function targetKey(r: RunResults): string {
  const t = r.target;
  return JSON.stringify({ kind: t.kind, profile: t.profile, faults: [...t.faults].sort(), url: t.kind === 'external' ? t.url : undefined });
}

function describeTarget(r: RunResults): string {
  const t = r.target;
  return `${t.kind === 'reference' ? 'the reference backend' : `profile "${t.profile}" at ${t.url}`}${t.faults.length ? ` playing ${t.faults.join(', ')}` : ''}`;
}

/** Refusals first: every input a shard, one total, one version, one target, each shard once, none missing, no scenario twice. */
function checkShards(inputs: readonly ShardInput[]): { total: number; byShard: ShardInput[] } {
  if (inputs.length === 0) refuse('nothing to merge: pass each shard\'s run directory (or results.json).');
  for (const i of inputs) {
    if (i.results.schema !== RESULTS_SCHEMA) refuse(`${i.source} is not a ws-chaos results file (schema "${String(i.results.schema)}", expected "${RESULTS_SCHEMA}").`);
    if (!i.results.shard) refuse(`${i.source} is the results of an unsharded run (no "shard" field): merge the outputs of runs made with --shard <i>/<n>.`);
  }
  const total = inputs[0]!.results.shard!.total;
  for (const i of inputs) {
    if (i.results.shard!.total !== total) {
      refuse(`${inputs[0]!.source} is a shard of ${total} but ${i.source} is shard ${i.results.shard!.current}/${i.results.shard!.total}: merge the shards of one run (the same --shard total everywhere).`);
    }
    if (i.results.tool?.version !== inputs[0]!.results.tool?.version) {
      refuse(`${i.source} was written by ws-chaos ${i.results.tool?.version} but ${inputs[0]!.source} by ${inputs[0]!.results.tool?.version}: run every shard with the same ws-chaos version.`);
    }
    if (targetKey(i.results) !== targetKey(inputs[0]!.results)) {
      refuse(`${i.source} ran against ${describeTarget(i.results)} but ${inputs[0]!.source} against ${describeTarget(inputs[0]!.results)}: merge the shards of one run.`);
    }
  }
  const byShard: ShardInput[] = [];
  for (const i of inputs) {
    const n = i.results.shard!.current;
    const seen = byShard[n - 1];
    if (seen) refuse(`shard ${n}/${total} is given twice (${seen.source} and ${i.source}): pass each shard once.`);
    byShard[n - 1] = i;
  }
  const missing = Array.from({ length: total }, (_, k) => k + 1).filter((n) => !byShard[n - 1]);
  if (missing.length) {
    refuse(`missing ${missing.map((n) => `shard ${n}/${total}`).join(', ')}: every shard of the run must be merged (pass the output of --shard ${missing[0]}/${total} too).`);
  }
  const where = new Map<string, string>();
  for (const i of byShard) {
    for (const s of i.results.scenarios) {
      if (s.id === WARMUP_SCENARIO_ID) continue;
      const first = where.get(s.id);
      if (first) refuse(`${s.id} is in ${first} and in ${i.source}: these are not slices of one run (run every shard with the same --grep and ws-chaos version).`);
      where.set(s.id, i.source);
    }
  }
  return { total, byShard };
}

/**
 * The merged run. `order` is the canonical scenario order (the registry's ids); scenarios it
 * does not list (a user's own) keep their shard order, after the listed ones.
 */
export function mergeShardResults(inputs: readonly ShardInput[], order: readonly string[] = []): RunResults {
  const { total, byShard } = checkShards(inputs);
  const shards = byShard.map((i) => i.results);
  const first = shards[0]!;
  const rank = new Map(order.map((id, k) => [id, k]));
  const arrival = shards.flatMap((r) => r.scenarios).filter((s) => s.id !== WARMUP_SCENARIO_ID);
  const position = new Map(arrival.map((s, k) => [s.id, k]));
  const key = (s: ScenarioResult): [number, number] => [rank.get(s.id) ?? order.length, position.get(s.id) ?? 0];
  const sorted = [...arrival].sort((a, b) => {
    const [ra, pa] = key(a);
    const [rb, pb] = key(b);
    return ra - rb || pa - pb;
  });
  // One run, one story: a code one shard's evidence contradicts is corrected as an unsharded run would.
  const results = reconcileResults(sorted);
  // Every shard warms up its own target: a failed warm-up counts once, first, as in a run.
  const warm = shards.flatMap((r) => r.scenarios).find((s) => s.id === WARMUP_SCENARIO_ID);
  const scenarios = warm ? [warm, ...results] : results;
  const warmup = shards.find((r) => r.warmup?.failed)?.warmup ?? first.warmup;
  const out: RunResults = {
    schema: RESULTS_SCHEMA,
    tool: first.tool,
    startedAt: shards.map((r) => r.startedAt).sort()[0]!,
    // The shards ran side by side: the run took as long as its slowest shard.
    durationMs: Math.max(...shards.map((r) => r.durationMs)),
    target: first.target,
    proxy: shards.find((r) => r.proxy)?.proxy ?? null,
    totals: totals(scenarios),
    scenarios,
    complete: shards.every((r) => r.complete !== false),
    planned: shards.reduce((sum, r) => sum + (r.planned ?? r.scenarios.length), 0),
    ran: shards.reduce((sum, r) => sum + (r.ran ?? r.scenarios.length), 0),
    rootCause: rootCause(results),
    shards: total,
  };
  if (warmup) out.warmup = warmup;
  return out;
}
