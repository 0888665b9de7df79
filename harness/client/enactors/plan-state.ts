/**
 * The state a JS-level enactor (route, msw) keeps: the server behaviour now in force (switched
 * by `play`, optionally for `forMs` only), when it was switched on, and the live mocked sessions.
 */
import { now } from '../../clock.js';
import type { FaultBehaviour } from '../../faults/behaviour.js';
import type { FaultEnactor } from '../../faults/catalogue.js';
import type { PlayedPlan, ServerPlan } from './enactor.js';
import type { MockSession } from './mock-session.js';
import { assertEnactable, resolvePlan } from './plan.js';

export class PlanState {
  behaviour: FaultBehaviour = {};
  activatedAt = now();
  closed = false;
  readonly sessions = new Set<MockSession>();
  private offTimer: ReturnType<typeof setTimeout> | undefined;

  /** `enactorName` names the enactor in the error for a fault it cannot play. */
  constructor(
    private readonly enactor: FaultEnactor,
    private readonly enactorName: string,
  ) {}

  play(plan: ServerPlan): PlayedPlan {
    clearTimeout(this.offTimer);
    const resolved = resolvePlan(plan.faults ?? []);
    assertEnactable(resolved, this.enactor, this.enactorName);
    this.behaviour = resolved.behaviour;
    this.activatedAt = now();
    if (plan.forMs === undefined) return { activatedAt: this.activatedAt };
    this.offTimer = setTimeout(() => {
      this.behaviour = {};
      this.activatedAt = now();
    }, plan.forMs);
    return { activatedAt: this.activatedAt, endsAt: this.activatedAt + plan.forMs };
  }

  endSessions(): void {
    for (const s of this.sessions) s.dispose();
    this.sessions.clear();
  }

  /** From now on every new socket is refused; live sessions end. */
  close(): void {
    this.closed = true;
    clearTimeout(this.offTimer);
    this.endSessions();
  }
}
