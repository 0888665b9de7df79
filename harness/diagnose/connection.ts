/**
 * Connection-level diagnosis: did the connection get established and survive? Pure: a
 * timeline in, a diagnosis (or null, "nothing wrong at this level") out. Every scenario that
 * opens a session runs its timeline through this first; what it finds dominates the
 * scenario's own check, because a connection that died explains every later symptom.
 */
import { describeClose } from '../close-codes.js';
import { textMatches } from '../match.js';
import { endedAt, first, type TimelineEvent } from '../timeline.js';
import { LATENESS_BLIND_MS } from '../clock.js';
import { diagnosis, type Diagnosis } from './codes.js';
import { CONNECTION_MS, formatMs } from './format.js';

export interface ConnectionCriteria {
  /** A close (without status) this soon after open, before any message, is IMMEDIATE_DISCONNECT. */
  immediateDisconnectMs: number;
  /** The welcome matcher, when the backend sends one. */
  welcome?: Record<string, unknown>;
}

const fmt = (ms: number): string => formatMs(ms, CONNECTION_MS);

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
 * Where the true open→end gap lies, given how late each stamp may be: the end stamped late
 * makes the gap look longer, the open stamped late makes it look shorter. No stamp is trusted
 * closer than `LATENESS_BLIND_MS` (stalls shorter than that can pass unseen).
 */
export function gapBounds(open: { t: number; lateMs?: number }, end: { t: number; lateMs?: number }): { gapMs: number; minMs: number; maxMs: number; uncertaintyMs: number } {
  const gapMs = end.t - open.t;
  const endLate = Math.max(end.lateMs ?? 0, LATENESS_BLIND_MS);
  const openLate = Math.max(open.lateMs ?? 0, LATENESS_BLIND_MS);
  return { gapMs, minMs: Math.max(0, gapMs - endLate), maxMs: gapMs + openLate, uncertaintyMs: Math.max(end.lateMs ?? 0, open.lateMs ?? 0) };
}

/**
 * The whole connection: handshake, then whether (and how) the server ended it. A close the
 * client started is not a failure here. The server's end is timed when it was read (its close
 * frame or FIN, see `endedAt`), not when the socket was torn down.
 *
 * IMMEDIATE_DISCONNECT (no close status, no message, within `immediateDisconnectMs` of open)
 * is told from the later drops by the clock only. The choice is never made on a margin smaller
 * than the harness's own lateness: when the true gap may lie on either side of the window, the
 * summary says so and the verdict is IMMEDIATE_DISCONNECT (a deterministic pick: the server sent
 * no byte of the app and no close status, the signature the window is meant to catch).
 */
export function diagnoseConnection(events: readonly TimelineEvent[], criteria: ConnectionCriteria): Diagnosis | null {
  const handshake = diagnoseHandshake(events);
  if (handshake) return handshake;
  const open = first(events, 'open')!;
  const end = endedAt(events);
  if (!end) return null;
  const closeEvent = first(events, 'close');
  const frame = first(events, 'close-frame');
  const sent = first(events, 'close-sent');
  if (closeEvent?.by === 'client' || (sent && sent.t <= end.t)) return null;
  const close = {
    code: closeEvent?.code ?? frame?.code ?? 1006,
    reason: closeEvent?.reason ?? frame?.reason ?? '',
  };

  const { gapMs, minMs, maxMs, uncertaintyMs } = gapBounds(open, end);
  const welcome = welcomeEvent(events, criteria.welcome);
  const welcomed = welcome !== undefined && welcome.t <= end.t;
  const inbound = events.filter((e) => e.kind === 'message' && e.dir === 'in' && e.t <= end.t);
  // The harness's lateness is stated where the verdict rests on the clock (a drop without a close
  // status and without any message, told apart by the immediate window); a close that carries a
  // code, or follows a message, is classified without the clock and its timing is just evidence.
  const clockDecides = (close.code === 1006 || close.code === 1005) && inbound.length === 0;
  const busy = clockDecides && uncertaintyMs > 0 ? ` (± ${fmt(uncertaintyMs)} ms: the harness was busy)` : '';
  const at = `${fmt(gapMs)} ms after open${busy}`;
  const what = criteria.welcome ? (welcomed ? 'after the welcome' : 'before the welcome') : 'with no welcome expected';
  const window = criteria.immediateDisconnectMs;

  if ((close.code === 1006 || close.code === 1005) && minMs <= window && inbound.length === 0) {
    const how = close.code === 1006 ? 'without a close frame (1006)' : 'with a close frame without a code (1005)';
    const undecided =
      maxMs > window
        ? `; ${uncertaintyMs > 0 ? 'the harness was too busy' : `the harness cannot time closer than ${LATENESS_BLIND_MS} ms, too coarse`} to tell whether that is within the ${window} ms immediate window, and nothing but the clock tells the two apart, so it is reported as immediate`
        : '';
    return diagnosis('IMMEDIATE_DISCONNECT', `closed ${how} ${at}, before any message${undecided}`);
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
