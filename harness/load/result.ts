/**
 * load.json, schema `ws-chaos/load@1`: the machine contract of a load run, from which the
 * console summary, summary.md and junit.xml derive. It carries the plan, the totals, the
 * percentiles of each latency (and its HDR histogram, so runs of several workers or shards
 * merge into true percentiles: merge.ts), each threshold with its verdict, the diagnosis counts,
 * the per-second series and the harness's own lag (a run taken while the harness was saturated
 * says so).
 */
import { redactString } from '../redact.js';
import type { HistogramJson, Percentiles } from './histogram.js';
import type { LoadMeasurement } from './run-load.js';
import { LATENCY_METRICS } from './recorder.js';
import { describePlan, type ArrivalPlan } from './schedule.js';
import type { SecondSample } from './series.js';
import type { DiagnosisCount } from './tally.js';
import { evaluateThresholds, type Threshold, type ThresholdVerdict } from './threshold.js';

export const LOAD_SCHEMA = 'ws-chaos/load@1';

export interface LoadTotals {
  attempted: number;
  opened: number;
  welcomed: number;
  /** Connections with a diagnosis. */
  failed: number;
  /** failed / attempted. */
  failedRatio: number;
  endedByServer: number;
  peakOpen: number;
  messagesSent: number;
  messagesReceived: number;
  /** Connections not closed when the run ended (0: every one was closed). */
  leftOpen: number;
}

export interface LoadHarness {
  /** The harness's worst event-loop delay (ms) and the p99 of its per-second p99s. */
  lagMaxMs: number;
  lagP99Ms: number;
  saturatedSeconds: number;
  seconds: number;
  /** True when any second was saturated: latencies taken then include the harness's own delay. */
  saturated: boolean;
  note?: string;
}

export interface LoadResult {
  schema: typeof LOAD_SCHEMA;
  startedAt: string;
  durationMs: number;
  target: { name: string; url: string };
  plan: { connections: number; arrival: string; stages: ArrivalPlan['stages']; holdMs: number; appPingEveryMs: number | null };
  interrupted: boolean;
  /** Every threshold held (and the run was not interrupted). */
  passed: boolean;
  totals: LoadTotals;
  latency: Record<string, Percentiles & { saturatedSamples: number }>;
  histograms: Record<string, HistogramJson>;
  thresholds: ThresholdVerdict[];
  diagnoses: DiagnosisCount[];
  series: SecondSample[];
  harness: LoadHarness;
  /** Present when this result was merged from several (workers or shards). */
  parts?: number;
  /** The named load scenario the run played (`load/ramp`, `load/deploy-storm`, `load/soak`): also the JUnit suite name. */
  scenario?: string;
  /** One shard of a run spread over machines (`--shard i/n`): this run dialled its slice of the connections at its share of the rate. */
  shard?: { current: number; total: number };
  /** A merge of shards (`ws-chaos merge`): which shards of how many were merged; `missing` or `interrupted` (shards stopped early) not empty = a partial result, which does not pass. */
  shards?: { total: number; merged: number[]; missing: number[]; interrupted?: number[] };
}

export interface LoadRunPlan {
  connections: number;
  plan: ArrivalPlan;
  holdMs: number;
  appPingEveryMs?: number;
}

export function harnessNote(h: Omit<LoadHarness, 'note'>): string | undefined {
  if (!h.saturated) return undefined;
  return `the harness's own event loop was saturated in ${h.saturatedSeconds} of ${h.seconds} s (worst delay ${Math.round(h.lagMaxMs)} ms): latencies taken then include its own delay; use fewer connections per process (--workers) or a bigger machine`;
}

/** Every verdict in: thresholds evaluated, the run passes when they all hold. */
export function finishResult(r: Omit<LoadResult, 'thresholds' | 'passed'>, thresholds: readonly Threshold[]): LoadResult {
  const verdicts = evaluateThresholds(thresholds, { latency: r.latency, attempted: r.totals.attempted, failed: r.totals.failed });
  return { ...r, thresholds: verdicts, passed: !r.interrupted && verdicts.every((v) => v.passed) };
}

export function loadResult(m: LoadMeasurement, o: LoadRunPlan & { target: { name: string; url: string }; thresholds: readonly Threshold[] }): LoadResult {
  const r = m.recorder;
  const failed = r.tally.failed;
  const latency: LoadResult['latency'] = {};
  const histograms: LoadResult['histograms'] = {};
  for (const k of LATENCY_METRICS) {
    latency[k] = { ...r.histograms[k].percentiles(), saturatedSamples: r.histograms[k].saturatedSamples };
    histograms[k] = r.histograms[k].toJSON();
  }
  const harness = { lagMaxMs: m.lag.maxMs, lagP99Ms: m.lag.p99Ms, saturatedSeconds: m.lag.saturatedSeconds, seconds: m.lag.seconds, saturated: m.lag.saturatedSeconds > 0 };
  return finishResult(
    {
      schema: LOAD_SCHEMA,
      startedAt: m.startedAt,
      durationMs: Math.round(m.durationMs),
      target: { name: o.target.name, url: redactString(o.target.url) },
      plan: { connections: o.connections, arrival: describePlan(o.plan), stages: o.plan.stages, holdMs: o.holdMs, appPingEveryMs: o.appPingEveryMs ?? null },
      interrupted: m.interrupted,
      totals: {
        attempted: r.counters.attempted,
        opened: r.counters.opened,
        welcomed: r.counters.welcomed,
        failed,
        failedRatio: r.counters.attempted === 0 ? 0 : failed / r.counters.attempted,
        endedByServer: r.counters.endedByServer,
        peakOpen: r.counters.peakOpen,
        messagesSent: r.counters.messagesOut,
        messagesReceived: r.counters.messagesIn,
        leftOpen: m.leftOpen,
      },
      latency,
      histograms,
      diagnoses: r.tally.toJSON(),
      series: r.series.toJSON(),
      harness: { ...harness, note: harnessNote(harness) },
    },
    o.thresholds,
  );
}
