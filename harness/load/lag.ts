/**
 * The harness's own event-loop lag during a load run (perf_hooks' event-loop delay histogram,
 * read and reset about once a second). A harness whose loop is blocked stamps every event late,
 * so its latencies include its own delay: a second whose worst delay is above `SATURATED_LAG_MS`
 * is flagged saturated, and the run says how much of it was (load.json `harness`).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Worst loop delay in a second above which the harness counts as saturated there. */
export const SATURATED_LAG_MS = 50;

export interface LagReading {
  maxMs: number;
  p99Ms: number;
  saturated: boolean;
}

export class LagMonitor {
  private readonly h: IntervalHistogram;
  /** Every reading's worst delay (ms), for the run's own percentiles. */
  private worstMs = 0;
  private readonly p99s: number[] = [];
  saturatedSeconds = 0;
  seconds = 0;

  constructor() {
    this.h = monitorEventLoopDelay({ resolution: 10 });
    this.h.enable();
  }

  /** The delay since the last reading, then start a new window. */
  read(): LagReading {
    // The histogram is in ns; its minimum includes the sampling resolution (10 ms), which is not lag.
    const maxMs = Math.max(0, this.h.max / 1e6 - 10);
    const p99Ms = Math.max(0, this.h.percentile(99) / 1e6 - 10);
    this.h.reset();
    const saturated = maxMs > SATURATED_LAG_MS;
    this.seconds++;
    if (saturated) this.saturatedSeconds++;
    this.worstMs = Math.max(this.worstMs, maxMs);
    this.p99s.push(p99Ms);
    return { maxMs, p99Ms, saturated };
  }

  summary(): { maxMs: number; p99Ms: number; saturatedSeconds: number; seconds: number } {
    const sorted = [...this.p99s].sort((a, b) => a - b);
    const p99Ms = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] : 0;
    return { maxMs: Math.round(this.worstMs * 100) / 100, p99Ms: Math.round(p99Ms * 100) / 100, saturatedSeconds: this.saturatedSeconds, seconds: this.seconds };
  }

  stop(): void {
    this.h.disable();
  }
}
