/**
 * Running one scenario: check what it needs, give it a context whose every resource is torn
 * down at the end (also on timeout or error), and turn what happened into a ScenarioResult.
 */
import pino, { type Logger } from 'pino';
import { now, roundMs, sleep } from './clock.js';
import { Probe } from './probe.js';
import { dialSpec } from './profile/connect.js';
import { hasPart, keepalivesOf, type Profile, type ProfilePart } from './profile/schema.js';
import { readHealthCount } from './health.js';
import { erroredResult, type ScenarioResult } from './results.js';
import { SkipScenario, type ConnectOptions, type Scenario, type ScenarioContext, type Verdict } from './scenario.js';
import { chaosTools, UnsupportedToxicError, type ToxiproxyRef } from './chaos.js';
import { matches } from './match.js';

export interface RunScenarioOptions {
  profile: Profile;
  /** The run's Toxiproxy, for scenarios that need one. */
  toxiproxy?: ToxiproxyRef;
  log?: Logger;
  /** Extra harness-side bound, multiplied into the scenario's own (default 1). */
  timeoutScale?: number;
}

export function skipReason(scenario: Scenario, profile: Profile, toxiproxy?: ToxiproxyRef | null): string | undefined {
  if (scenario.needs.includes('toxiproxy') && !toxiproxy) return 'no Toxiproxy in this run (it runs by default; see --toxiproxy)';
  const missing = scenario.needs.filter((p): p is ProfilePart => p !== 'toxiproxy' && !hasPart(profile, p));
  if (missing.length === 0) return undefined;
  return `profile "${profile.name}" has no ${missing.map((m) => `\`${m}\``).join(', ')} part${missing.length > 1 ? 's' : ''}`;
}

export async function runScenario(scenario: Scenario, opts: RunScenarioOptions): Promise<ScenarioResult> {
  const { profile } = opts;
  const base = { id: scenario.id, title: scenario.title };
  const skip = skipReason(scenario, profile, opts.toxiproxy);
  if (skip) return { ...base, status: 'skipped', durationMs: 0, diagnosis: null, reason: skip, observations: {}, timelines: [] };

  const controller = new AbortController();
  const probes: Probe[] = [];
  const deferred: Array<() => void | Promise<void>> = [];
  const log = opts.log ?? pino({ level: 'silent' });
  const ctx: ScenarioContext = {
    profile,
    signal: controller.signal,
    log,
    connect: (o: ConnectOptions = {}) => {
      const spec = dialSpec(profile, o.auth === 'invalid' ? 'invalid' : 'valid', o.invalidAuth ?? profile.invalidAuth);
      let url = spec.url;
      if (o.url) {
        const over = new URL(o.url);
        const orig = new URL(spec.url);
        over.search = orig.search;
        url = over.toString();
      }
      // Every declared app keepalive is answered (a backend may run several, see keepalivesOf).
      const appKeepalives = keepalivesOf(profile).filter((k) => k.kind !== 'protocol');
      const keepaliveFor = (m: unknown) => appKeepalives.find((k) => matches(m, k.match));
      const probe = new Probe({
        url,
        label: o.label ?? `connection-${probes.length + 1}`,
        headers: spec.headers,
        protocols: spec.protocols,
        handshakeTimeoutMs: profile.timeouts.handshakeMs,
        closeTimeoutMs: profile.timeouts.closeMs,
        answerPings: o.answerPings ?? true,
        answerAppPings:
          (o.answerAppPings ?? true) && appKeepalives.length > 0
            ? {
                isPing: (m) => keepaliveFor(m) !== undefined,
                reply: (m) => {
                  const ka = keepaliveFor(m)!;
                  const id = ka.idField ? (m as Record<string, unknown>)[ka.idField] : undefined;
                  return id === undefined ? ka.reply : { ...ka.reply, [ka.idField!]: id };
                },
              }
            : undefined,
      });
      probes.push(probe);
      return probe;
    },
    healthCount: () => readHealthCount(profile, controller.signal),
    sleep: (ms) => sleep(ms, controller.signal),
    defer: (fn) => void deferred.push(fn),
    chaos: opts.toxiproxy ? chaosTools(opts.toxiproxy, profile.url, (fn) => void deferred.push(fn)) : undefined,
  };

  const bound = Math.round(scenario.timeoutMs(profile) * (opts.timeoutScale ?? 1));
  const started = now();
  let verdict: Verdict | undefined;
  let error: string | undefined;
  let skipped: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    verdict = await Promise.race([
      scenario.run(ctx),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`scenario exceeded its ${bound} ms bound`)), bound);
      }),
    ]);
  } catch (e) {
    if (e instanceof SkipScenario || e instanceof UnsupportedToxicError) skipped = e.message;
    error = (e as Error).message;
    log.debug({ err: e, scenario: scenario.id }, 'scenario errored');
  } finally {
    clearTimeout(timer);
    controller.abort();
    for (const p of probes) p.dispose();
    for (const fn of deferred.reverse()) {
      try {
        await fn();
      } catch (e) {
        log.warn({ err: e, scenario: scenario.id }, 'teardown failed');
      }
    }
  }
  const durationMs = roundMs(now() - started);
  const timelines = probes.map((p) => p.timeline());
  if (skipped !== undefined) {
    return { ...base, status: 'skipped', durationMs, diagnosis: null, reason: skipped, observations: {}, timelines };
  }
  if (!verdict) return erroredResult(base, durationMs, error, {}, timelines);
  return { ...base, status: verdict.status, durationMs, diagnosis: verdict.diagnosis, observations: verdict.observations, timelines };
}
