/**
 * The client kind of scenario (harness/scenario.ts has the one Scenario type): `ctx` holds the
 * client under test and the enactor playing the server; `ctx.begin(plan)` sets the server's
 * behaviour and then starts the client. `needs` narrows the profile and the policy as it does
 * for backend scenarios: `needs: ['ping']` ⇒ `ctx.policy.ping.intervalMs` with no `!`.
 * The same object runs under Playwright (scenarios/client.spec.ts), from vitest (the detection
 * matrix, your own suite with ws-chaos/msw) and from the CLI.
 */
import type { Logger } from 'pino';
import type { AttemptSummary } from '../diagnose/client.js';
import type { Needed } from '../profile/needs.js';
import type { Verdict } from '../scenario-verdict.js';
import type { ClientEnactor, ServerPlan } from './enactors/enactor.js';
import type { ClientPolicy } from './policy.js';
import type { ClientProfile, ClientProfilePart } from './profile.js';
import type { ClientUnderTest, ScheduledRetry } from './subject.js';

export interface BegunPlan {
  /** ms since the scenario origin when the server behaviour was switched on. */
  activatedMs: number;
  /** ms since the origin when a `forMs` plan turns healthy. */
  healthyAtMs?: number;
}

/** What each client profile part is once needed (hasClientPart has checked it). */
interface NeededClientParts {
  ping: NonNullable<ClientProfile['ping']>;
  serverPing: NonNullable<ClientProfile['serverPing']>;
}

/** What each policy part is once needed. */
interface NeededPolicyParts {
  ping: NonNullable<ClientPolicy['ping']>;
  serverPing: NonNullable<ClientPolicy['serverPing']>;
  /** `needs: ['fatalCloseCodes']`: at least one. */
  fatalCloseCodes: readonly [number, ...number[]];
  /** `needs: ['resumeEveryMs']`: not null. */
  resumeEveryMs: number;
}

export type NeededClientProfile<N extends readonly ClientProfilePart[]> = ClientProfile & Pick<NeededClientParts, Needed<N, keyof NeededClientParts>>;
export type NeededPolicy<N extends readonly ClientProfilePart[]> = ClientPolicy & Pick<NeededPolicyParts, Needed<N, keyof NeededPolicyParts>>;

export interface ClientScenarioContext<N extends readonly ClientProfilePart[] = readonly ClientProfilePart[]> {
  readonly profile: NeededClientProfile<N>;
  /** The profile's policy, scaled by its timeScale. */
  readonly policy: NeededPolicy<N>;
  readonly enactor: ClientEnactor;
  readonly client: ClientUnderTest;
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** ms since the scenario's origin — the axis of every attempt timeline. */
  elapsed(): number;
  /** Switch the server behaviour, then start the client. Call once. */
  begin(plan: ServerPlan): Promise<BegunPlan>;
  /** Switch the server behaviour again, mid-scenario (replaces the current plan). */
  play(plan: ServerPlan): BegunPlan;
  /** What the enactor saw so far, attempt by attempt. */
  attempts(): AttemptSummary[];
  /** Wait until `pred()` holds (checked on every recorded event and every 20 ms), up to timeoutMs; false on timeout or teardown. */
  until(pred: () => boolean, timeoutMs: number): Promise<boolean>;
  sleep(ms: number): Promise<boolean>;
  /** Register a teardown that runs when the scenario ends (reverse order). */
  defer(fn: () => void | Promise<void>): void;
  /** The delays the client says it scheduled, when it tells. */
  scheduled(): Promise<ScheduledRetry[] | undefined>;
}

/** A client scenario, as `defineScenario({ kind: 'client', ... })` returns it. */
export interface ClientScenario<N extends readonly ClientProfilePart[] = readonly ClientProfilePart[]> {
  readonly kind: 'client';
  id: `${string}/${string}`;
  title: string;
  /** One or two sentences: what is checked and why. */
  description: string;
  readonly needs: N;
  /** The harness-side bound; the scenario's own waits are all shorter. */
  timeoutMs(policy: NeededPolicy<N>): number;
  run(ctx: ClientScenarioContext<N>): Promise<Verdict>;
}
