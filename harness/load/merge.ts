/**
 * Joining the load.json of several parts of one load run (worker processes on one machine,
 * shards on several) into one: counts add up, every latency's percentiles come from the merged
 * HDR histogram (never an average of the parts' percentiles), the diagnosis tallies merge (the
 * earliest first example wins), the per-second series add up second by second, the harness's
 * lag is the worst part's, and the thresholds are evaluated again on the merged figures.
 * `mergeLoadShards` is `ws-chaos merge` of load runs: it checks the inputs are the shards of one
 * run (`--shard i/n`), reports the shards missing (a partial result, which does not pass), sums
 * the shards' arrival plans back into the requested one, merges the shards' `storm` sections
 * (reconnect curves summed per second, peaks and budgets summed, RECONNECT_HERD and
 * HERD_NOT_ABSORBED judged again on the whole) and `soak` sections (drops summed by code, the
 * backend's count next to the live count of all shards, CONNECTIONS_LEAKED judged again), and
 * reports an interrupted shard as a partial result.
 */
import type { Diagnosis } from '../diagnose/codes.js';
import { judgeConnectionDrift, judgeHerdAbsorbed, judgeReconnectHerd } from '../diagnose/judges/load-herd.js';
import { ConfigError } from '../errors.js';
import { mergeHistograms } from './histogram.js';
import { finishResult, harnessNote, LOAD_SCHEMA, type LoadResult } from './result.js';
import { describePlan, type Stage } from './schedule.js';
import type { SecondSample } from './series.js';
import type { SoakResult, SoakSample } from './soak.js';
import type { StormLoadResult } from './storm-outputs.js';
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

/** A storm's section of load.json (storm-outputs.ts), with the `--storm` value the CLI adds. */
export type LoadStormSection = StormLoadResult['storm'] & { trigger?: string };
/** A soak's section of load.json (cli/load-soak.ts). */
export type LoadSoakSection = Omit<SoakResult, 'recorder' | 'durationMs'>;

/** One shard's load.json and where it was read from (named in every refusal). */
export interface LoadShardInput {
  source: string;
  /** A section without its figures (only `diagnoses`) is carried over as it is, not merged. */
  result: LoadResult & { storm?: Partial<LoadStormSection> & { diagnoses?: RunDiagnosis[] }; soak?: Partial<LoadSoakSection> & { diagnoses?: RunDiagnosis[] } };
}

export interface RunDiagnosis {
  code: string;
  summary: string;
}

