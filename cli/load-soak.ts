/**
 * `ws-chaos load --soak`: N connections held for `--duration` (30m, or compressed), every
 * connection the server drops replaced at once, `--churn <n/s>` connections a second closed and
 * replaced by the client, the backend's health count (and the reference backend's RSS and loop
 * lag) sampled next to the live count, and the drift judged at the end (CONNECTIONS_LEAKED,
 * harness/load/soak.ts). load.json gets a `soak` section (samples, drops by close code,
 * keepalives missed, churned, diagnoses); the run fails on a threshold or a drift diagnosis.
 */
import { now } from '../harness/clock.js';
import { LagMonitor } from '../harness/load/lag.js';
import { loadResult, type LoadResult } from '../harness/load/result.js';
import { runSoak, type SoakResult } from '../harness/load/soak.js';
import type { Profile } from '../harness/profile/schema.js';
import { startReferenceTarget } from '../mock-backend/target.js';
import { LOAD_REFERENCE_KEEPALIVE } from './load-keepalive.js';
import type { LoadMode } from './load-mode.js';
import type { LoadOutcome, LoadSession, ResolvedLoad } from './load-session.js';
import { checkReachable } from './target.js';

type SoakMode = Extract<LoadMode, { kind: 'soak' }>;
export type SoakLoadResult = LoadResult & { soak: Omit<SoakResult, 'recorder' | 'durationMs'> };

export function soakLines(r: SoakLoadResult): string[] {
  const s = r.soak;
  const drops = Object.entries(s.drops).map(([code, n]) => `${n} × ${code}`);
  const last = s.samples.at(-1);
  const lines = [
    `soak: ${drops.length ? `dropped ${drops.join(', ')}` : 'no connection dropped'}; ${s.keepalivesMissed} keepalives missed; ${s.churned} churned; ${last ? `backend count ${last.health} at the end (live ${last.live})` : 'no health count (the profile has no health.connectionsField): drift not judged'}`,
  ];
  for (const d of s.diagnoses) lines.push(`  ✗ ${d.code}: ${d.summary}`);
  return lines;
}

export async function runSoakCli(o: ResolvedLoad, mode: SoakMode, session: LoadSession): Promise<LoadOutcome> {
  let stop = async (): Promise<void> => undefined;
  try {
    let profile: Profile;
    if (o.target.profile) {
      await checkReachable(o.target.url ?? o.target.profile.url);
      profile = o.target.profile;
    } else {
      const ref = await startReferenceTarget({ faults: o.target.faults, logLevel: 'silent', keepalive: LOAD_REFERENCE_KEEPALIVE });
      stop = () => ref.close();
      profile = ref.profile;
    }
    const startedAt = new Date().toISOString();
    const lag = new LagMonitor();
    const perSecond = setInterval(() => lag.read(), 1000);
    const start = now();
    let r: SoakResult;
    try {
      r = await runSoak({ profile, connections: o.connections, plan: o.plan, durationMs: o.holdMs, churnPerS: mode.churnPerS, appPingEveryMs: o.appPingEveryMs, signal: session.signal });
    } finally {
      clearInterval(perSecond);
      lag.stop();
    }
    const base = loadResult(
      { recorder: r.recorder, startedAt, durationMs: now() - start, interrupted: session.signal.aborted, leftOpen: 0, lag: lag.summary() },
      { connections: o.connections, plan: o.plan, holdMs: o.holdMs, appPingEveryMs: o.appPingEveryMs, target: { name: profile.name, url: profile.url }, thresholds: o.thresholds },
    );
    const { recorder: _recorder, durationMs: _durationMs, ...soak } = r;
    const result: SoakLoadResult = { ...base, passed: base.passed && r.diagnoses.length === 0, soak };
    return { result, lines: soakLines(result), runDiagnoses: r.diagnoses };
  } finally {
    await stop();
  }
}
