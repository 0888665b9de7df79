/**
 * Joining the load.json of parts of one run (worker processes, shards: harness/load/merge.ts):
 * counts add up, percentiles come from the merged HDR histograms (equal to one run's histogram of
 * all samples), diagnosis tallies merge, thresholds are judged again on the merged figures.
 */
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../harness/errors.js';
import { LatencyHistogram } from '../../harness/load/histogram.js';
import { mergeLoadResults } from '../../harness/load/merge.js';
import { finishResult, LOAD_SCHEMA, type LoadResult } from '../../harness/load/result.js';
import { parseThresholds } from '../../harness/load/threshold.js';
import { welcomeOnly } from './synthetic-latency.js';

const METRICS = ['connect', 'upgrade', 'welcome', 'ping'];

function part(welcomeMs: number[], failed: number, firstAtMs: number): LoadResult {
  const { latency, histograms } = welcomeOnly(welcomeMs);
  const attempted = welcomeMs.length + failed;
  return finishResult(
    {
      schema: LOAD_SCHEMA,
      startedAt: '2026-12-02T00:00:00.000Z',
      durationMs: 5000,
      target: { name: 'reference-backend', url: 'ws://127.0.0.1:1/ws' },
      plan: { connections: attempted, arrival: '100/s', stages: [{ fromPerS: 100, toPerS: 100, durationMs: 0 }], holdMs: 1000, appPingEveryMs: null },
      interrupted: false,
      totals: { attempted, opened: attempted, welcomed: welcomeMs.length, failed, failedRatio: failed / attempted, endedByServer: failed, peakOpen: attempted, messagesSent: 10, messagesReceived: 20, leftOpen: 0 },
      latency,
      histograms,
      diagnoses: failed ? [{ code: 'INTERNAL_ERROR_BEFORE_WELCOME', count: failed, first: { atMs: firstAtMs, openAtFirst: 3, summary: `at ${firstAtMs}` } }] : [],
      series: [{ second: 0, arrivals: attempted, opened: attempted, failed, messagesIn: 20, messagesOut: 10, open: welcomeMs.length, lagMaxMs: 2, saturated: false }],
      harness: { lagMaxMs: 2, lagP99Ms: 1, saturatedSeconds: 0, seconds: 5, saturated: false },
    },
    parseThresholds(['welcome.p99<100ms', 'failed<1%'], METRICS),
  );
}

describe('mergeLoadResults', () => {
  test('percentiles of the merged histograms, counts added, tallies merged, thresholds judged again', () => {
    const fast = Array.from({ length: 990 }, (_, i) => 1 + (i % 10));
    const slow = Array.from({ length: 10 }, (_, i) => 400 + i);
    const a = part(fast, 2, 900);
    const b = part(slow, 30, 300);
    // Each part alone: a holds welcome.p99<100ms, b does not.
    expect(a.thresholds[0].passed).toBe(true);
    const m = mergeLoadResults([a, b]);
    const all = new LatencyHistogram();
    for (const v of [...fast, ...slow]) all.record(v);
    expect(m.latency.welcome).toEqual({ ...all.percentiles(), saturatedSamples: 0 });
    expect(m.totals.attempted).toBe(1032);
    expect(m.totals.failed).toBe(32);
    expect(m.plan.connections).toBe(1032);
    expect(m.parts).toBe(2);
    expect(m.diagnoses).toEqual([{ code: 'INTERNAL_ERROR_BEFORE_WELCOME', count: 32, first: { atMs: 300, openAtFirst: 3, summary: 'at 300' } }]);
    expect(m.series[0]).toMatchObject({ arrivals: 1032, open: 1000 });
    // 10 slow welcomes of 1000 leave p99 among the fast ones, so below 100 ms holds (an average of the
    // parts' p99s, about 210 ms, would breach it),
    // while failed 32 of 1032 (3.1%) breaches < 1%.
    expect(m.thresholds.map((t) => [t.threshold, t.passed])).toEqual([
      ['welcome.p99<100ms', true],
      ['failed<1%', false],
    ]);
    expect(m.passed).toBe(false);
  });

  test('only ws-chaos/load@1 results merge', () => {
    expect(() => mergeLoadResults([])).toThrow(ConfigError);
    expect(() => mergeLoadResults([{ ...part([1], 0, 0), schema: 'ws-chaos/load@2' as never }])).toThrow(/only ws-chaos\/load@1 is understood/);
  });
});
