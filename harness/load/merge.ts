/**
 * Joining the load.json of several parts of one load run (worker processes on one machine,
 * shards on several) into one: counts add up, every latency's percentiles come from the merged
 * HDR histogram (never an average of the parts' percentiles), the diagnosis tallies merge (the
 * earliest first example wins), the per-second series add up second by second, the harness's
 * lag is the worst part's, and the thresholds are evaluated again on the merged figures.
 */
import { ConfigError } from '../errors.js';
import { mergeHistograms } from './histogram.js';
import { finishResult, harnessNote, LOAD_SCHEMA, type LoadResult } from './result.js';
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
