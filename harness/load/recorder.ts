/**
 * What a load run measures, as it happens: the `LoadSink` every connection reports to. It keeps
 * the live connections, the HDR histograms (connect: dial → TCP connected; upgrade: dial → the
 * 101; welcome: open → the welcome; ping: the app ping's round trip), the counters, the per-second
 * series, and judges each connection with the shared judges (judge.ts) when it ends — or, for
 * those still open when the run stops, just before the client closes them — into the tally.
 * A sample taken while the harness's own loop was saturated (clock.ts lateness) is counted as such.
 */
import { lateness, now } from '../clock.js';
import type { LoadConnection, LoadSink } from './connection.js';
import { LatencyHistogram } from './histogram.js';
import { judgeLoadConnection, type LoadJudgeCriteria } from './judge.js';
import { SATURATED_LAG_MS } from './lag.js';
import { LoadSeries } from './series.js';
import { DiagnosisTally } from './tally.js';

export const LATENCY_METRICS = ['connect', 'upgrade', 'welcome', 'ping'] as const;
export type LatencyMetric = (typeof LATENCY_METRICS)[number];

export interface LoadCounters {
  /** Connections dialled. */
  attempted: number;
  opened: number;
  welcomed: number;
  /** Connections the server (or the network) ended before the client closed them. */
  endedByServer: number;
  messagesIn: number;
  messagesOut: number;
  peakOpen: number;
}

export class LoadRecorder implements LoadSink {
  readonly startAt: number;
  readonly live = new Set<LoadConnection>();
  readonly histograms: Record<LatencyMetric, LatencyHistogram> = {
    connect: new LatencyHistogram(),
    upgrade: new LatencyHistogram(),
    welcome: new LatencyHistogram(),
    ping: new LatencyHistogram(),
  };
  readonly tally = new DiagnosisTally();
  readonly series: LoadSeries;
  readonly counters: LoadCounters = { attempted: 0, opened: 0, welcomed: 0, endedByServer: 0, messagesIn: 0, messagesOut: 0, peakOpen: 0 };
  /** Connections dialled and not yet ended (open or still handshaking). */
  readonly pending = new Set<LoadConnection>();
  private readonly criteria: LoadJudgeCriteria;

  constructor(startAt: number, criteria: LoadJudgeCriteria) {
    this.startAt = startAt;
    this.criteria = criteria;
    this.series = new LoadSeries(startAt);
  }

  get open(): number {
    return this.live.size;
  }

  private sample(metric: LatencyMetric, ms: number): void {
    this.histograms[metric].record(ms, lateness() > SATURATED_LAG_MS);
  }

  /** A connection was dialled. */
  onDial(c: LoadConnection): void {
    this.counters.attempted++;
    this.pending.add(c);
    this.series.bump('arrivals', c.dialAt);
  }

  onTcpConnect(_c: LoadConnection, ms: number): void {
    this.sample('connect', ms);
  }

  onUpgrade(_c: LoadConnection, ms: number): void {
    this.sample('upgrade', ms);
  }

  onOpen(c: LoadConnection): void {
    this.live.add(c);
    this.counters.opened++;
    this.counters.peakOpen = Math.max(this.counters.peakOpen, this.live.size);
    const t = now();
    this.series.bump('opened', t);
    this.series.setOpen(this.live.size, t);
  }

  onWelcome(c: LoadConnection, msSinceOpen: number): void {
    this.counters.welcomed++;
    c.openAtWelcome = this.live.size;
    this.sample('welcome', msSinceOpen);
  }

  onAppPong(_c: LoadConnection, roundTripMs: number): void {
    this.sample('ping', roundTripMs);
  }

  onMessage(dir: 'in' | 'out'): void {
    const t = now();
    if (dir === 'in') {
      this.counters.messagesIn++;
      this.series.bump('messagesIn', t);
    } else {
      this.counters.messagesOut++;
      this.series.bump('messagesOut', t);
    }
  }

  onEnd(c: LoadConnection): void {
    const t = now();
    const wasLive = this.live.delete(c);
    this.pending.delete(c);
    c.openAtEnd = this.live.size + (wasLive ? 1 : 0);
    if (wasLive && c.close?.by !== 'client') this.counters.endedByServer++;
    this.series.setOpen(this.live.size, t);
    this.judge(c, t);
  }

  /** Judge a connection once: when it ended, or (still open) when the run stops. */
  judge(c: LoadConnection, t: number = now()): void {
    if (c.judged) return;
    c.judged = true;
    const d = judgeLoadConnection(c.events(), this.criteria, t - c.dialAt);
    if (!d) return;
    const late = d.code === 'WELCOME_LATE' && c.welcome;
    const atMs = (late ? c.dialAt + (c.welcome?.t ?? 0) : t) - this.startAt;
    this.tally.add(d.code, d.summary, Math.max(0, atMs), late ? c.openAtWelcome : c.ended ? c.openAtEnd : this.live.size);
    this.series.bump('failed', t);
  }
}
