/**
 * The client kind's context factory for the one engine (harness/run-scenario.ts): reset the
 * enactor's observation, build the client for this enactor, and give the scenario its client
 * context; after the abort, snapshot the attempt timelines and what the client shows, then
 * stop the client and heal the server (teardowns, also on timeout or error). The result adds
 * the client's context, and never passes a run whose enactor failed or that saw no dial.
 */
import pino, { type Logger } from 'pino';
import { now, roundMs, sleep } from '../clock.js';
import { judgeClientDialled, summarizeAttempts } from '../diagnose/client.js';
import { erroredResult, type ScenarioResult } from '../results.js';
import { plainResult, runEngine, type EngineOutcome, type EngineTools } from '../run-scenario.js';
import { withContract } from '../contract/apply.js';
import type { Contract } from '../contract/validate.js';
import type { ClientEnactor } from './enactors/enactor.js';
import { scaledPolicy, type ClientPolicy } from './policy.js';
import { CLIENT_PART_ABSENT, hasClientPart, type ClientProfile } from './profile.js';
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
  /** The run's AsyncAPI contract (--asyncapi): what the client sends (its pings, pongs, requests) is validated against it. */
  contract?: Contract;
}

export function clientSkipReason(scenario: ClientScenario, profile: ClientProfile): string | undefined {
  const optOut = profile.optOut?.[scenario.id];
  if (optOut) return `client profile "${profile.name}" opts out of ${scenario.id}: ${optOut}`;
  const missing = scenario.needs.filter((p) => !hasClientPart(profile, p));
  if (missing.length === 0) return undefined;
  return `client profile "${profile.name}" ${missing.map((m) => CLIENT_PART_ABSENT[m]).join('; ')}`;
}

async function bounded<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** What one client run holds between the context factory, the snapshot and the result. */
interface ClientRunState {
  origin: number;
  client?: ClientUnderTest;
  /** ms since the origin when the client's start() resolved: from then on it must dial. */
  clientStartedMs?: number;
  timelines?: ScenarioResult['timelines'];
  observations: Record<string, unknown>;
}

export function runClientScenario(scenario: ClientScenario, opts: RunClientScenarioOptions): Promise<ScenarioResult> {
  const { profile, enactor } = opts;
  const policy = scaledPolicy(profile);
  const state: ClientRunState = { origin: now(), observations: {} };
  const readScheduled = async (): Promise<ScheduledRetry[] | undefined> => (state.client?.scheduled ? ((await state.client.scheduled()) ?? undefined) : undefined);
  return runEngine<ClientScenarioContext>({
    id: scenario.id,
    title: scenario.title,
    skipReason: clientSkipReason(scenario, profile),
    boundMs: () => Math.round(scenario.timeoutMs(policy) * (opts.timeoutScale ?? 1)),
    log: opts.log ?? pino({ level: 'silent' }),
    open: (tools) => clientContext(opts, policy, state, tools, readScheduled),
    run: (ctx) => scenario.run(ctx),
    afterAbort: async () => {
      state.timelines = enactor.recorder.timelines();
      state.observations = await describeClient(state.client, readScheduled);
    },
    settle: (outcome, base) => {
      const result = clientResult(outcome, base, opts, policy, state);
      return withContract(result, opts.contract, result.timelines, ['out']);
    },
    timelines: () => state.timelines ?? enactor.recorder.timelines(),
  });
}

async function clientContext(
  opts: RunClientScenarioOptions,
  policy: ClientPolicy,
  state: ClientRunState,
  tools: EngineTools,
  readScheduled: () => Promise<ScheduledRetry[] | undefined>,
): Promise<ClientScenarioContext> {
  const { profile, enactor } = opts;
  state.origin = now();
  enactor.recorder.reset(state.origin);
  enactor.play({});
  // Registered first, so it runs last: heal the server after the client has stopped.
  tools.defer(() => {
    try {
      enactor.endSessions();
      enactor.play({});
    } catch (e) {
      tools.log.warn({ err: e }, 'enactor reset failed');
    }
  });
  enactor.preflight?.();
  const c = typeof opts.client === 'function' ? await opts.client({ dialUrl: enactor.dialUrl }) : opts.client;
  state.client = c;
  tools.defer(async () => {
    await bounded(c.stop().catch((e: Error) => tools.log.warn({ err: e }, 'client stop failed')), STOP_BOUND_MS);
  });
  let started = false;
  const ctx: ClientScenarioContext = {
    profile,
    policy,
    enactor,
    client: c,
    signal: tools.signal,
    log: tools.log,
    elapsed: () => now() - state.origin,
    begin: async (plan) => {
      if (started) throw new Error('ctx.begin() was called twice');
      started = true;
      const played = ctx.play(plan);
      await c.start();
      state.clientStartedMs = now() - state.origin;
      return played;
    },
    play: (plan) => {
      const played = enactor.play(plan);
      return { activatedMs: played.activatedAt - state.origin, healthyAtMs: played.endsAt === undefined ? undefined : played.endsAt - state.origin };
    },
    attempts: () => summarizeAttempts(enactor.recorder.timelines(), profile.messages),
    until: (pred, timeoutMs) => until(pred, timeoutMs, enactor, tools.signal),
    sleep: (ms) => sleep(ms, tools.signal),
    defer: tools.defer,
    scheduled: readScheduled,
  };
  return ctx;
}

function clientResult(outcome: EngineOutcome, base: { id: string; title: string }, opts: RunClientScenarioOptions, policy: ClientPolicy, state: ClientRunState): ScenarioResult {
  const { profile, enactor } = opts;
  const timelines = state.timelines ?? enactor.recorder.timelines();
  const durationMs = roundMs(now() - state.origin);
  const { client, observations } = state;
  const context = { client: client?.label, runtime: client?.runtime, enactor: enactor.kind, timeScale: policy.timeScale };
  // An enactor that failed played nothing, whatever the scenario concluded: never a pass.
  const enactorFailures = enactor.recorder.enactorFailures();
  if (enactorFailures.length > 0) {
    return erroredResult(base, durationMs, `the enactor (${enactor.kind}) failed: ${enactorFailures.slice(0, 3).join('; ')}`, { ...context, ...observations, enactorFailures }, timelines);
  }
  // Every client scenario expects dials: zero attempts is never a pass (nor a harness error).
  const waitedMs = state.clientStartedMs === undefined ? 0 : roundMs(durationMs - state.clientStartedMs);
  const where = enactor.kind === 'route' && profile.page ? `matching client.page.wsPattern ${profile.page.wsPattern}` : enactor.dialUrl ? 'to the enactor\'s URL' : 'that the enactor intercepts';
  const d = state.clientStartedMs === undefined ? null : judgeClientDialled(timelines.length, waitedMs, where);
  if (d) {
    return { ...base, status: 'failed', durationMs, diagnosis: d, observations: { ...context, ...observations, attempts: 0, waitedMs, scenarioError: outcome.error ?? null }, timelines };
  }
  return plainResult({ ...outcome, durationMs }, base, timelines, { ...context, ...observations });
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
