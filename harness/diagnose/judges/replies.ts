/**
 * Reply judges: a request, an app ping or a ping frame must get its answer within budget.
 * Pure: what was sent, what arrived (plain data) and the budget in; a diagnosis (or null) out.
 * The connection's own failure is judged first by the scenario (diagnoseConnection).
 */
import { diagnosis, type Diagnosis } from '../codes.js';

export interface AppPongObservation {
  request: Record<string, unknown>;
  /** The pong matcher (with the request's id when the profile echoes one). */
  expect: Record<string, unknown>;
  budgetMs: number;
  answered: boolean;
  /** Messages that arrived after the ping and were not the pong. */
  otherMessages: number;
}

/** Called with `answered: false` (the scenario waited in vain) it always returns the diagnosis. */
export function judgeAppPong(o: AppPongObservation & { answered: false }): Diagnosis;
export function judgeAppPong(o: AppPongObservation): Diagnosis | null;
export function judgeAppPong(o: AppPongObservation): Diagnosis | null {
  if (o.answered) return null;
  return diagnosis(
    'APP_PONG_MISSING',
    `no ${JSON.stringify(o.expect)} within ${o.budgetMs} ms of ${JSON.stringify(o.request)}${o.otherMessages ? `; ${o.otherMessages} other message(s) arrived` : '; nothing else arrived either'}`,
  );
}

export interface ResponseObservation {
  expect: Record<string, unknown>;
  budgetMs: number;
  answered: boolean;
  /** What arrived instead (message texts, clipped by the judge). */
  others: readonly string[];
}

export function judgeResponse(o: ResponseObservation & { answered: false }): Diagnosis;
export function judgeResponse(o: ResponseObservation): Diagnosis | null;
export function judgeResponse(o: ResponseObservation): Diagnosis | null {
  if (o.answered) return null;
  const got = o.others.map((t) => t.slice(0, 100));
  return diagnosis('RESPONSE_MISSING', `no ${JSON.stringify(o.expect)} within ${o.budgetMs} ms of the request${got.length ? `; got: ${got.join(' | ')}` : ''}`);
}

export interface ProtocolPongObservation {
  payloadBytes: number;
  budgetMs: number;
  answered: boolean;
  /** Size of a pong with another payload that arrived instead, if any. */
  wrongPongBytes?: number;
}

export function judgeProtocolPong(o: ProtocolPongObservation & { answered: false }): Diagnosis;
export function judgeProtocolPong(o: ProtocolPongObservation): Diagnosis | null;
export function judgeProtocolPong(o: ProtocolPongObservation): Diagnosis | null {
  if (o.answered) return null;
  return diagnosis(
    'PROTOCOL_PONG_MISSING',
    o.wrongPongBytes !== undefined
      ? `ping of ${o.payloadBytes} bytes answered with a pong of another payload (${o.wrongPongBytes} bytes)`
      : `no pong within ${o.budgetMs} ms for a ping of ${o.payloadBytes} bytes`,
  );
}
