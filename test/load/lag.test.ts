/**
 * The harness's own event-loop lag during a load run (harness/load/lag.ts): a second in which
 * the loop was blocked well past SATURATED_LAG_MS is flagged saturated, and the run's summary
 * counts it; results.json's `harness` block and each latency's `saturatedSamples` rest on it.
 */
import { expect, test } from 'vitest';
import { LagMonitor, SATURATED_LAG_MS } from '../../harness/load/lag.js';

const block = (ms: number): void => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy: the loop cannot run its timers.
  }
};

test('a loop blocked for four times the saturation bound is flagged saturated', async () => {
  const lag = new LagMonitor();
  try {
    // Let the delay sampler run once, then block the loop.
    await new Promise((r) => setTimeout(r, 30));
    block(SATURATED_LAG_MS * 4);
    await new Promise((r) => setTimeout(r, 30));
    const reading = lag.read();
    expect(reading.saturated).toBe(true);
    expect(reading.maxMs).toBeGreaterThan(SATURATED_LAG_MS);
    expect(lag.summary()).toMatchObject({ saturatedSeconds: 1, seconds: 1 });
  } finally {
    lag.stop();
  }
});
