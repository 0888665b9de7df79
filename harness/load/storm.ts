/**
 * The deploy storm (`load/deploy-storm`, `ws-chaos load --storm restart|crash|proxy-cut`): open
 * N live connections on the arrival plan, wait until they are welcomed, fire the trigger (the
 * backend's restart or crash, a profile's restart command, the Toxiproxy proxy cut: storm-trigger.ts),
 * and let every dropped client reconnect per the reconnect policy (reconnect-policy.ts), each
 * retry after the policy's delay, up to its maxRetries. It measures the herd — reconnect arrivals
 * (their per-second curve and the peak over a sliding window), the time until 99 % are back and
 * welcomed, the clients that never came back, and what the backend did to attempts made once it
 * was up (late welcomes, 1011/1013 closes, refused upgrades) — and judges it (judges/load-herd.ts).
 * The drops the storm causes and the refusals while the backend is down are expected, so they are
 * not per-connection diagnoses; everything after the backend is back is judged as in any load run.
 * Bounded: arrivals by the plan and `maxArrivalMs`, recovery by `recoverMs`, the close by the profile.
 */
import { now, sleep } from '../clock.js';
import type { Diagnosis } from '../diagnose/codes.js';
import { judgeHerdAbsorbed, judgeReconnectHerd, peakRatePerS } from '../diagnose/judges/load-herd.js';
import type { Profile } from '../profile/schema.js';
import { LoadConnection, type LoadSink } from './connection.js';
import { LagMonitor } from './lag.js';
import type { ReconnectPolicy } from './reconnect-policy.js';
import { LoadRecorder } from './recorder.js';
import { connectionSpec } from './run-load.js';
import { arrivalsDue, type ArrivalPlan } from './schedule.js';

export const STORM_KINDS = ['restart', 'crash', 'proxy-cut'] as const;
export type StormKind = (typeof STORM_KINDS)[number];

/** What plays the deploy: resolves once the backend (or the route to it) is back. */
export interface StormTrigger {
  kind: StormKind;
  /** Monotonic ms: when the clients were cut off, and when the backend could take them again. */
  fire(): Promise<{ downAt: number; upAt: number }>;
}

export interface StormOptions {
  profile: Profile;
  connections: number;
  plan: ArrivalPlan;
  policy: ReconnectPolicy;
  trigger: StormTrigger;
  /** Peak reconnect arrivals/s allowed (default: 2 × the dropped clients per second: the herd may not come back within half a second). */
  herdBudgetPerS?: number;
  /** The sliding window the peak rate is measured over (default 250 ms). */
  windowMs?: number;
  /** Tolerated share of failed attempts once the backend was up (default 0.01). */
  absorbToleranceRatio?: number;
  /** Give up waiting for the herd after this long since the trigger (default 60 s). */
  recoverMs?: number;
  /** Hold this long after the herd is back (default 0). */
  holdAfterMs?: number;
  maxArrivalMs?: number;
  signal?: AbortSignal;
  random?: () => number;
}

export interface StormResult {
  recorder: LoadRecorder;
  kind: StormKind;
  policy: string;
  /** ms since the run started. */
  stormAtMs: number;
  downMs: number;
  /** Connections the storm cut off. */
  dropped: number;
  /** Reconnect dials, ms after the storm. */
  reconnectArrivalsMs: number[];
  /** Reconnect arrivals in each second after the storm. */
  arrivalsPerSecond: number[];
  peak: { perS: number; atMs: number; windowMs: number };
  budgetPerS: number;
  /** ms from the storm until 99 % of the dropped clients were back and welcomed; null: never. */
  back99Ms: number | null;
  neverBack: number;
  backend: { attemptsWhileUp: number; lateWelcomes: number; overloadCloses: number; refusedUpgrades: number; otherFailures: number };
  diagnoses: Diagnosis[];
  startedAt: string;
  durationMs: number;
  /** The harness's own event-loop lag over the storm. */
  lag: ReturnType<LagMonitor['summary']>;
}

interface Slot {
  conn: LoadConnection;
  retries: number;
  droppedAt?: number;
  backAt?: number;
  /** Retry timer pending. */
  timer?: NodeJS.Timeout;
  gaveUp: boolean;
}

