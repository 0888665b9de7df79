/**
 * Running one client scenario: reset the enactor's observation, build the client for this
 * enactor, run with a time bound, snapshot the attempt timelines, then stop the client and
 * heal the server — also on timeout or error — and return a ScenarioResult (harness/results.ts).
 */
import pino, { type Logger } from 'pino';
import { now, roundMs, sleep } from '../clock.js';
import { diagnosis } from '../diagnose/codes.js';
import { summarizeAttempts } from '../diagnose/client.js';
import { erroredResult, type ScenarioResult } from '../results.js';
import type { Verdict } from '../scenario.js';
import type { ClientEnactor } from './enactors/enactor.js';
import { scaledPolicy } from './policy.js';
import { hasClientPart, type ClientProfile } from './profile.js';
import type { ClientScenario, ClientScenarioContext } from './scenario.js';
import type { ClientUnderTest, ScheduledRetry } from './subject.js';

const POLL_MS = 20;
const STOP_BOUND_MS = 5000;

export type ClientFactory = (target: { dialUrl: string | undefined }) => ClientUnderTest | Promise<ClientUnderTest>;

export interface RunClientScenarioOptions {
  profile: ClientProfile;
  enactor: ClientEnactor;
  /** The client, or a factory given where the enactor listens (a fresh client per scenario is best). */
  client: ClientUnderTest | ClientFactory;
  log?: Logger;
  /** Multiplies the scenario's own bound (default 1). */
  timeoutScale?: number;
}

export function clientSkipReason(scenario: ClientScenario, profile: ClientProfile): string | undefined {
  const missing = scenario.needs.filter((p) => !hasClientPart(profile, p));
  if (missing.length === 0) return undefined;
  const names: Record<string, string> = { retries: 'reconnect.maxRetries > 0', fatalCloseCodes: 'reconnect.fatalCloseCodes' };
  const what = missing.map((m) => names[m] ?? `\`${m}\``).join(', ');
  return `client profile "${profile.name}" has no ${what}`;
}

