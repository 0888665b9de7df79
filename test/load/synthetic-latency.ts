/**
 * Synthetic load.json parts for the merge tests: the `latency` and `histograms` sections of a
 * result whose only samples are these welcome latencies (connect, upgrade and ping empty).
 */
import { LatencyHistogram } from '../../harness/load/histogram.js';
import type { LoadResult } from '../../harness/load/result.js';

const METRICS = ['connect', 'upgrade', 'welcome', 'ping'];

export function welcomeOnly(welcomeMs: readonly number[]): Pick<LoadResult, 'latency' | 'histograms'> {
  const h = new LatencyHistogram();
  for (const v of welcomeMs) h.record(v);
  const empty = new LatencyHistogram();
  const latency: LoadResult['latency'] = {};
  const histograms: LoadResult['histograms'] = {};
  for (const k of METRICS) {
    const x = k === 'welcome' ? h : empty;
    latency[k] = { ...x.percentiles(), saturatedSamples: 0 };
    histograms[k] = x.toJSON();
  }
  return { latency, histograms };
}
