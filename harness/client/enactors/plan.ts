/**
 * From the fault catalogue to what a JS-level enactor (route, msw) must do: resolve the
 * faults exactly as the reference backend does (same resolveFault, same behaviour(), same
 * merge), say which behaviour fields a mocked socket cannot play, and build the reference
 * protocol's messages in the shapes mock-backend/session.ts sends.
 */
import { ConfigError } from '../../errors.js';
import { mergeBehaviours, type EndAction, type FaultBehaviour } from '../../faults/behaviour.js';
import { getFault } from '../../faults/catalogue.js';
import { formatFault, resolveFault, type ActiveFault, type FaultSpecInput } from '../../faults/spec.js';

export interface ResolvedPlan {
  active: ActiveFault[];
  behaviour: FaultBehaviour;
}

export function resolvePlan(faults: readonly FaultSpecInput[]): ResolvedPlan {
  const active = faults.map(resolveFault);
  return { active, behaviour: mergeBehaviours(active.map((f) => getFault(f.name)!.behaviour(f.params))) };
}

/**
 * Behaviour a mocked socket cannot show a client: there are no protocol ping frames in a
 * page's or msw's WebSocket. (acceptAnyToken, leakConnections and dropOnClientClose change
 * nothing a client can see, so they are accepted and have no effect.)
 */
export function unenactable(b: FaultBehaviour): string[] {
  const out: string[] = [];
  if (b.answerProtocolPings === false) out.push('answerProtocolPings (protocol ping frames do not exist in a mocked WebSocket)');
  return out;
}

export function assertEnactable(plan: ResolvedPlan, enactor: string): void {
  const bad = unenactable(plan.behaviour);
  if (bad.length > 0) {
    throw new ConfigError(
      'WSC_ERR_UNKNOWN_FAULT',
      `${enactor} cannot play ${plan.active.map(formatFault).join(', ')}: ${bad.join('; ')}. Play it with the reference backend enactor instead.`,
    );
  }
}

/** What the client sees for an end action: the close code and reason it reports. */
export function closeOf(end: EndAction): { code: number; reason: string } {
  if (end.kind === 'close') return { code: end.code, reason: end.reason };
  if (end.kind === 'close-no-status') return { code: 1005, reason: '' };
  return { code: 1006, reason: '' };
}

let connectionSeq = 0;

/** The reference protocol's server messages (as mock-backend/session.ts sends them). */
export const serverMessages = {
  welcome: (welcome: Record<string, unknown>): Record<string, unknown> => ({
    ...welcome,
    connection_id: `mock-${++connectionSeq}`,
    server_time: new Date().toISOString(),
  }),
  pong: (pong: Record<string, unknown>, idField: string, id: unknown): Record<string, unknown> => ({
    ...pong,
    ...(id !== undefined ? { [idField]: id } : {}),
    server_time: new Date().toISOString(),
  }),
  ping: (ping: Record<string, unknown>, idField: string, seq: number): Record<string, unknown> => ({
    ...ping,
    [idField]: seq,
    server_time: new Date().toISOString(),
  }),
};
