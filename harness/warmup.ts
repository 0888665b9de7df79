/**
 * The run-level warm-up (profile part `warmup`): before the scenarios, dial with valid auth
 * every intervalMs until a connection is welcomed or maxMs passes, and measure how long the
 * backend refused connections after start — "refused connections for the first 3.2 s after
 * start (14 attempts: INTERNAL_ERROR_BEFORE_WELCOME 1011 'Service startup incomplete'), then
 * healthy". A backend never ready within maxMs, or ready later than budgetMs, is a failed
 * synthetic scenario `conformance/warm-up` (code SLOW_STARTUP) that every report shows.
 */
import { now, roundMs, sleep } from './clock.js';
import type { AnyDiagnosisCode } from './diagnose/codes.js';
import { diagnoseConnection, welcomeEvent } from './diagnose/connection.js';
import { judgeWarmup } from './diagnose/judges/warmup.js';
import { textMatches } from './match.js';
import { Probe } from './probe.js';
import { dialSpec } from './profile/connect.js';
import { runHandshake } from './profile/handshake.js';
import type { Profile } from './profile/schema.js';
import type { ScenarioResult } from './results.js';
import type { WarmupResult } from './results-sections.js';
import { first } from './timeline.js';

export const WARMUP_SCENARIO_ID = 'conformance/warm-up';

export type { WarmupResult } from './results-sections.js';

/** One dial: welcomed (ms since `t0` when it was), or the connection diagnosis of why not. */
async function attempt(profile: Profile, t0: number): Promise<{ readyAt: number } | { code: AnyDiagnosisCode; detail: string }> {
  const spec = dialSpec(profile, 'valid');
  const probe = new Probe({ url: spec.url, label: 'warm-up', headers: spec.headers, protocols: spec.protocols, perMessageDeflate: spec.perMessageDeflate, handshakeTimeoutMs: profile.timeouts.handshakeMs, closeTimeoutMs: profile.timeouts.closeMs });
  try {
    const outcome = await probe.opened;
    const w = profile.welcome;
    // A client-speaks-first backend welcomes only after the auth message and the handshake steps.
    const refused = outcome === 'open' ? await runHandshake(probe, profile) : null;
    if (refused) return { code: refused.code, detail: refused.summary };
    if (outcome === 'open' && w) {
      await Promise.race([
        probe.waitFor('message', w.budgetMs, (e) => e.dir === 'in' && textMatches(e.text, w.match)),
        probe.waitFor('close', w.budgetMs),
      ]);
    }
    const welcome = welcomeEvent(probe.events, w?.match);
    const closed = first(probe.events, 'close');
    if (outcome === 'open' && (w ? welcome && (!closed || welcome.t <= closed.t) : !closed)) {
      return { readyAt: probe.origin + (welcome ?? first(probe.events, 'open')!).t - t0 };
    }
    const d = diagnoseConnection(probe.events, { immediateDisconnectMs: profile.timeouts.immediateDisconnectMs, welcome: w?.match });
    const close = closed && closed.by === 'server' ? ` ${closed.code}${closed.reason ? ` '${closed.reason}'` : ''}` : '';
    if (d) return { code: d.code, detail: `${d.code}${close}` };
    return { code: 'WELCOME_MISSING', detail: `WELCOME_MISSING (no welcome within ${w?.budgetMs} ms)` };
  } finally {
    probe.dispose();
  }
}

/** Run the warm-up the profile declares; undefined when it declares none. */
export async function warmUp(profile: Profile, signal?: AbortSignal): Promise<WarmupResult | undefined> {
  const spec = profile.warmup;
  if (!spec) return undefined;
  const t0 = now();
  const failures = new Map<string, { code: AnyDiagnosisCode; detail: string; count: number }>();
  let attempts = 0;
  let readyAfterMs: number | null = null;
  // Bounded in count and in time: one attempt per interval, none started after maxMs.
  const maxAttempts = Math.floor(spec.maxMs / Math.max(1, spec.intervalMs)) + 1;
  while (attempts < maxAttempts && now() - t0 <= spec.maxMs && !signal?.aborted) {
    const started = now();
    attempts++;
    const r = await attempt(profile, t0);
    if ('readyAt' in r) {
      readyAfterMs = roundMs(r.readyAt);
      break;
    }
    const f = failures.get(r.detail) ?? { code: r.code, detail: r.detail, count: 0 };
    f.count++;
    failures.set(r.detail, f);
    const waitMs = spec.intervalMs - (now() - started);
    if (waitMs > 0 && now() - t0 + waitMs <= spec.maxMs) await sleep(waitMs, signal);
    else if (waitMs > 0) break;
  }
  const list = [...failures.values()];
  const { finding, failed } = judgeWarmup({ readyAfterMs, attempts, failures: list, maxMs: spec.maxMs, budgetMs: spec.budgetMs });
  return { readyAfterMs, attempts, failures: list, maxMs: spec.maxMs, intervalMs: spec.intervalMs, budgetMs: spec.budgetMs, finding, failed };
}

/** The synthetic `conformance/warm-up` result, so a failed warm-up shows in every report; undefined when it passed. */
export function warmupScenarioResult(w: WarmupResult | undefined): ScenarioResult | undefined {
  const d = w?.failed ? judgeWarmup(w).diagnosis : null;
  if (!w || !d) return undefined;
  return {
    id: WARMUP_SCENARIO_ID,
    title: 'The backend becomes ready within its startup budget',
    status: 'failed',
    durationMs: w.readyAfterMs ?? w.maxMs,
    diagnosis: d,
    observations: { readyAfterMs: w.readyAfterMs, attempts: w.attempts, failures: w.failures, budgetMs: w.budgetMs, maxMs: w.maxMs },
    timelines: [],
  };
}

/**
 * The CLI's step before the scenarios: run the profile's warm-up, keep its result in the run
 * config (results.json's `warmup`, and `conformance/warm-up` when it failed) and print the finding.
 */
export async function warmUpForRun(config: { profile?: Profile; quiet: boolean; warmup?: WarmupResult }, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  if (!config.profile?.warmup) return;
  const w = await warmUp(config.profile);
  config.warmup = w;
  if (w && (!config.quiet || w.failed)) out.write(`warm-up: ${w.finding}\n`);
}
