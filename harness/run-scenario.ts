/**
 * The one run path for every scenario, backend or client: skip (what it needs) → bound (its
 * timeout) → abort → teardown (reverse order, also on error or timeout) → ScenarioResult. Each
 * kind provides only its context factory: runScenario below builds the backend context (probes,
 * health, Toxiproxy tools); harness/client/run-client-scenario.ts builds the client one.
 */
import pino, { type Logger } from 'pino';
import { now, roundMs, sleep } from './clock.js';
import { Probe } from './probe.js';
import { dialSpec } from './profile/connect.js';
import { withQueryOf } from './profile/url.js';
import { hasPart, type Profile, type ProfilePart } from './profile/schema.js';
import { readHealthCount } from './health.js';
import { erroredResult, type ScenarioResult } from './results.js';
import type { BackendScenario, ConnectOptions, ScenarioContext } from './scenario.js';
import { SkipScenario, type Verdict } from './scenario-verdict.js';
import { chaosTools, UnsupportedToxicError, type ToxiproxyRef } from './chaos.js';
import { appKeepaliveAnswer } from './keepalive-answer.js';
import { withContract } from './contract/apply.js';
import type { Contract } from './contract/validate.js';

/** What the engine gives every context factory. */
export interface EngineTools {
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** Register a teardown; they run in reverse order after the scenario ends (also on error or timeout). */
  defer(fn: () => void | Promise<void>): void;
}

/** How one scenario is ended and reported, whatever happened. */
export interface EngineOutcome {
  /** The scenario's verdict; absent when it threw, timed out or skipped itself. */
  verdict?: Verdict;
  /** Why there is no verdict (a thrown error's message, or the bound). */
  error?: string;
  /** SkipScenario (or an unsupported toxic) thrown from run: the reason. */
  skipped?: string;
  durationMs: number;
}

/** One scenario as the engine runs it: the kind's context factory and how it turns an outcome into a result. */
export interface EngineRun<C> {
  id: string;
  title: string;
  /** Why the scenario cannot run here (a needed part missing); set: nothing is started. */
  skipReason: string | undefined;
  /** The harness-side bound of `run`, already scaled. */
  boundMs(): number;
  log: Logger;
  /** Build the context (inside the engine's try: a throw is an errored result); resources register teardowns with `defer`. */
  open(tools: EngineTools): C | Promise<C>;
  run(ctx: C): Promise<Verdict>;
  /** Right after the abort, before the teardowns: dispose what must go first, snapshot what must be seen before teardown changes it. */
  afterAbort?(): void | Promise<void>;
  /** After every teardown: the result (defaults to the plain one). */
  settle?(outcome: EngineOutcome, base: { id: string; title: string }): ScenarioResult;
  /** The connection timelines for a plain result. */
  timelines(): ScenarioResult['timelines'];
}

export async function runEngine<C>(r: EngineRun<C>): Promise<ScenarioResult> {
  const base = { id: r.id, title: r.title };
  if (r.skipReason) return { ...base, status: 'skipped', durationMs: 0, diagnosis: null, reason: r.skipReason, observations: {}, timelines: [] };

  const controller = new AbortController();
  const deferred: Array<() => void | Promise<void>> = [];
  const tools: EngineTools = { signal: controller.signal, log: r.log, defer: (fn) => void deferred.push(fn) };
  const started = now();
  let verdict: Verdict | undefined;
  let error: string | undefined;
  let skipped: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const ctx = await r.open(tools);
    const bound = r.boundMs();
    verdict = await Promise.race([
      r.run(ctx),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`scenario exceeded its ${bound} ms bound`)), bound);
      }),
    ]);
  } catch (e) {
    if (e instanceof SkipScenario || e instanceof UnsupportedToxicError) skipped = e.message;
    error = (e as Error).message;
    r.log.debug({ err: e, scenario: r.id }, 'scenario errored');
  } finally {
    clearTimeout(timer);
    controller.abort();
    try {
      await r.afterAbort?.();
    } catch (e) {
      r.log.warn({ err: e, scenario: r.id }, 'teardown failed');
    }
    for (const fn of deferred.reverse()) {
      try {
        await fn();
      } catch (e) {
        r.log.warn({ err: e, scenario: r.id }, 'teardown failed');
      }
    }
  }
  const outcome: EngineOutcome = { verdict, error, skipped, durationMs: roundMs(now() - started) };
  if (r.settle) return r.settle(outcome, base);
  return plainResult(outcome, base, r.timelines());
}

