/**
 * `--workers N` (harness/load/workers.ts): the slices add up to N with their share of the rate,
 * and two real worker processes against the reference backend give one result whose
 * percentiles come from the merged histograms (every welcome of both counted once).
 */
import { describe, expect, it } from 'vitest';
import { runLoadWorkers, sliceOf } from '../../harness/load/workers.js';
import { startReferenceTarget } from '../../mock-backend/target.js';

describe('worker slices', () => {
  it('split the connections and the arrival rate, the remainder to the first workers', () => {
    const plan = { stages: [{ fromPerS: 900, toPerS: 900, durationMs: 0 }] };
    const slices = [0, 1, 2].map((i) => sliceOf(100, plan, i, 3));
    expect(slices.map((s) => s.connections)).toEqual([34, 33, 33]);
    expect(slices.reduce((n, s) => n + s.plan.stages[0].fromPerS, 0)).toBeCloseTo(900);
  });
});

describe('runLoadWorkers', () => {
  it('two worker processes hold one run, aggregated into one result', async () => {
    const target = await startReferenceTarget({ logLevel: 'silent' });
    try {
      const r = await runLoadWorkers({
        workers: 2,
        profile: target.profile,
        connections: 120,
        plan: { stages: [{ fromPerS: 600, toPerS: 600, durationMs: 0 }] },
        holdMs: 500,
        thresholds: ['failed<1%'],
        deadlineMs: 30_000,
      });
      expect(r.parts).toBe(2);
      expect(r.plan.connections).toBe(120);
      expect(r.plan.arrival).toBe('600/s');
      expect(r.totals.attempted).toBe(120);
      expect(r.totals.welcomed).toBe(120);
      expect(r.latency.welcome.count).toBe(120);
      expect(r.totals.leftOpen).toBe(0);
      expect(r.thresholds.map((t) => t.passed)).toEqual([true]);
      expect(target.backend.connectionCount()).toBe(0);
    } finally {
      await target.close();
    }
  }, 60_000);
});
