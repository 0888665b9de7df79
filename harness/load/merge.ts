/**
 * Joining the load.json of several parts of one load run (worker processes on one machine,
 * shards on several) into one: counts add up, every latency's percentiles come from the merged
 * HDR histogram (never an average of the parts' percentiles), the diagnosis tallies merge (the
 * earliest first example wins), the per-second series add up second by second, the harness's
 * lag is the worst part's, and the thresholds are evaluated again on the merged figures.
 * `mergeLoadShards` is `ws-chaos merge` of load runs: it checks the inputs are the shards of one
 * run (`--shard i/n`), reports the shards missing (a partial result, which does not pass), sums
 * the shards' arrival plans back into the requested one, and carries each shard's run diagnoses
 * (a storm's RECONNECT_HERD, a soak's CONNECTIONS_LEAKED) over, named by shard.
 */
import { ConfigError } from '../errors.js';
import { mergeHistograms } from './histogram.js';
import { finishResult, harnessNote, LOAD_SCHEMA, type LoadResult } from './result.js';
import { describePlan, type Stage } from './schedule.js';
import type { SecondSample } from './series.js';
import { DiagnosisTally } from './tally.js';
import { parseThresholds } from './threshold.js';

function mergeSeries(parts: readonly SecondSample[][]): SecondSample[] {
  const out: SecondSample[] = [];
  for (const series of parts) {
    for (const s of series) {
      const m = (out[s.second] ??= { second: s.second, arrivals: 0, opened: 0, failed: 0, messagesIn: 0, messagesOut: 0, open: 0, lagMaxMs: 0, saturated: false });
      m.arrivals += s.arrivals;
      m.opened += s.opened;
      m.failed += s.failed;
      m.messagesIn += s.messagesIn;
      m.messagesOut += s.messagesOut;
      m.open += s.open;
      // Every part reads the same backend's count: the latest reading is the backend's, not a sum.
      if (s.health !== undefined) m.health = Math.max(m.health ?? 0, s.health);
      m.lagMaxMs = Math.max(m.lagMaxMs, s.lagMaxMs);
      m.saturated ||= s.saturated;
    }
  }
  return out.filter((s): s is SecondSample => s !== undefined);
}

export function mergeLoadResults(parts: readonly LoadResult[]): LoadResult {
  if (parts.length === 0) throw new ConfigError('WSC_ERR_USAGE', 'no load results to merge: pass the load.json of each part.');
  for (const p of parts) {
    if (p.schema !== LOAD_SCHEMA) throw new ConfigError('WSC_ERR_USAGE', `cannot merge a load result of schema "${String(p.schema)}": only ${LOAD_SCHEMA} is understood.`);
  }
  const [head] = parts;
  const sum = (f: (r: LoadResult) => number): number => parts.reduce((n, r) => n + f(r), 0);
  const metrics = [...new Set(parts.flatMap((p) => Object.keys(p.histograms)))];
  const latency: LoadResult['latency'] = {};
  const histograms: LoadResult['histograms'] = {};
  for (const k of metrics) {
    const h = mergeHistograms(parts.flatMap((p) => (p.histograms[k] ? [p.histograms[k]] : [])));
    latency[k] = { ...h.percentiles(), saturatedSamples: h.saturatedSamples };
    histograms[k] = h.toJSON();
  }
  const tally = new DiagnosisTally();
  for (const p of parts) for (const c of p.diagnoses) tally.merge(c);
  const attempted = sum((r) => r.totals.attempted);
  const failed = sum((r) => r.totals.failed);
  const series = mergeSeries(parts.map((p) => p.series));
  const harness = {
    lagMaxMs: Math.max(...parts.map((p) => p.harness.lagMaxMs)),
    lagP99Ms: Math.max(...parts.map((p) => p.harness.lagP99Ms)),
    saturatedSeconds: Math.max(...parts.map((p) => p.harness.saturatedSeconds)),
    seconds: Math.max(...parts.map((p) => p.harness.seconds)),
    saturated: parts.some((p) => p.harness.saturated),
  };
  const thresholds = parseThresholds(head.thresholds.map((t) => t.threshold), metrics);
  return finishResult(
    {
      schema: LOAD_SCHEMA,
      startedAt: parts.map((p) => p.startedAt).sort()[0],
      durationMs: Math.max(...parts.map((p) => p.durationMs)),
      target: head.target,
      plan: { ...head.plan, connections: sum((r) => r.plan.connections) },
      interrupted: parts.some((p) => p.interrupted),
      totals: {
        attempted,
        opened: sum((r) => r.totals.opened),
        welcomed: sum((r) => r.totals.welcomed),
        failed,
        failedRatio: attempted === 0 ? 0 : failed / attempted,
        endedByServer: sum((r) => r.totals.endedByServer),
        peakOpen: series.length ? Math.max(...series.map((s) => s.open)) : sum((r) => r.totals.peakOpen),
        messagesSent: sum((r) => r.totals.messagesSent),
        messagesReceived: sum((r) => r.totals.messagesReceived),
        leftOpen: sum((r) => r.totals.leftOpen),
      },
      latency,
      histograms,
      diagnoses: tally.toJSON(),
      series,
      harness: { ...harness, note: harnessNote(harness) },
      parts: sum((r) => r.parts ?? 1),
    },
    thresholds,
  );
}

