/**
 * The HDR latency histogram of a load run (harness/load/histogram.ts): percentiles in ms, a
 * JSON round trip, and the merge of parts (workers, shards) equal to one histogram of all the
 * values — where averaging the parts' percentiles would be wrong.
 */
import { describe, expect, test } from 'vitest';
import { LatencyHistogram, mergeHistograms } from '../../harness/load/histogram.js';

/** A deterministic spread of latencies (ms), from a seeded generator. */
function values(n: number, seed: number, scaleMs: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return 0.05 + (x / 2 ** 31) ** 3 * scaleMs;
  });
}

describe('LatencyHistogram', () => {
  test('percentiles come back in ms within HDR precision (3 significant digits)', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i);
    const p = h.percentiles();
    expect(p.count).toBe(1000);
    expect(p.p50).toBeGreaterThanOrEqual(499);
    expect(p.p50).toBeLessThanOrEqual(501);
    expect(p.p99).toBeGreaterThanOrEqual(989);
    expect(p.p99).toBeLessThanOrEqual(991);
    expect(p.max).toBeGreaterThanOrEqual(999);
    expect(p.max).toBeLessThanOrEqual(1001);
    expect(new LatencyHistogram().percentiles()).toEqual({ count: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 });
  });

  test('sub-millisecond values keep their resolution (µs inside)', () => {
    const h = new LatencyHistogram();
    h.record(0.25);
    expect(h.at(50)).toBeCloseTo(0.25, 3);
  });

  test('a JSON round trip keeps every count and the saturated samples', () => {
    const h = new LatencyHistogram();
    for (const v of values(500, 7, 300)) h.record(v, v > 200);
    const back = LatencyHistogram.fromJSON(JSON.parse(JSON.stringify(h.toJSON())));
    expect(back.percentiles()).toEqual(h.percentiles());
    expect(back.saturatedSamples).toBe(h.saturatedSamples);
    expect(h.saturatedSamples).toBeGreaterThan(0);
  });

  test('merging parts equals one histogram of all their values (not an average of their percentiles)', () => {
    // Two very different parts: a fast worker and a slow one.
    const fast = values(900, 1, 10);
    const slow = values(100, 2, 2000);
    const one = new LatencyHistogram();
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (const v of fast) {
      one.record(v);
      a.record(v);
    }
    for (const v of slow) {
      one.record(v);
      b.record(v);
    }
    const merged = mergeHistograms([a.toJSON(), b]);
    expect(merged.percentiles()).toEqual(one.percentiles());
    // The average of the parts' p99 is far from the true p99 of the whole run.
    const averaged = (a.at(99) + b.at(99)) / 2;
    expect(Math.abs(averaged - one.at(99))).toBeGreaterThan(100);
  });
});
