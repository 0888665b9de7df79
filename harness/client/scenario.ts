/**
 * A client scenario: an id, a title, the profile parts it needs, a time bound, and
 * `run(ctx)` returning the same Verdict as a backend scenario. `ctx` holds the client under
 * test and the enactor playing the server; `ctx.begin(plan)` sets the server's behaviour and
 * then starts the client. The same object runs under Playwright (scenarios/client.spec.ts),
 * from vitest (the detection matrix, your own suite with ws-chaos/msw) and from the CLI.
 */
import type { Logger } from 'pino';
import type { AttemptSummary } from '../diagnose/client.js';
import type { Verdict } from '../scenario.js';
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

export interface ClientScenarioContext {
  readonly profile: ClientProfile;
  /** The profile's policy, scaled by its timeScale. */
  readonly policy: ClientPolicy;
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
  /** The delays the client says it scheduled, when it tells. */
  scheduled(): Promise<ScheduledRetry[] | undefined>;
}

export interface ClientScenario {
  id: `client/${string}`;
  title: string;
  description: string;
  needs: readonly ClientProfilePart[];
  /** The harness-side bound; the scenario's own waits are all shorter. */
  timeoutMs: (policy: ClientPolicy) => number;
  run(ctx: ClientScenarioContext): Promise<Verdict>;
}

export function defineClientScenario(s: ClientScenario): ClientScenario {
  if (!/^client\/[a-z0-9]+(-[a-z0-9]+)*$/.test(s.id)) throw new Error(`client scenario id "${s.id}" must be client/kebab-name`);
  return s;
}