/** skipped / errored / the verdict, with the timelines. */
export function plainResult(o: EngineOutcome, base: { id: string; title: string }, timelines: ScenarioResult['timelines'], extra: Record<string, unknown> = {}): ScenarioResult {
  const { durationMs } = o;
  if (o.skipped !== undefined) return { ...base, status: 'skipped', durationMs, diagnosis: null, reason: o.skipped, observations: {}, timelines };
  if (!o.verdict) return erroredResult(base, durationMs, o.error, extra, timelines);
  return { ...base, status: o.verdict.status, durationMs, diagnosis: o.verdict.diagnosis, observations: { ...extra, ...o.verdict.observations }, timelines };
}

export interface RunScenarioOptions {
  profile: Profile;
  /** The run's Toxiproxy, for scenarios that need one. */
  toxiproxy?: ToxiproxyRef;
  log?: Logger;
  /** Extra harness-side bound, multiplied into the scenario's own (default 1). */
  timeoutScale?: number;
  /** The run's AsyncAPI contract (--asyncapi): every message of every connection is validated against it. */
  contract?: Contract;
}

export function skipReason(scenario: BackendScenario, profile: Profile, toxiproxy?: ToxiproxyRef | null): string | undefined {
  if (scenario.needs.includes('toxiproxy') && !toxiproxy) return 'no Toxiproxy in this run (it runs by default; see --toxiproxy)';
  const missing = scenario.needs.filter((p): p is ProfilePart => p !== 'toxiproxy' && !hasPart(profile, p));
  if (missing.length === 0) return undefined;
  return `profile "${profile.name}" has no ${missing.map((m) => `\`${m}\``).join(', ')} part${missing.length > 1 ? 's' : ''}`;
}

/** Run one backend scenario against the profile's target. */
export function runScenario(scenario: BackendScenario, opts: RunScenarioOptions): Promise<ScenarioResult> {
  const { profile } = opts;
  const probes: Probe[] = [];
  return runEngine<ScenarioContext>({
    id: scenario.id,
    title: scenario.title,
    skipReason: skipReason(scenario, profile, opts.toxiproxy),
    boundMs: () => Math.round(scenario.timeoutMs(profile) * (opts.timeoutScale ?? 1)),
    log: opts.log ?? pino({ level: 'silent' }),
    open: (tools) => ({ ...backendContext(profile, opts.toxiproxy, tools, probes), contract: opts.contract }),
    run: (ctx) => scenario.run(ctx),
    afterAbort: () => {
      for (const p of probes) p.dispose();
    },
    timelines: () => probes.map((p) => p.timeline()),
    settle: (outcome, base) => withContract(plainResult(outcome, base, probes.map((p) => p.timeline())), opts.contract, probes),
  });
}

function backendContext(profile: Profile, toxiproxy: ToxiproxyRef | undefined, tools: EngineTools, probes: Probe[]): ScenarioContext {
  return {
    profile,
    signal: tools.signal,
    log: tools.log,
    connect: (o: ConnectOptions = {}) => {
      const probe = new Probe(probeOptions(profile, o, `connection-${probes.length + 1}`));
      probes.push(probe);
      return probe;
    },
    healthCount: () => readHealthCount(profile, tools.signal),
    sleep: (ms) => sleep(ms, tools.signal),
    defer: tools.defer,
    chaos: toxiproxy ? chaosTools(toxiproxy, profile.url, tools.defer) : undefined,
  };
}

function probeOptions(profile: Profile, o: ConnectOptions, defaultLabel: string): ConstructorParameters<typeof Probe>[0] {
  const spec = dialSpec(profile, o.auth === 'invalid' ? 'invalid' : 'valid', o.invalidAuth ?? profile.invalidAuth);
  // Another URL (a proxy in front of the target) is dialled with the profile's query, its auth parameter included.
  const url = o.url ? withQueryOf(o.url, spec.url) : spec.url;
  // Every declared app keepalive is answered (a backend may run several), as every client ws-chaos plays answers it.
  const keepaliveAnswer = appKeepaliveAnswer(profile);
  return {
    url,
    label: o.label ?? defaultLabel,
    headers: spec.headers,
    protocols: spec.protocols,
    perMessageDeflate: spec.perMessageDeflate,
    handshakeTimeoutMs: profile.timeouts.handshakeMs,
    closeTimeoutMs: profile.timeouts.closeMs,
    answerPings: o.answerPings ?? true,
    answerAppPings: (o.answerAppPings ?? true) ? keepaliveAnswer : undefined,
  };
}
