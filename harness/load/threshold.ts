/**
 * k6-style thresholds of a load run: `welcome.p99<500ms`, `connect.p95<200ms`, `ping.max<=1s`,
 * `failed<0.1%` (a share of the connections dialled) or `failed<5` (a count). Parsed once, up
 * front, with errors that name the threshold and the fix (exit 2); evaluated against the
 * measured run, each with a verdict naming the measured value. A latency threshold with no
 * sample (no welcome ever came) is breached: nothing was measured that could hold it.
 */
import { ConfigError } from '../errors.js';
import type { Percentiles } from './histogram.js';

export const THRESHOLD_STATS = ['p50', 'p90', 'p95', 'p99', 'max'] as const;
export type ThresholdStat = (typeof THRESHOLD_STATS)[number];
type Op = '<' | '<=' | '>' | '>=';

export type Threshold =
  | { text: string; kind: 'latency'; metric: string; stat: ThresholdStat; op: Op; limitMs: number }
  | { text: string; kind: 'failed-ratio'; op: Op; limitRatio: number }
  | { text: string; kind: 'failed-count'; op: Op; limitCount: number };

export interface ThresholdVerdict {
  threshold: string;
  passed: boolean;
  /** The measured value: ms for latencies, a ratio (0..1) or a count for `failed`; null when nothing was measured. */
  measured: number | null;
  summary: string;
}

/** What thresholds are checked against. */
export interface ThresholdInput {
  latency: Record<string, Percentiles>;
  attempted: number;
  failed: number;
}

const FORM = /^\s*([a-z][a-z0-9-]*)(?:\.([a-z0-9_]+))?\s*(<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|%)?\s*$/;

const example = (metrics: readonly string[]): string => `e.g. ${metrics[2] ?? metrics[0]}.p99<500ms or failed<0.1%`;

/** Parse one threshold; `latencyMetrics`: the latency names the run measures (connect, upgrade, welcome, ping, ...). */
export function parseThreshold(text: string, latencyMetrics: readonly string[]): Threshold {
  const bad = (problem: string): ConfigError =>
    new ConfigError('WSC_ERR_USAGE', `threshold "${text}": ${problem} (${example(latencyMetrics)}; metrics: ${[...latencyMetrics, 'failed'].join(', ')}; stats: ${THRESHOLD_STATS.join(', ')}).`);
  const m = FORM.exec(text);
  if (!m) throw bad('is not metric.stat<value: write a metric, a comparison (<, <=, >, >=) and a value with its unit');
  const [, metric, stat, op, num, unit] = m as unknown as [string, string, string | undefined, Op, string, string | undefined];
  const value = Number(num);
  if (metric === 'failed') {
    if (stat !== undefined) throw bad(`failed takes no statistic (".${stat}"): write failed<0.1% for a share of the connections or failed<5 for a count`);
    if (unit === '%') {
      if (value > 100) throw bad('a share above 100% can never be reached');
      return { text: text.trim(), kind: 'failed-ratio', op, limitRatio: value / 100 };
    }
    if (unit) throw bad(`failed is a share (%) or a count, not a duration (${unit})`);
    if (!Number.isInteger(value)) throw bad('a count of failed connections is a whole number; for a share add %');
    return { text: text.trim(), kind: 'failed-count', op, limitCount: value };
  }
  if (!latencyMetrics.includes(metric)) throw bad(`unknown metric "${metric}"`);
  if (stat === undefined) throw bad(`${metric} needs a statistic: ${metric}.p99, ${metric}.p95, ...`);
  if (!(THRESHOLD_STATS as readonly string[]).includes(stat)) throw bad(`unknown statistic "${stat}"`);
  if (unit !== 'ms' && unit !== 's') throw bad(`${metric}.${stat} is a duration: give the value a unit, ms or s`);
  return { text: text.trim(), kind: 'latency', metric, stat: stat as ThresholdStat, op, limitMs: unit === 's' ? value * 1000 : value };
}

export function parseThresholds(texts: readonly string[], latencyMetrics: readonly string[]): Threshold[] {
  return texts.map((t) => parseThreshold(t, latencyMetrics));
}

const holds = (v: number, op: Op, limit: number): boolean => (op === '<' ? v < limit : op === '<=' ? v <= limit : op === '>' ? v > limit : v >= limit);

const fmtMs = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms * 10) / 10} ms`);
const fmtPct = (r: number): string => `${Math.round(r * 100_000) / 1000}%`;

export function evaluateThreshold(t: Threshold, m: ThresholdInput): ThresholdVerdict {
  switch (t.kind) {
    case 'latency': {
      const p = m.latency[t.metric];
      if (!p || p.count === 0) return { threshold: t.text, passed: false, measured: null, summary: `${t.metric}.${t.stat}: no ${t.metric} latency was measured, so ${t.text} cannot hold` };
      const v = p[t.stat];
      const passed = holds(v, t.op, t.limitMs);
      return { threshold: t.text, passed, measured: v, summary: `${t.metric}.${t.stat} = ${fmtMs(v)} over ${p.count} samples: ${passed ? 'holds' : 'breaches'} ${t.op} ${fmtMs(t.limitMs)}` };
    }
    case 'failed-ratio': {
      const r = m.attempted === 0 ? 0 : m.failed / m.attempted;
      const passed = m.attempted > 0 && holds(r, t.op, t.limitRatio);
      const what = m.attempted === 0 ? 'no connection was dialled' : `${m.failed} of ${m.attempted} connections failed (${fmtPct(r)})`;
      return { threshold: t.text, passed, measured: r, summary: `failed = ${what}: ${passed ? 'holds' : 'breaches'} ${t.op} ${fmtPct(t.limitRatio)}` };
    }
    case 'failed-count': {
      const passed = holds(m.failed, t.op, t.limitCount);
      return { threshold: t.text, passed, measured: m.failed, summary: `failed = ${m.failed} of ${m.attempted} connections: ${passed ? 'holds' : 'breaches'} ${t.op} ${t.limitCount}` };
    }
  }
}

export function evaluateThresholds(list: readonly Threshold[], m: ThresholdInput): ThresholdVerdict[] {
  return list.map((t) => evaluateThreshold(t, m));
}
