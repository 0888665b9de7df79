/**
 * The one scenario type. A scenario is a plain module: a kind (`'backend'`, the default, or
 * `'client'`), an id, a title, the profile parts it needs, a time bound, and an async
 * `run(ctx)` that returns a verdict; `ctx` is typed per kind. `defineScenario` is generic over
 * `needs` (a `const` type parameter), so `needs: ['welcome']` gives `ctx.profile.welcome`
 * non-optional: the engine (harness/run-scenario.ts) skips the scenario on a profile without it.
 * The same object runs under Playwright Test (the CLI), from vitest (the detection matrices),
 * from a user's repository and from a benchmark.
 */
import type { Logger } from 'pino';
import type { ChaosTools } from './chaos.js';
import type { ClientScenario, ClientScenarioContext, NeededPolicy } from './client/scenario.js';
import type { ClientProfilePart } from './client/profile.js';
import type { Probe } from './probe.js';
import type { Needed, NeededProfile } from './profile/needs.js';
import type { InvalidAuth, ProfilePart } from './profile/schema.js';
import type { Verdict } from './scenario-verdict.js';
import type { Contract } from './contract/validate.js';

export { DIAGNOSIS_CODE, SkipScenario, fail, pass, type Verdict } from './scenario-verdict.js';
export type { NeededProfile } from './profile/needs.js';
export type { BegunPlan, ClientScenario, ClientScenarioContext, NeededClientProfile, NeededPolicy } from './client/scenario.js';

/** The built-in groups; a user's scenarios use their own (`acme/login-flow`). */
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

/** What a backend scenario can need: profile parts, or a Toxiproxy for network chaos. */
export type Requirement = ProfilePart | 'toxiproxy';
/** What a client scenario can need: client profile parts. */
export type ClientRequirement = ClientProfilePart;

/** The backend kind's context; `N` (the scenario's `needs`) narrows `profile` and `chaos`. */
export type ScenarioContext<N extends readonly Requirement[] = readonly Requirement[]> = {
  readonly profile: NeededProfile<N>;
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
  /** The run's AsyncAPI contract (--asyncapi), when it has one: its messages' schemas drive conformance/unexpected-input. */
  readonly contract?: Contract;
} & ([Needed<N, 'toxiproxy'>] extends [never]
  ? { /** Toxiproxy tools, present when the scenario needs 'toxiproxy' and the run has one. */ readonly chaos?: ChaosTools }
  : { /** Toxiproxy tools (the scenario needs 'toxiproxy': a run without one skips it). */ readonly chaos: ChaosTools });

/** `group/kebab-name`, each part lower-case kebab (`conformance/handshake`, `acme/login-flow`). */
export const SCENARIO_ID = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;

/** A backend scenario, as `defineScenario` returns it. */
export interface BackendScenario<N extends readonly Requirement[] = readonly Requirement[]> {
  readonly kind: 'backend';
  /** `group/kebab-name`: a built-in group, or a user's own (`acme/login-flow`). */
  id: `${ScenarioGroup}/${string}` | `${string}/${string}`;
  title: string;
  /** One or two sentences: what is checked and why. */
  description: string;
  readonly needs: N;
  /** The harness-side bound; the scenario's own waits are all shorter. */
  timeoutMs(profile: NeededProfile<N>): number;
  run(ctx: ScenarioContext<N>): Promise<Verdict>;
}

/** Any scenario: the kind tells which context `run` gets. Registries and the engine take this. */
export type Scenario = BackendScenario | ClientScenario;

/** What `defineScenario` takes for a backend scenario: `kind` may be left out, `description` too, `timeoutMs` may be a plain number. */
export interface ScenarioInput<N extends readonly Requirement[]> {
  kind?: 'backend';
  id: BackendScenario['id'];
  title: string;
  description?: string;
  needs: N;
  timeoutMs: number | ((profile: NeededProfile<N>) => number);
  run(ctx: ScenarioContext<N>): Promise<Verdict>;
}

/** What `defineScenario` takes for a client scenario (`kind: 'client'`). */
export interface ClientScenarioInput<N extends readonly ClientRequirement[]> {
  kind: 'client';
  id: ClientScenario['id'];
  title: string;
  description?: string;
  needs: N;
  timeoutMs: number | ((policy: NeededPolicy<N>) => number);
  run(ctx: ClientScenarioContext<N>): Promise<Verdict>;
}

export function defineScenario<const N extends readonly ClientRequirement[]>(s: ClientScenarioInput<N>): ClientScenario<N>;
export function defineScenario<const N extends readonly Requirement[]>(s: ScenarioInput<N>): BackendScenario<N>;
export function defineScenario(s: ScenarioInput<readonly Requirement[]> | ClientScenarioInput<readonly ClientRequirement[]>): Scenario {
  if (!SCENARIO_ID.test(s.id)) {
    throw new Error(`scenario id "${s.id}" must be group/kebab-name (e.g. acme/login-flow)`);
  }
  const description = s.description ?? '';
  if (s.kind === 'client') {
    const { timeoutMs } = s;
    return { ...s, kind: 'client', description, timeoutMs: typeof timeoutMs === 'number' ? () => timeoutMs : timeoutMs };
  }
  const { timeoutMs } = s;
  return { ...s, kind: 'backend', description, timeoutMs: typeof timeoutMs === 'number' ? () => timeoutMs : timeoutMs };
}
