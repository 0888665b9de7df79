/**
 * Close judges: the close handshake a client starts, and the closes a client can provoke.
 * Pure: the close as the probe saw it (code, reason, who, when; plain data) in, a diagnosis
 * (or null) out.
 */
import { describeClose, isValidWireCloseCode } from '../../close-codes.js';
import { diagnosis, type Diagnosis } from '../codes.js';
import { formatMs as fmt } from '../format.js';

export interface SeenClose {
  t: number;
  code: number;
  reason: string;
  by: 'client' | 'server' | 'transport';
  wasClean?: boolean;
}

export interface CleanCloseObservation {
  /** When the client's 1000 went out; undefined when the server ended the connection first. */
  sentT: number | undefined;
  /** The end of the handshake, undefined when none came within waitedMs. */
  close: SeenClose | undefined;
  waitedMs: number;
  /** The connection's diagnosis (diagnoseConnection), for a server that ended it before the client's close. */
  connection: Diagnosis | null;
  /** How a close that never ended is said: 'answer' (no answer to the close frame) or 'end' (no end to the handshake). */
  missing: 'answer' | 'end';
}

/**
 * After the client's 1000 the server must answer with its own close frame: wasClean, 1000.
 * Without a close sent, or without an end to the handshake, it always returns the diagnosis.
 */
export function judgeCleanClose(o: CleanCloseObservation & ({ sentT: undefined } | { close: undefined })): Diagnosis;
export function judgeCleanClose(o: CleanCloseObservation): Diagnosis | null;
export function judgeCleanClose(o: CleanCloseObservation): Diagnosis | null {
  if (o.sentT === undefined) return o.connection ?? diagnosis('PREMATURE_CLOSE', 'the server ended the connection before the client could start its close');
  if (!o.close) {
    return diagnosis(
      'UNCLEAN_CLOSE',
      o.missing === 'answer' ? `the server did not answer the close frame within ${o.waitedMs} ms` : `no end to the close handshake within ${o.waitedMs} ms`,
    );
  }
  if (!o.close.wasClean || o.close.code !== 1000) {
    return diagnosis(
      'UNCLEAN_CLOSE',
      `after the client's 1000 the connection ended ${describeClose(o.close.code, o.close.reason)} ${fmt(o.close.t - o.sentT)} ms later, without the server's close frame`,
    );
  }
  return null;
}

export const closeCodesText = (codes: readonly number[]): string => codes.map((c) => describeClose(c)).join(' or ');

export interface ProvokedClose {
  /** e.g. "malformed JSON". */
  name: string;
  /** What the profile says the backend answers: codes, 'stays-open', or undefined (any valid close). */
  expect: readonly number[] | 'stays-open' | undefined;
  /** The server's end as it was read, or undefined when it stayed open for waitedMs. */
  close: SeenClose | undefined;
  waitedMs: number;
  requireReason: boolean;
  /** When the provocation was sent on an open session; undefined when the dial itself provokes. */
  sentT?: number;
  /** The connection's diagnosis (diagnoseConnection), for a connection that died before the provocation. */
  connection?: Diagnosis | null;
}

/**
 * One provocation's answer: a problem (the verdict's diagnosis) and/or advice (an empty reason
 * where none is required). Every server close must carry a code valid on the wire; where the
 * profile states one, the expected code.
 */
export function judgeProvokedClose(p: ProvokedClose): { problem: Diagnosis | null; advice?: string; fatal?: Diagnosis } {
  const { close, name } = p;
  if (!close) {
    return { problem: Array.isArray(p.expect) ? diagnosis('UNEXPECTED_CLOSE_CODE', `${name}: stayed open ${p.waitedMs} ms, expected a close ${closeCodesText(p.expect)}`) : null };
  }
  // A connection that died before the provocation was sent is a connection failure, not an answer to it.
  if (p.sentT !== undefined && close.t < p.sentT) {
    return { problem: null, fatal: p.connection ?? diagnosis('PREMATURE_CLOSE', `${name}: the connection closed before the provocation was sent`) };
  }
  if (!isValidWireCloseCode(close.code)) {
    return {
      problem: diagnosis(
        'INVALID_CLOSE_CODE',
        close.code === 1006
          ? `${name}: the server dropped the connection without a close frame (1006)`
          : close.code === 1005
            ? `${name}: the server's close frame carried no status code (1005)`
            : `${name}: close code ${close.code} must never be sent on the wire`,
      ),
    };
  }
  let problem: Diagnosis | null = null;
  // A normal close (1000, 1001) ends the session; it is no refusal of the provocation.
  if (p.expect === 'stays-open' && close.by === 'server' && close.code !== 1000 && close.code !== 1001) {
    problem = diagnosis('UNEXPECTED_CLOSE_CODE', `${name} closed ${describeClose(close.code)}, expected the connection to stay open (with an error message)`);
  } else if (Array.isArray(p.expect) && !p.expect.includes(close.code)) {
    problem = diagnosis('UNEXPECTED_CLOSE_CODE', `${name} closed ${describeClose(close.code)}, expected ${closeCodesText(p.expect)}`);
  }
  if (close.by === 'server' && close.reason.trim() === '') {
    if (p.requireReason) problem ??= diagnosis('CLOSE_REASON_MISSING', `${name}: close ${describeClose(close.code)} carried no reason (provoke.requireReason is true)`);
    else return { problem, advice: `${name}: close ${describeClose(close.code)} carried no reason; a short reason helps clients and logs (RFC 6455 allows none)` };
  }
  return { problem };
}