/** What a merge of load shards hands back: load.json (with `storm` / `soak` merged when the shards had them) and the run-level diagnoses. */
export interface MergedLoadShards {
  result: LoadResult & { storm?: LoadStormSection; soak?: LoadSoakSection };
  runDiagnoses: RunDiagnosis[];
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

const sumBy = <T>(xs: readonly T[], f: (x: T) => number): number => xs.reduce((n, x) => n + f(x), 0);

/** Series added index by index (a shorter one adds nothing past its end). */
function addCurves(curves: ReadonlyArray<readonly number[]>): number[] {
  const out: number[] = [];
  for (const c of curves) c.forEach((v, i) => (out[i] = (out[i] ?? 0) + v));
  return Array.from(out, (v) => v ?? 0);
}

const isFullStorm = (s: LoadShardInput['result']['storm']): s is LoadStormSection =>
  !!s && typeof s.dropped === 'number' && Array.isArray(s.arrivalsPerSecond) && !!s.peak && typeof s.budgetPerS === 'number' && !!s.backend && typeof s.neverBack === 'number';

const isFullSoak = (s: LoadShardInput['result']['soak']): s is LoadSoakSection => !!s && Array.isArray(s.samples) && !!s.drops && typeof s.churned === 'number';

/**
 * When 99 % of all the dropped clients were back, from the shards' figures: the earliest of the
 * shards' times by which, counting every client of a shard not yet at its own 99 % as still away
 * (and a shard at its 99 % as missing its 1 %), at most 1 % of the whole are away. An upper bound
 * (exact when one shard is the slowest by far); null when the figures never get there.
 */
export function mergedBack99Ms(parts: ReadonlyArray<{ dropped: number; back99Ms: number | null }>): number | null {
  const dropped = sumBy(parts, (p) => p.dropped);
  if (dropped === 0) return 0;
  const allowed = dropped - Math.ceil(0.99 * dropped);
  const times = [...new Set(parts.flatMap((p) => (p.back99Ms === null ? [] : [p.back99Ms])))].sort((a, b) => a - b);
  for (const t of times) {
    const away = sumBy(parts, (p) => (p.back99Ms !== null && p.back99Ms <= t ? p.dropped - Math.ceil(0.99 * p.dropped) : p.dropped));
    if (away <= allowed) return t;
  }
  return null;
}

/**
 * The shards' storms as one: every shard's clients were cut by its deploy, so the curves are
 * aligned on the storm (second 0 = the trigger) and added; the merged peak is the sum of the
 * shards' peaks (the herd one backend sees when one deploy cuts them all at once; an upper bound
 * when the shards' deploys did not coincide), judged against the sum of their budgets (each shard
 * ran with its share of --herd-budget); what the backend did once up is added, and judged again.
 */
export function mergeStorms(storms: readonly LoadStormSection[], example?: string): LoadStormSection {
  const [head] = storms;
  const windowMs = head.peak.windowMs;
  const top = storms.reduce((a, b) => (b.peak.perS > a.peak.perS ? b : a));
  const dropped = sumBy(storms, (s) => s.dropped);
  const peak = { perS: sumBy(storms, (s) => s.peak.perS), atMs: top.peak.atMs, windowMs };
  const budgetPerS = sumBy(storms, (s) => s.budgetPerS);
  const keys = ['attemptsWhileUp', 'lateWelcomes', 'overloadCloses', 'refusedUpgrades', 'otherFailures'] as const;
  const backend = Object.fromEntries(keys.map((k) => [k, sumBy(storms, (s) => s.backend[k])])) as LoadStormSection['backend'];
  const diagnoses = [
    judgeReconnectHerd({ dropped, peakPerS: peak.perS, windowMs, peakAtMs: peak.atMs, budgetPerS, policyName: head.policy }),
    judgeHerdAbsorbed({ ...backend, attempts: backend.attemptsWhileUp, toleranceRatio: 0.01, example }),
  ].filter((d): d is Diagnosis => d !== null);
  return {
    kind: head.kind,
    ...(head.trigger ? { trigger: head.trigger } : {}),
    policy: head.policy,
    stormAtMs: Math.min(...storms.map((s) => s.stormAtMs)),
    downMs: Math.max(...storms.map((s) => s.downMs)),
    dropped,
    arrivalsPerSecond: addCurves(storms.map((s) => s.arrivalsPerSecond)),
    peak,
    budgetPerS,
    back99Ms: mergedBack99Ms(storms),
    neverBack: sumBy(storms, (s) => s.neverBack),
    backend,
    diagnoses,
  };
}

/**
 * The shards' soaks as one: drops added by close code, keepalives missed and churn added; the
 * samples joined reading by reading (the live counts added; the backend's count added too when
 * each shard loaded its own backend — different target URLs, as with the built-in reference
 * backend — else the highest reading of the one backend), the final reading (after every shard
 * closed everything) joined apart, and the drift judged again against 2 or 1 % of all the connections.
 */
export function mergeSoaks(soaks: readonly LoadSoakSection[], o: { connections: number; separateBackends: boolean }): LoadSoakSection {
  const drops: Record<string, number> = {};
  for (const s of soaks) for (const [code, n] of Object.entries(s.drops)) drops[code] = (drops[code] ?? 0) + n;
  const join = (xs: readonly SoakSample[]): SoakSample => {
    const combine = (f: (x: SoakSample) => number | undefined, add: boolean): number | undefined => {
      const v = xs.map(f).filter((n): n is number => n !== undefined);
      if (!v.length) return undefined;
      return add ? v.reduce((a, b) => a + b, 0) : Math.max(...v);
    };
    const sample: SoakSample = { atMs: Math.max(...xs.map((x) => x.atMs)), health: combine((x) => x.health, o.separateBackends) ?? 0, live: sumBy(xs, (x) => x.live) };
    const rss = combine((x) => x.rssBytes, o.separateBackends);
    const lag = combine((x) => x.backendLagMs, false);
    return { ...sample, ...(rss !== undefined ? { rssBytes: rss } : {}), ...(lag !== undefined ? { backendLagMs: lag } : {}) };
  };
  const withSamples = soaks.filter((s) => s.samples.length > 0);
  const samples: SoakSample[] = [];
  if (withSamples.length === soaks.length) {
    const bodies = withSamples.map((s) => s.samples.slice(0, -1));
    const longest = Math.max(...bodies.map((b) => b.length));
    for (let i = 0; i < longest; i++) samples.push(join(bodies.flatMap((b) => (b.length ? [b[Math.min(i, b.length - 1)]] : []))));
    samples.push(join(withSamples.map((s) => s.samples.at(-1)!)));
  }
  const drift = samples.length ? judgeConnectionDrift({ samples, tolerance: Math.max(2, Math.ceil(0.01 * o.connections)) }) : null;
  return {
    samples,
    drops,
    keepalivesMissed: sumBy(soaks, (s) => s.keepalivesMissed),
    churned: sumBy(soaks, (s) => s.churned),
    diagnoses: drift ? [drift] : [],
  };
}

/**
 * Merge the load.json of the shards of one load run. Refused (exit 2): an unsharded run, two
 * shard totals, a shard given twice, shards of different scenarios, targets, thresholds or
 * storms. Missing or interrupted shards are no refusal: the result says which (`shards.missing`,
 * `shards.interrupted`) and does not pass.
 */
export function mergeLoadShards(inputs: readonly LoadShardInput[]): MergedLoadShards {
  if (inputs.length === 0) refuse("nothing to merge: pass each shard's run directory (or load.json).");
  for (const i of inputs) {
    if (i.result.schema !== LOAD_SCHEMA) refuse(`${i.source} is not a ${LOAD_SCHEMA} load.json (schema "${String(i.result.schema)}"): pass the load.json each ws-chaos load --shard i/n run wrote.`);
    if (!i.result.shard) refuse(`${i.source} is the load.json of an unsharded run (no "shard" field): merge the outputs of runs made with ws-chaos load --shard <i>/<n>.`);
  }
  const first = inputs[0];
  const total = first.result.shard!.total;
  const byShard: LoadShardInput[] = [];
  const storm = (r: LoadShardInput['result']): string => (r.storm ? `${r.storm.trigger ?? r.storm.kind ?? 'a storm'} with the ${r.storm.policy ?? '?'} policy` : 'no storm');
  for (const i of inputs) {
    const s = i.result.shard!;
    if (s.total !== total) refuse(`${first.source} is a shard of ${total} but ${i.source} is shard ${s.current}/${s.total}: merge the shards of one run (the same --shard total everywhere).`);
    if (byShard[s.current - 1]) refuse(`shard ${s.current}/${total} is given twice (${byShard[s.current - 1].source} and ${i.source}): pass each shard once.`);
    if ((i.result.scenario ?? 'load/ramp') !== (first.result.scenario ?? 'load/ramp')) refuse(`${first.source} ran ${first.result.scenario} but ${i.source} ran ${i.result.scenario}: merge the shards of one run (the same load scenario everywhere).`);
    if (i.result.target.name !== first.result.target.name) refuse(`${first.source} loaded "${first.result.target.name}" but ${i.source} loaded "${i.result.target.name}": merge the shards of one run.`);
    const texts = (r: LoadResult): string => r.thresholds.map((t) => t.threshold).join(' ');
    if (texts(i.result) !== texts(first.result)) refuse(`${first.source} was judged by [${texts(first.result)}] but ${i.source} by [${texts(i.result)}]: run every shard with the same thresholds.`);
    if (isFullStorm(i.result.storm) && isFullStorm(first.result.storm) && storm(i.result) !== storm(first.result)) refuse(`${first.source} played ${storm(first.result)} but ${i.source} ${storm(i.result)}: run every shard with the same --storm and --reconnect-policy.`);
    byShard[s.current - 1] = i;
  }
  const present = byShard.filter((i): i is LoadShardInput => i !== undefined);
  const merged = Array.from({ length: total }, (_, k) => k + 1).filter((n) => byShard[n - 1]);
  const missing = Array.from({ length: total }, (_, k) => k + 1).filter((n) => !byShard[n - 1]);
  const interrupted = present.filter((i) => i.result.interrupted).map((i) => i.result.shard!.current);
  const parts = present.map((i) => i.result);
  const whole = mergeLoadResults(parts);
  const stages = summedStages(parts);
  const label = `shard${merged.length === 1 ? '' : 's'} ${merged.map((n) => `${n}/${total}`).join(', ')} merged`;
  const carried = (pick: (r: LoadShardInput['result']) => { diagnoses?: RunDiagnosis[] } | undefined): RunDiagnosis[] =>
    present.flatMap((i) => (pick(i.result)?.diagnoses ?? []).map((d) => ({ code: d.code, summary: `shard ${i.result.shard!.current}/${total}: ${d.summary}` })));
  const runDiagnoses: RunDiagnosis[] = [];
  const sections: { storm?: LoadStormSection; soak?: LoadSoakSection } = {};
  const storms = present.map((i) => i.result.storm);
  if (storms.length && storms.every(isFullStorm)) {
    sections.storm = mergeStorms(storms, whole.diagnoses[0]?.first.summary);
    runDiagnoses.push(...sections.storm.diagnoses.map((d) => ({ code: d.code, summary: `${label}: ${d.summary}` })));
  } else runDiagnoses.push(...carried((r) => r.storm));
  const soaks = present.map((i) => i.result.soak);
  if (soaks.length && soaks.every(isFullSoak)) {
    sections.soak = mergeSoaks(soaks, { connections: whole.plan.connections, separateBackends: new Set(parts.map((p) => p.target.url)).size > 1 });
    runDiagnoses.push(...sections.soak.diagnoses.map((d) => ({ code: d.code, summary: `${label}: ${d.summary}` })));
  } else runDiagnoses.push(...carried((r) => r.soak));
  const result: MergedLoadShards['result'] = {
    ...whole,
    plan: { ...whole.plan, stages, arrival: describePlan({ stages }) },
    ...(first.result.scenario ? { scenario: first.result.scenario } : {}),
    // The merge itself ran to its end: an interrupted shard makes it partial (shards.interrupted), not interrupted.
    interrupted: false,
    shards: { total, merged, missing, ...(interrupted.length ? { interrupted } : {}) },
    ...sections,
    passed: whole.thresholds.every((t) => t.passed) && missing.length === 0 && interrupted.length === 0 && runDiagnoses.length === 0,
  };
  return { result, runDiagnoses };
}
