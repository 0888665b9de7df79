/**
 * The soak (`ws-chaos load --duration 30m` at a fixed N, or compressed): N connections held for
 * `durationMs`, each one the server drops replaced at once (the drops are counted by close code:
 * a 1011 "keepalive timeout" is a missed keepalive), and, with `churnPerS`, that many connections a
 * second closed by the client and replaced (the disconnects a leaking registry never forgets).
 * Every `sampleEveryMs` it reads the backend's health endpoint next to the live count, and the
 * reference backend's RSS and event-loop lag when its health body has them (rss_bytes,
 * event_loop_lag_ms). At the end it closes everything, waits `settleMs` for the backend's count
 * to follow, reads it once more, and judges the drift (CONNECTIONS_LEAKED, judges/load-herd.ts).
 */
import { now, sleep } from '../clock.js';
import type { Diagnosis } from '../diagnose/codes.js';
import { judgeConnectionDrift, type DriftSample } from '../diagnose/judges/load-herd.js';
import { pick } from '../health.js';
import type { Profile } from '../profile/schema.js';
import { LoadConnection, type LoadSink } from './connection.js';
import { LoadRecorder } from './recorder.js';
import { connectionSpec } from './run-load.js';
import { arrivalsDue, type ArrivalPlan } from './schedule.js';

export interface SoakOptions {
  profile: Profile;
  connections: number;
  plan: ArrivalPlan;
  durationMs: number;
  /** Connections a second the client closes and replaces (default 0). */
  churnPerS?: number;
  sampleEveryMs?: number;
  /** After the close, wait this long at most for the backend's count to reach 0 (default 2 s). */
  settleMs?: number;
  /** Drift tolerated (default: 2 or 1 % of N, whichever is more). */
  driftTolerance?: number;
  appPingEveryMs?: number;
  signal?: AbortSignal;
}

export interface SoakSample extends DriftSample {
  rssBytes?: number;
  backendLagMs?: number;
}

export interface SoakResult {
  recorder: LoadRecorder;
  samples: SoakSample[];
  /** Connections the server (or the network) dropped, by close code ('none': no close at all). */
  drops: Record<string, number>;
  /** Drops closed 1011 "keepalive timeout": keepalives the backend says were missed. */
  keepalivesMissed: number;
  churned: number;
  diagnoses: Diagnosis[];
  durationMs: number;
}

async function readHealth(profile: Profile, signal?: AbortSignal): Promise<{ count?: number; rssBytes?: number; lagMs?: number }> {
  const h = profile.health;
  if (!h) return {};
  try {
    const timeout = AbortSignal.timeout(2000);
    const res = await fetch(h.url, { headers: h.headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    if (!res.ok) return {};
    const body: unknown = await res.json();
    const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
    return { count: h.connectionsField ? num(pick(body, h.connectionsField)) : undefined, rssBytes: num(pick(body, 'rss_bytes')), lagMs: num(pick(body, 'event_loop_lag_ms')) };
  } catch {
    return {};
  }
}

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const { profile } = o;
  const start = now();
  const recorder = new LoadRecorder(start, {
    immediateDisconnectMs: profile.timeouts.immediateDisconnectMs,
    welcome: profile.welcome ? { match: profile.welcome.match, budgetMs: profile.welcome.budgetMs } : undefined,
  });
  const spec = connectionSpec(profile, o.appPingEveryMs);
  const all: LoadConnection[] = [];
  const drops: Record<string, number> = {};
  let keepalivesMissed = 0;
  let stopping = false;
  let churned = 0;
  let dialled = 0;
  const samples: SoakSample[] = [];

  const sink: LoadSink = {
    onTcpConnect: (c, ms) => recorder.onTcpConnect(c, ms),
    onUpgrade: (c, ms) => recorder.onUpgrade(c, ms),
    onOpen: (c) => recorder.onOpen(c),
    onWelcome: (c, ms) => recorder.onWelcome(c, ms),
    onAppPong: (c, ms) => recorder.onAppPong(c, ms),
    onMessage: (dir) => recorder.onMessage(dir),
    onEnd: (c) => {
      recorder.onEnd(c);
      if (stopping || !c.open || c.close?.by === 'client') return;
      const code = c.close ? String(c.close.code) : 'none';
      drops[code] = (drops[code] ?? 0) + 1;
      if (c.close?.code === 1011 && /keepalive/i.test(c.close.reason)) keepalivesMissed++;
      dial(); // fixed N: a dropped connection is replaced
    },
  };
  const dial = (): void => {
    const c = new LoadConnection(dialled++, spec, sink);
    all.push(c);
    recorder.onDial(c);
  };
  const sample = async (): Promise<void> => {
    const live = recorder.open;
    const t = now();
    const h = await readHealth(profile, o.signal);
    if (h.count === undefined) return;
    recorder.series.setHealth(h.count, t);
    samples.push({ atMs: Math.round(t - start), health: h.count, live, ...(h.rssBytes !== undefined ? { rssBytes: h.rssBytes } : {}), ...(h.lagMs !== undefined ? { backendLagMs: h.lagMs } : {}) });
  };

  const aborted = (): boolean => o.signal?.aborted === true;
  const sampleEveryMs = o.sampleEveryMs ?? 1000;
  try {
    // Arrive on the plan, up to N (bounded by the soak's own duration).
    while (!aborted() && dialled < o.connections && now() - start < o.durationMs) {
      const due = Math.min(o.connections, Math.floor(arrivalsDue(o.plan, now() - start) + 1e-9));
      while (dialled < due) dial();
      await sleep(2);
    }
    let nextSample = now();
    let nextChurn = now() + 1000;
    while (!aborted() && now() - start < o.durationMs) {
      if (now() >= nextSample) {
        nextSample += sampleEveryMs;
        await sample();
      }
      if (o.churnPerS && now() >= nextChurn) {
        nextChurn += 1000;
        const victims = [...recorder.live].filter((c) => c.welcome || !profile.welcome).slice(0, o.churnPerS);
        for (const c of victims) {
          c.closeGracefully();
          churned++;
          dial();
        }
      }
      await sleep(Math.min(50, Math.max(1, o.durationMs - (now() - start))), o.signal);
    }
  } finally {
    stopping = true;
    const t = now();
    for (const c of recorder.live) recorder.judge(c, t);
    for (const c of all) if (!c.ended) c.closeGracefully();
    const closeBy = now() + profile.timeouts.closeMs + 500;
    while (!all.every((c) => c.ended) && now() < closeBy) await sleep(10);
    for (const c of all) if (!c.ended) c.terminate();
  }
  // Settle: the backend's count should follow the live count (now 0).
  const settleBy = now() + (o.settleMs ?? 2000);
  for (;;) {
    await sample();
    const last = samples.at(-1);
    if (!last || last.health <= last.live || now() >= settleBy || aborted()) break;
    await sleep(100);
  }
  const tolerance = o.driftTolerance ?? Math.max(2, Math.ceil(0.01 * o.connections));
  const drift = judgeConnectionDrift({ samples, tolerance });
  return { recorder, samples, drops, keepalivesMissed, churned, diagnoses: drift ? [drift] : [], durationMs: now() - start };
}
