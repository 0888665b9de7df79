/**
 * A scenario is a plain module: an id, a title, the profile parts it needs, a time bound, and
 * an async `run(ctx)` that returns a verdict. The same object runs under Playwright Test (the
 * CLI), from vitest (the detection matrix) and from a benchmark.
 */
import type { Logger } from 'pino';
import type { ChaosTools } from './chaos.js';
import type { Diagnosis } from './diagnose/codes.js';
import type { Probe } from './probe.js';
import type { InvalidAuth, Profile, ProfilePart } from './profile/schema.js';

export type ScenarioGroup = 'conformance' | 'chaos' | 'client';

export interface ConnectOptions {
  label?: string;
  /** Present the profile's valid credential (default) or its invalid one. */
  auth?: 'valid' | 'invalid';
  /** With `auth: 'invalid'`: which invalid-auth variant (default: the profile's primary one). */
  invalidAuth?: InvalidAuth;
  /** Answer protocol pings (default true). */
  answerPings?: boolean;
  /** Answer the server's app keepalive pings per the profile (default true). */
  answerAppPings?: boolean;
  /** Dial a different URL than the profile's (a proxy in front of it, for instance). */
  url?: string;
}

export interface ScenarioContext {
  readonly profile: Profile;
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** Open a probe. Every probe is disposed when the scenario ends, whatever happens. */
  connect(opts?: ConnectOptions): Probe;
  /** The open-connection count from the profile's health endpoint, or undefined. */
  healthCount(): Promise<number | undefined>;
  /** An abortable sleep; resolves false when the scenario is being torn down. */
  sleep(ms: number): Promise<boolean>;
  /** Register a teardown that runs when the scenario ends (reverse order). */
  defer(fn: () => void | Promise<void>): void;
  /** Toxiproxy tools, present when the scenario needs 'toxiproxy' and the run has one. */
  readonly chaos?: ChaosTools;
}

/** What a scenario can need: profile parts, or a Toxiproxy for network chaos. */
export type Requirement = ProfilePart | 'toxiproxy';

/** Throw from `run` when the scenario cannot apply here (the reason is reported). */
export class SkipScenario extends Error {}

export interface Verdict {
  status: 'passed' | 'failed';
  diagnosis: Diagnosis | null;
  /** The measured facts that support the verdict: codes, timings, counts. */
  observations: Record<string, unknown>;
}

export interface Scenario {
  /** `group/kebab-name`: a built-in group, or a user's own (`acme/login-flow`). */
  id: `${ScenarioGroup}/${string}` | `${string}/${string}`;
  title: string;
  /** One or two sentences: what is checked and why. */
  description: string;
  needs: readonly Requirement[];
  /** The harness-side bound; the scenario's own waits are all shorter. */
  timeoutMs: (profile: Profile) => number;
  run(ctx: ScenarioContext): Promise<Verdict>;
}

/** What `defineScenario` takes: `description` may be left out, `timeoutMs` may be a plain number. */
export type ScenarioInput = Omit<Scenario, 'description' | 'timeoutMs'> & {
  description?: string;
  timeoutMs: number | ((profile: Profile) => number);
};

/** `group/kebab-name`, each part lower-case kebab (`conformance/handshake`, `acme/login-flow`). */
export const SCENARIO_ID = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;

export function defineScenario(s: ScenarioInput): Scenario {
  if (!SCENARIO_ID.test(s.id)) {
    throw new Error(`scenario id "${s.id}" must be group/kebab-name (e.g. acme/login-flow)`);
  }
  const { timeoutMs } = s;
  return { ...s, description: s.description ?? '', timeoutMs: typeof timeoutMs === 'number' ? () => timeoutMs : timeoutMs };
}

/** A user diagnosis code (or a built-in one): UPPER_SNAKE, e.g. ACME_LOGIN_REFUSED. */
export const DIAGNOSIS_CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

export const pass = (observations: Record<string, unknown> = {}): Verdict => ({ status: 'passed', diagnosis: null, observations });

/**
 * A failed verdict: `fail(diagnosis, observations?)`, or a scenario's own code in three strings,
 * `fail('ACME_LOGIN_REFUSED', 'login answered 403', 'check the session cookie', observations?)`.
 */
export function fail(d: Diagnosis, observations?: Record<string, unknown>): Verdict;
export function fail(code: string, summary: string, hint: string, observations?: Record<string, unknown>): Verdict;
export function fail(
  d: Diagnosis | string,
  summaryOrObs?: string | Record<string, unknown>,
  hint?: string,
  observations: Record<string, unknown> = {},
): Verdict {
  if (typeof d !== 'string') return { status: 'failed', diagnosis: d, observations: (summaryOrObs as Record<string, unknown> | undefined) ?? {} };
  if (!DIAGNOSIS_CODE.test(d)) throw new Error(`diagnosis code "${d}" must be UPPER_SNAKE (e.g. ACME_LOGIN_REFUSED)`);
  return { status: 'failed', diagnosis: { code: d, summary: String(summaryOrObs ?? ''), hint: hint ?? '' }, observations };
}
