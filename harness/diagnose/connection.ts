/**
 * Connection-level diagnosis: did the connection get established and survive? Pure: a
 * timeline in, a diagnosis (or null, "nothing wrong at this level") out. Every scenario that
 * opens a session runs its timeline through this first; what it finds dominates the
 * scenario's own check, because a connection that died explains every later symptom.
 */
import { describeClose } from '../close-codes';
import { textMatches } from '../match';
import { first, type TimelineEvent } from '../timeline';
import { diagnosis, type Diagnosis } from './codes';

export interface ConnectionCriteria {
  /** A close (without status) this soon after open, before any message, is IMMEDIATE_DISCONNECT. */
  immediateDisconnectMs: number;
  /** The welcome matcher, when the backend sends one. */
  welcome?: Record<string, unknown>;
}

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));

export function welcomeEvent(events: readonly TimelineEvent[], welcome?: Record<string, unknown>): TimelineEvent | undefined {
  if (!welcome) return undefined;
  return events.find((e) => e.kind === 'message' && e.dir === 'in' && !e.binary && textMatches(e.text, welcome));
}

/** Failures of the dial itself: no TCP, no 101, no answer. */
export function diagnoseHandshake(events: readonly TimelineEvent[]): Diagnosis | null {
  const rejected = first(events, 'rejected');
  if (rejected) {
    const body = rejected.body.trim() ? `; body: ${JSON.stringify(rejected.body.trim().slice(0, 120))}` : '';
    return diagnosis('HANDSHAKE_REJECTED', `upgrade answered HTTP ${rejected.status} instead of 101 after ${fmt(rejected.t)} ms${body}`);
  }
  if (first(events, 'open')) return null;
  const err = first(events, 'error');
  if (err?.code === 'HANDSHAKE_TIMEOUT') {
    const tcp = first(events, 'tcp-connect');
    return diagnosis(
      'HANDSHAKE_TIMEOUT',
      `${tcp ? `TCP connected at ${fmt(tcp.t)} ms but ` : ''}no upgrade answer within ${fmt(err.t)} ms`,
    );
  }
  const tcp = first(events, 'tcp-connect');
  if (tcp) {
    return diagnosis('HANDSHAKE_REJECTED', `TCP connected but the upgrade failed: ${err?.message ?? 'connection closed during the handshake'}`);
  }
  return diagnosis('CONNECT_FAILED', `could not connect: ${err ? `${err.code ?? ''} ${err.message}`.trim() : 'no connection'}`);
}

/**
 * The whole connection: handshake, then whether (and how) the server ended it. A close the
 * client started is not a failure here.
 */
export function diagnoseConnection(events: readonly TimelineEvent[], criteria: ConnectionCriteria): Diagnosis | null {
  const handshake = diagnoseHandshake(events);
  if (handshake) return handshake;
  const open = first(events, 'open')!;
  const close = first(events, 'close');
  if (!close || close.by === 'client') return null;

  const afterOpen = close.t - open.t;
  const welcome = welcomeEvent(events, criteria.welcome);
  const welcomed = welcome !== undefined && welcome.t <= close.t;
  const inbound = events.filter((e) => e.kind === 'message' && e.dir === 'in' && e.t <= close.t);
  const at = `${fmt(afterOpen)} ms after open`;
  const what = criteria.welcome ? (welcomed ? 'after the welcome' : 'before the welcome') : 'with no welcome expected';

  if ((close.code === 1006 || close.code === 1005) && afterOpen <= criteria.immediateDisconnectMs && inbound.length === 0) {
    return diagnosis(
      'IMMEDIATE_DISCONNECT',
      `closed ${at}, before any message, with no close status (${close.code === 1006 ? '1006: no close frame' : '1005: close frame without a code'})`,
    );
  }
  if (close.code === 1005) {
    return diagnosis('CLOSED_WITHOUT_STATUS', `server sent a close frame with no status code ${at}, ${what} (the client reports 1005)`);
  }
  if (!welcomed && criteria.welcome) {
    if (close.code === 1006) {
      return diagnosis('DROPPED_BEFORE_WELCOME', `TCP connection ended without a close frame (1006) ${at}, before the welcome`);
    }
    if (close.code === 1011) {
      const errors = inbound.length ? `; received first: ${inbound.map((e) => (e.kind === 'message' ? e.text.slice(0, 80) : '')).join(' | ')}` : '';
      return diagnosis(
        'INTERNAL_ERROR_BEFORE_WELCOME',
        `server closed ${describeClose(close.code, close.reason)} ${at}, before the welcome${errors}`,
      );
    }
  }
  return diagnosis(
    'PREMATURE_CLOSE',
    close.code === 1006
      ? `TCP connection ended without a close frame (1006) ${at}, ${what}`
      : `server closed ${describeClose(close.code, close.reason)} ${at}, ${what}`,
  );
}
