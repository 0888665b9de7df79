/**
 * `runLoad(options)`: the core of `ws-chaos load`, a library function (the CLI, the benchmark,
 * worker processes and the deploy storm build on it). It dials `connections` light connections
 * (connection.ts) on the arrival plan's schedule (schedule.ts), holds them `holdMs` while they
 * answer the profile's keepalives (and send its app ping every `appPingEveryMs`), then closes
 * every one of them (a graceful close, then a drop after the close timeout) — also when
 * `signal` aborts (Ctrl-C). Everything is bounded: the arrivals by the plan and `maxArrivalMs`,
 * the handshakes by the profile's handshake budget, the close by its close budget. It returns
 * the recorder (recorder.ts: histograms, diagnosis tally, counters, series) and the harness's
 * own lag; `loadResult` (result.ts) turns that into load.json.
 */
import { now, sleep, watchLateness } from '../clock.js';
import { readHealthCount } from '../health.js';
import { appKeepaliveAnswer } from '../keepalive-answer.js';
import { dialSpec } from '../profile/connect.js';
import type { Profile } from '../profile/schema.js';
import { LoadConnection, type LoadConnectionSpec } from './connection.js';
import { LagMonitor } from './lag.js';
import { LoadRecorder } from './recorder.js';
import { arrivalsDue, planEndMs, rateAt, type ArrivalPlan } from './schedule.js';

export interface LoadOptions {
  profile: Profile;
  /** How many connections to open (and hold). */
  connections: number;
  plan: ArrivalPlan;
  /** How long to hold the connections once all have been dialled. */
  holdMs: number;
  /** Send the profile's app ping on every connection this often (app traffic); absent: none. */
  appPingEveryMs?: number;
  /** Stop arriving after this long even when the plan has not opened every connection (default: 10 min). */
  maxArrivalMs?: number;
  signal?: AbortSignal;
  /** Called about every `progressEveryMs` (default 250) with the live state. */
  onProgress?: (p: LoadProgress) => void;
  progressEveryMs?: number;
}

export interface LoadProgress {
  phase: 'arriving' | 'holding' | 'closing';
  elapsedMs: number;
  open: number;
  target: number;
  attempted: number;
  /** Dials in the last second. */
  arrivalsPerS: number;
  plannedPerS: number;
  failures: Array<{ code: string; count: number }>;
}

export interface LoadMeasurement {
  recorder: LoadRecorder;
  startedAt: string;
  durationMs: number;
  /** Whether `signal` stopped the run. */
  interrupted: boolean;
  /** Connections still not closed when runLoad returned (0 unless the OS would not let go). */
  leftOpen: number;
  lag: ReturnType<LagMonitor['summary']>;
}

const TICK_MS = 2;
/**
 * At most this many dials per tick, so a run far behind schedule still lets its sockets be read.
 * Counted, not timed: the arrivals are open-loop, so a loop slowed by its own I/O must not slow
 * them down too (a 20 ms budget per tick dialled 3 544/s of a 6 000/s plan on a busy machine).
 */
const MAX_DIALS_PER_TICK = 500;
/** The close phase judges and closes this many connections, then yields the loop (19 000 at once held it over a second). */
const CLOSE_BATCH = 500;
const yieldLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function connectionSpec(profile: Profile, appPingEveryMs?: number): LoadConnectionSpec {
  const ping = profile.appPing;
  return {
    dial: dialSpec(profile),
    handshakeTimeoutMs: profile.timeouts.handshakeMs,
    closeTimeoutMs: profile.timeouts.closeMs,
    welcome: profile.welcome?.match,
    keepalive: appKeepaliveAnswer(profile),
    appPing: ping && appPingEveryMs ? { request: ping.request, response: ping.response, idField: ping.idField, everyMs: appPingEveryMs } : undefined,
  };
}

/** Wait until `done()` or `timeoutMs`, checking every few ms; false on timeout. */
async function until(done: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = now() + timeoutMs;
  while (!done()) {
    if (now() >= deadline || signal?.aborted) return done();
    await sleep(10);
  }
  return true;
}

