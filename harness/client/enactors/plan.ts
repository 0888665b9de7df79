/**
 * From the fault catalogue to what a JS-level enactor (route, msw) must do: resolve the
 * faults exactly as the reference backend does (same resolveFault, same behaviour(), same
 * merge), refuse the faults the catalogue says this enactor cannot play (with the catalogue's
 * reason), and say what a client sees for an end action.
 */
import { ConfigError } from '../../errors.js';
import type { EndAction, FaultBehaviour } from '../../faults/behaviour.js';
import { cannotPlayReason, type FaultEnactor } from '../../faults/catalogue.js';
import { formatFault, resolveFaults, type ActiveFault, type FaultSpecInput } from '../../faults/spec.js';

export interface ResolvedPlan {
  active: ActiveFault[];
  behaviour: FaultBehaviour;
}

export function resolvePlan(faults: readonly FaultSpecInput[]): ResolvedPlan {
  return resolveFaults(faults);
}

/** Throws a ConfigError naming every fault of the plan `enactor` cannot play, and why (from the catalogue). */
export function assertEnactable(plan: ResolvedPlan, enactor: FaultEnactor, enactorName: string): void {
  const bad = plan.active.flatMap((f) => {
    const reason = cannotPlayReason(f.name, enactor);
    return reason ? [`${formatFault(f)} (${reason})`] : [];
  });
  if (bad.length > 0) {
    throw new ConfigError('WSC_ERR_FAULT_UNSUPPORTED', `${enactorName} cannot play ${bad.join('; ')}. Play it with the reference backend enactor instead.`);
  }
}

/** What the client sees for an end action: the close code and reason it reports. */
export function closeOf(end: EndAction): { code: number; reason: string } {
  if (end.kind === 'close') return { code: end.code, reason: end.reason };
  if (end.kind === 'close-no-status') return { code: 1005, reason: '' };
  return { code: 1006, reason: '' };
}