export async function runStorm(o: StormOptions): Promise<StormResult> {
  const { profile, policy } = o;
  const random = o.random ?? Math.random;
  const startedAt = new Date().toISOString();
  const start = now();
  const lag = new LagMonitor();
  const perSecond = setInterval(() => {
    const t = now();
    const reading = lag.read();
    recorder.series.setLag(reading.maxMs, reading.saturated, t);
    recorder.series.setOpen(recorder.open, t);
  }, 1000);
  const recorder = new LoadRecorder(start, {
    immediateDisconnectMs: profile.timeouts.immediateDisconnectMs,
    welcome: profile.welcome ? { match: profile.welcome.match, budgetMs: profile.welcome.budgetMs } : undefined,
  });
  const spec = connectionSpec(profile);
  const welcomeBudgetMs = profile.welcome?.budgetMs ?? Infinity;
  const slots: Slot[] = [];
  const slotOf = new Map<LoadConnection, Slot>();
  const all: LoadConnection[] = [];
  let stormAt: number | undefined;
  let upAt: number | undefined;
  let stopping = false;
  const reconnectDials: number[] = [];
  const backend = { attemptsWhileUp: 0, lateWelcomes: 0, overloadCloses: 0, refusedUpgrades: 0, otherFailures: 0 };
  const isBack = (c: LoadConnection): boolean => (profile.welcome ? c.welcome !== undefined : c.open !== undefined);

  const dial = (slot: Slot | undefined, index: number): LoadConnection => {
    const c = new LoadConnection(index, spec, sink);
    all.push(c);
    recorder.onDial(c);
    if (slot) {
      slot.conn = c;
      slotOf.set(c, slot);
      if (stormAt !== undefined) reconnectDials.push(c.dialAt - stormAt);
    }
    return c;
  };

  /** An attempt the backend should have taken: dialled after it was back. */
  const classify = (c: LoadConnection): void => {
    if (upAt === undefined || c.dialAt < upAt) return;
    backend.attemptsWhileUp++;
    if (c.welcome && c.open && c.welcome.t - c.open.t > welcomeBudgetMs) backend.lateWelcomes++;
    else if (c.rejected) backend.refusedUpgrades++;
    else if (c.close && c.close.by === 'server' && (c.close.code === 1011 || c.close.code === 1013)) backend.overloadCloses++;
    else if (!isBack(c)) backend.otherFailures++;
  };

  const retry = (slot: Slot): void => {
    if (stopping || slot.gaveUp) return;
    if (slot.retries >= policy.maxRetries) {
      slot.gaveUp = true;
      return;
    }
    slot.retries++;
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      if (!stopping) dial(slot, slot.conn.index);
    }, policy.delayMs(slot.retries, random));
  };

  const sink: LoadSink = {
    onTcpConnect: (c, ms) => recorder.onTcpConnect(c, ms),
    onUpgrade: (c, ms) => recorder.onUpgrade(c, ms),
    onOpen: (c) => recorder.onOpen(c),
    onAppPong: (c, ms) => recorder.onAppPong(c, ms),
    onMessage: (dir) => recorder.onMessage(dir),
    onWelcome: (c, ms) => {
      recorder.onWelcome(c, ms);
      const slot = slotOf.get(c);
      if (slot && slot.droppedAt !== undefined && slot.backAt === undefined) {
        slot.backAt = now();
        classify(c);
      }
    },
    onEnd: (c) => {
      const slot = slotOf.get(c);
      const byClient = c.close?.by === 'client' || stopping;
      if (slot && !byClient && stormAt !== undefined) {
        if (slot.droppedAt === undefined && isBack(c)) {
          // Cut off by the storm: expected, not a diagnosis.
          c.judged = true;
          slot.droppedAt = now();
          retry(slot);
        } else if (slot.backAt === undefined) {
          // A reconnect attempt that failed: refused while the backend was down is expected; after, it is the backend's doing.
          if (upAt === undefined || c.dialAt < upAt) c.judged = true;
          classify(c);
          retry(slot);
        } else {
          // Back, then lost again: a new drop, a new round of retries.
          slot.backAt = undefined;
          slot.droppedAt = now();
          slot.retries = 0;
          retry(slot);
        }
      }
      recorder.onEnd(c);
    },
  };

  const aborted = (): boolean => o.signal?.aborted === true;
  let downMs = 0;
  try {
    // 1. The fleet: N connections on the plan's schedule, all handshakes decided.
    const maxArrivalMs = o.maxArrivalMs ?? 600_000;
    while (!aborted() && slots.length < o.connections && now() - start < maxArrivalMs) {
      const due = Math.min(o.connections, Math.floor(arrivalsDue(o.plan, now() - start) + 1e-9));
      while (slots.length < due) {
        const slot: Slot = { conn: undefined as unknown as LoadConnection, retries: 0, gaveUp: false };
        slots.push(slot);
        dial(slot, slots.length - 1);
      }
      await sleep(2);
    }
    await until(() => all.every((c) => c.ended || isBack(c)), profile.timeouts.handshakeMs + (profile.welcome?.budgetMs ?? 0) + 1000, o.signal);

    // 2. The storm.
    if (!aborted()) {
      stormAt = now();
      const timing = await o.trigger.fire();
      upAt = timing.upAt;
      downMs = timing.upAt - timing.downAt;
      // 3. The herd: until every dropped client is back or gave up, bounded.
      const recoverMs = o.recoverMs ?? 60_000;
      await until(() => slots.every((s) => s.droppedAt === undefined || s.backAt !== undefined || s.gaveUp), Math.max(0, recoverMs - (now() - stormAt)), o.signal);
      if (o.holdAfterMs && !aborted()) await sleep(o.holdAfterMs, o.signal);
    }
  } finally {
    stopping = true;
    for (const s of slots) clearTimeout(s.timer);
    const t = now();
    for (const c of recorder.live) recorder.judge(c, t);
    for (const c of all) if (!c.ended) c.closeGracefully();
    if (!(await until(() => all.every((c) => c.ended), profile.timeouts.closeMs + 500))) {
      for (const c of all) if (!c.ended) c.terminate();
      await until(() => all.every((c) => c.ended), 1000);
    }
    clearInterval(perSecond);
    lag.stop();
  }

  const at = stormAt ?? now();
  const droppedSlots = slots.filter((s) => s.droppedAt !== undefined);
  const backTimes = droppedSlots.map((s) => (s.backAt === undefined ? Infinity : s.backAt - at)).sort((a, b) => a - b);
  const need = Math.ceil(0.99 * droppedSlots.length);
  const back99 = need === 0 ? 0 : backTimes[need - 1];
  const windowMs = o.windowMs ?? 250;
  const peak = peakRatePerS(reconnectDials, windowMs);
  const budgetPerS = o.herdBudgetPerS ?? Math.max(1, 2 * droppedSlots.length);
  const arrivalsPerSecond: number[] = [];
  for (const d of reconnectDials) {
    const s = Math.max(0, Math.floor(d / 1000));
    while (arrivalsPerSecond.length <= s) arrivalsPerSecond.push(0);
    arrivalsPerSecond[s]++;
  }
  const diagnoses = [
    judgeReconnectHerd({ dropped: droppedSlots.length, peakPerS: peak.peakPerS, windowMs, peakAtMs: peak.atMs, budgetPerS, policyName: policy.name }),
    judgeHerdAbsorbed({ ...backend, attempts: backend.attemptsWhileUp, toleranceRatio: o.absorbToleranceRatio ?? 0.01, example: recorder.tally.counts()[0]?.first.summary }),
  ].filter((d): d is Diagnosis => d !== null);
  return {
    recorder,
    kind: o.trigger.kind,
    policy: policy.name,
    stormAtMs: at - start,
    downMs,
    dropped: droppedSlots.length,
    reconnectArrivalsMs: reconnectDials,
    arrivalsPerSecond,
    peak: { perS: peak.peakPerS, atMs: peak.atMs, windowMs },
    budgetPerS,
    back99Ms: Number.isFinite(back99) ? back99 : null,
    neverBack: droppedSlots.filter((s) => s.backAt === undefined).length,
    backend,
    diagnoses,
    startedAt,
    durationMs: now() - start,
    lag: lag.summary(),
  };
}

/** Wait until `done()` or `timeoutMs`, checking every 10 ms; false on timeout. */
async function until(done: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = now() + timeoutMs;
  while (!done()) {
    if (now() >= deadline || signal?.aborted) return done();
    await sleep(10);
  }
  return true;
}
