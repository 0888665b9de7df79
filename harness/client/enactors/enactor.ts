/**
 * An enactor plays the fault catalogue's server behaviour to a client and records what the
 * client did: the reference backend (a real server, for clients that dial a URL), Playwright's
 * routeWebSocket (a page's sockets) or msw's ws.link (a client module in vitest). All three
 * read the same catalogue entries (harness/faults/catalogue.ts) and record the same
 * per-attempt timelines, so a fault looks the same to a client whichever plays it.
 */
import type { FaultSpecInput } from '../../faults/spec.js';
import type { AttemptRecorder } from './recorder.js';

export type EnactorKind = 'backend' | 'route' | 'msw';

export interface ServerPlan {
  /** Faults from the catalogue, as for --fault: names or {name, params}. Empty: a healthy server. */
  faults?: FaultSpecInput[];
  /** Enactor-side extra: the faults last this long, then the server is healthy ("down for N ms"). */
  forMs?: number;
}

export interface PlayedPlan {
  /** Monotonic ms when the faults were switched on. */
  activatedAt: number;
  /** Monotonic ms when they switch off, for a plan with forMs. */
  endsAt?: number;
}

export interface ClientEnactor {
  readonly kind: EnactorKind;
  /** Where a client must dial to reach this enactor; undefined: the client dials its own URL and is intercepted. */
  readonly dialUrl: string | undefined;
  readonly recorder: AttemptRecorder;
  /** Switch the server behaviour (validated: unknown faults are ConfigErrors). Replaces the previous plan. */
  play(plan: ServerPlan): PlayedPlan;
  /** Throws (an EnvironmentError naming the fix) when this enactor cannot work here; called before every scenario. */
  preflight?(): void;
  /** End the server side of every connection still live (a mocked session's timers included), after the client stopped. */
  endSessions(): void;
  /** Release what the enactor holds (servers, routes, timers). Idempotent. */
  close(): Promise<void>;
}