async function bounded<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runClientScenario(scenario: ClientScenario, opts: RunClientScenarioOptions): Promise<ScenarioResult> {
  const { profile, enactor } = opts;
  const base = { id: scenario.id, title: scenario.title };
  const skip = clientSkipReason(scenario, profile);
  if (skip) return { ...base, status: 'skipped', durationMs: 0, diagnosis: null, reason: skip, observations: {}, timelines: [] };

  const log = opts.log ?? pino({ level: 'silent' });
  const policy = scaledPolicy(profile);
  const controller = new AbortController();
  const origin = now();
  enactor.recorder.reset(origin);
  enactor.play({});
  let client: ClientUnderTest | undefined;
  let started = false;
  /** ms since the origin when the client's start() resolved: from then on it must dial. */
  let clientStartedMs: number | undefined;
  const readScheduled = async (): Promise<ScheduledRetry[] | undefined> => (client?.scheduled ? ((await client.scheduled()) ?? undefined) : undefined);

  const bound = Math.round(scenario.timeoutMs(policy) * (opts.timeoutScale ?? 1));
  let verdict: Verdict | undefined;
  let error: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let observations: Record<string, unknown> = {};
  let timelines = enactor.recorder.timelines();
  try {
    enactor.preflight?.();
    client = typeof opts.client === 'function' ? await opts.client({ dialUrl: enactor.dialUrl }) : opts.client;
    const c = client;
    const ctx: ClientScenarioContext = {
      profile,
      policy,
      enactor,
      client: c,
      signal: controller.signal,
      log,
      elapsed: () => now() - origin,
      begin: async (plan) => {
        if (started) throw new Error('ctx.begin() was called twice');
        started = true;
        const played = ctx.play(plan);
        await c.start();
        clientStartedMs = now() - origin;
        return played;
      },
      play: (plan) => {
        const played = enactor.play(plan);
        return { activatedMs: played.activatedAt - origin, healthyAtMs: played.endsAt === undefined ? undefined : played.endsAt - origin };
      },
      attempts: () => summarizeAttempts(enactor.recorder.timelines(), profile.messages),
      until: (pred, timeoutMs) => until(pred, timeoutMs, enactor, controller.signal),
      sleep: (ms) => sleep(ms, controller.signal),
      scheduled: readScheduled,
    };
    verdict = await Promise.race([
      scenario.run(ctx),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`scenario exceeded its ${bound} ms bound`)), bound);
      }),
    ]);
  } catch (e) {
    error = (e as Error).message;
    log.debug({ err: e, scenario: scenario.id }, 'client scenario errored');
  } finally {
    clearTimeout(timer);
    controller.abort();
    timelines = enactor.recorder.timelines();
    observations = await describeClient(client, readScheduled);
    if (client) await bounded(client.stop().catch((e: Error) => log.warn({ err: e }, 'client stop failed')), STOP_BOUND_MS);
    try {
      enactor.endSessions();
      enactor.play({});
    } catch (e) {
      log.warn({ err: e }, 'enactor reset failed');
    }
  }
  const durationMs = roundMs(now() - origin);
  const context = { client: client?.label, runtime: client?.runtime, enactor: enactor.kind, timeScale: policy.timeScale };
  // An enactor that failed played nothing, whatever the scenario concluded: never a pass.
  const enactorFailures = enactor.recorder.enactorFailures();
  if (enactorFailures.length > 0) {
    return erroredResult(base, durationMs, `the enactor (${enactor.kind}) failed: ${enactorFailures.slice(0, 3).join('; ')}`, { ...context, ...observations, enactorFailures }, timelines);
  }
  // Every client scenario expects dials: zero attempts is never a pass (nor a harness error).
  if (clientStartedMs !== undefined && timelines.length === 0) {
    const waitedMs = roundMs(durationMs - clientStartedMs);
    const where = enactor.kind === 'route' && profile.page ? `matching client.page.wsPattern ${profile.page.wsPattern}` : enactor.dialUrl ? 'to the enactor\'s URL' : 'that the enactor intercepts';
    const d = diagnosis('CLIENT_NEVER_CONNECTED', `no WebSocket ${where} was opened within ${waitedMs} ms of the client's start, so nothing could be judged`);
    return { ...base, status: 'failed', durationMs, diagnosis: d, observations: { ...context, ...observations, attempts: 0, waitedMs, scenarioError: error ?? null }, timelines };
  }
  if (!verdict) return erroredResult(base, durationMs, error, { ...context, ...observations }, timelines);
  return { ...base, status: verdict.status, durationMs, diagnosis: verdict.diagnosis, observations: { ...context, ...observations, ...verdict.observations }, timelines };
}

async function describeClient(client: ClientUnderTest | undefined, readScheduled: () => Promise<ScheduledRetry[] | undefined>): Promise<Record<string, unknown>> {
  if (!client) return {};
  const out: Record<string, unknown> = {};
  const scheduled = await bounded(readScheduled().catch(() => undefined), 2000);
  if (scheduled) out.scheduledDelaysMs = scheduled.map((s) => s.delayMs);
  const shown = client.shown ? await bounded(Promise.resolve(client.shown()).catch(() => undefined), 2000) : undefined;
  if (shown !== undefined) out.clientShows = shown;
  return out;
}

function until(pred: () => boolean, timeoutMs: number, enactor: ClientEnactor, signal: AbortSignal): Promise<boolean> {
  if (pred()) return Promise.resolve(true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    let done = false;
    const check = (): void => {
      if (pred()) finish(true);
    };
    const off = enactor.recorder.onChange(check);
    const poll = setInterval(check, POLL_MS);
    const timer = setTimeout(() => finish(pred()), Math.max(0, timeoutMs));
    const onAbort = (): void => finish(false);
    signal.addEventListener('abort', onAbort, { once: true });
    function finish(v: boolean): void {
      if (done) return;
      done = true;
      off();
      clearInterval(poll);
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(v);
    }
  });
}