/** One shard's load.json and where it was read from (named in every refusal). */
export interface LoadShardInput {
  source: string;
  result: LoadResult & { storm?: { diagnoses?: RunDiagnosis[] }; soak?: { diagnoses?: RunDiagnosis[] } };
}

export interface RunDiagnosis {
  code: string;
  summary: string;
}

const refuse = (message: string): never => {
  throw new ConfigError('WSC_ERR_USAGE', `merge: ${message}`);
};

/** The shards' stages added rate by rate: the plan the whole run asked for (each shard ran its share). */
function summedStages(parts: readonly LoadResult[]): Stage[] {
  const round = (n: number): number => Math.round(n * 1e6) / 1e6;
  const [head] = parts;
  if (parts.some((p) => p.plan.stages.length !== head.plan.stages.length)) return head.plan.stages;
  return head.plan.stages.map((st, i) => ({
    ...st,
    fromPerS: round(parts.reduce((n, p) => n + p.plan.stages[i].fromPerS, 0)),
    toPerS: round(parts.reduce((n, p) => n + p.plan.stages[i].toPerS, 0)),
  }));
}

/**
 * Merge the load.json of the shards of one load run. Refused (exit 2): an unsharded run, two
 * shard totals, a shard given twice, shards of different scenarios, targets or thresholds.
 * Missing shards are no refusal: the result says which (`shards.missing`) and does not pass.
 */
export function mergeLoadShards(inputs: readonly LoadShardInput[]): { result: LoadResult; runDiagnoses: RunDiagnosis[] } {
  if (inputs.length === 0) refuse("nothing to merge: pass each shard's run directory (or load.json).");
  for (const i of inputs) {
    if (i.result.schema !== LOAD_SCHEMA) refuse(`${i.source} is not a ${LOAD_SCHEMA} load.json (schema "${String(i.result.schema)}"): pass the load.json each ws-chaos load --shard i/n run wrote.`);
    if (!i.result.shard) refuse(`${i.source} is the load.json of an unsharded run (no "shard" field): merge the outputs of runs made with ws-chaos load --shard <i>/<n>.`);
  }
  const first = inputs[0];
  const total = first.result.shard!.total;
  const byShard: LoadShardInput[] = [];
  for (const i of inputs) {
    const s = i.result.shard!;
    if (s.total !== total) refuse(`${first.source} is a shard of ${total} but ${i.source} is shard ${s.current}/${s.total}: merge the shards of one run (the same --shard total everywhere).`);
    if (byShard[s.current - 1]) refuse(`shard ${s.current}/${total} is given twice (${byShard[s.current - 1].source} and ${i.source}): pass each shard once.`);
    if ((i.result.scenario ?? 'load/ramp') !== (first.result.scenario ?? 'load/ramp')) refuse(`${first.source} ran ${first.result.scenario} but ${i.source} ran ${i.result.scenario}: merge the shards of one run (the same load scenario everywhere).`);
    if (i.result.target.name !== first.result.target.name) refuse(`${first.source} loaded "${first.result.target.name}" but ${i.source} loaded "${i.result.target.name}": merge the shards of one run.`);
    const texts = (r: LoadResult): string => r.thresholds.map((t) => t.threshold).join(' ');
    if (texts(i.result) !== texts(first.result)) refuse(`${first.source} was judged by [${texts(first.result)}] but ${i.source} by [${texts(i.result)}]: run every shard with the same thresholds.`);
    byShard[s.current - 1] = i;
  }
  const present = byShard.filter((i): i is LoadShardInput => i !== undefined);
  const merged = Array.from({ length: total }, (_, k) => k + 1).filter((n) => byShard[n - 1]);
  const missing = Array.from({ length: total }, (_, k) => k + 1).filter((n) => !byShard[n - 1]);
  const parts = present.map((i) => i.result);
  const whole = mergeLoadResults(parts);
  const stages = summedStages(parts);
  const runDiagnoses = present.flatMap((i) =>
    [...(i.result.storm?.diagnoses ?? []), ...(i.result.soak?.diagnoses ?? [])].map((d) => ({ code: d.code, summary: `shard ${i.result.shard!.current}/${total}: ${d.summary}` })),
  );
  const result: LoadResult = {
    ...whole,
    plan: { ...whole.plan, stages, arrival: describePlan({ stages }) },
    ...(first.result.scenario ? { scenario: first.result.scenario } : {}),
    shards: { total, merged, missing },
    passed: whole.passed && missing.length === 0 && runDiagnoses.length === 0,
  };
  return { result, runDiagnoses };
}