export async function runLoad(o: LoadOptions): Promise<LoadMeasurement> {
  watchLateness();
  // One health read before the clock starts: the first fetch loads its HTTP client, a stall that must not land inside the run.
  if (o.profile.health?.connectionsField) await readHealthCount(o.profile, o.signal).catch(() => undefined);
  const startedAt = new Date().toISOString();
  const start = now();
  const { profile } = o;
  const recorder = new LoadRecorder(start, {
    immediateDisconnectMs: profile.timeouts.immediateDisconnectMs,
    welcome: profile.welcome ? { match: profile.welcome.match, budgetMs: profile.welcome.budgetMs } : undefined,
  });
  const spec = connectionSpec(profile, o.appPingEveryMs);
  const all: LoadConnection[] = [];
  const lag = new LagMonitor();
  let phase: LoadProgress['phase'] = 'arriving';
  const aborted = (): boolean => o.signal?.aborted === true;

  // Once a second: the loop's lag, the open count, the backend's health count.
  let healthBusy = false;
  const perSecond = setInterval(() => {
    const t = now();
    const reading = lag.read();
    recorder.series.setLag(reading.maxMs, reading.saturated, t);
    recorder.series.setOpen(recorder.open, t);
    if (profile.health?.connectionsField && !healthBusy) {
      healthBusy = true;
      readHealthCount(profile, o.signal)
        .then((n) => n !== undefined && recorder.series.setHealth(n, t))
        .catch(() => undefined)
        .finally(() => (healthBusy = false));
    }
  }, 1000);
  const recentDials: number[] = [];
  const progress = o.onProgress
    ? setInterval(() => {
        const t = now();
        while (recentDials.length && recentDials[0] < t - 1000) recentDials.shift();
        o.onProgress?.({
          phase,
          elapsedMs: t - start,
          open: recorder.open,
          target: o.connections,
          attempted: recorder.counters.attempted,
          arrivalsPerS: recentDials.length,
          plannedPerS: phase === 'arriving' ? rateAt(o.plan, t - start) : 0,
          failures: recorder.tally.counts().map((c) => ({ code: c.code, count: c.count })),
        });
      }, o.progressEveryMs ?? 250)
    : undefined;

  try {
    // Arrivals: open whatever the plan has due by now, up to the target.
    const maxArrivalMs = o.maxArrivalMs ?? 600_000;
    while (!aborted() && all.length < o.connections && now() - start < maxArrivalMs) {
      const elapsed = now() - start;
      const due = Math.min(o.connections, Math.floor(arrivalsDue(o.plan, elapsed) + 1e-9));
      let dialled = 0;
      while (all.length < due && dialled < MAX_DIALS_PER_TICK) {
        const c = new LoadConnection(all.length, spec, recorder);
        all.push(c);
        recorder.onDial(c);
        if (progress) recentDials.push(c.dialAt);
        dialled++;
      }
      if (elapsed > planEndMs(o.plan) && all.length >= due) break; // the plan opens no more
      await sleep(TICK_MS);
    }
    // Every handshake decided (bounded by the handshake budget), then the hold.
    await until(() => recorder.pending.size === recorder.live.size, profile.timeouts.handshakeMs + 1000, o.signal);
    // Every welcome decided too (it came, or its budget passed): a hold shorter than the welcome
    // budget must not close a connection whose welcome is late before it can be judged late.
    if (profile.welcome) {
      const budgetMs = profile.welcome.budgetMs;
      let waiting = [...recorder.live].filter((c) => !c.welcome);
      await until(
        () => {
          const t = now(); // stamps are relative to the connection's dial
          waiting = waiting.filter((c) => !c.ended && !c.welcome && c.open !== undefined && t - (c.dialAt + c.open.t) <= budgetMs);
          return waiting.length === 0;
        },
        budgetMs + 1000,
        o.signal,
      );
    }
    phase = 'holding';
    if (!aborted()) await sleep(o.holdMs, o.signal);
  } finally {
    phase = 'closing';
    // Judge what is still open now (before the client's own close), then close every connection.
    // In batches, so the loop still reads the server's close frames (and the keepalives) in between.
    const t = now();
    const live = [...recorder.live];
    for (let i = 0; i < live.length; i += CLOSE_BATCH) {
      for (const c of live.slice(i, i + CLOSE_BATCH)) recorder.judge(c, t);
      if (i + CLOSE_BATCH < live.length) await yieldLoop();
    }
    for (let i = 0; i < all.length; i += CLOSE_BATCH) {
      for (const c of all.slice(i, i + CLOSE_BATCH)) if (!c.ended) c.closeGracefully();
      if (i + CLOSE_BATCH < all.length) await yieldLoop();
    }
    // recorder.pending holds every dialled connection that has not ended.
    const allEnded = (): boolean => recorder.pending.size === 0;
    const closeMs = aborted() ? Math.min(500, profile.timeouts.closeMs) : profile.timeouts.closeMs;
    if (!(await until(allEnded, closeMs + 500))) {
      for (const c of all) if (!c.ended) c.terminate();
      await until(allEnded, 1000);
    }
    clearInterval(perSecond);
    if (progress) clearInterval(progress);
    const reading = lag.read();
    recorder.series.setLag(reading.maxMs, reading.saturated, now());
    lag.stop();
  }
  return {
    recorder,
    startedAt,
    durationMs: now() - start,
    interrupted: aborted(),
    leftOpen: all.filter((c) => !c.ended).length,
    lag: lag.summary(),
  };
}
