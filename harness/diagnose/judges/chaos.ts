/**
 * Chaos judges: what a session must survive (latency, fragmentation, low bandwidth, jitter, an
 * idle-timeout cut) and what the server must notice (a half-open link, lost pongs). Pure: plain
 * observations in, a diagnosis (or null) out. The connection's own failure, where a judge
 * falls back to it, is judged by the scenario (diagnoseConnection) and passed in.
 */
import { describeClose, isValidWireCloseCode } from '../../close-codes.js';
import { diagnosis, type Diagnosis } from '../codes.js';
import { formatMs as fmt } from '../format.js';

type ServerEnd = { t: number; code: number; reason: string; by: 'client' | 'server' | 'transport' };

/** Whether a server close looks like its keepalive giving up on the client. */
export const keepaliveClose = (reason: string): boolean => /keep-?alive|pong|heartbeat|timeout/i.test(reason);

/** The two causes a half-open link that outlives the bound has: say both, the user can tell them apart. */
export function halfOpenHint(serverCloseMs: number): string {
  return [
    'Either the server does not enforce a pong timeout (a peer counts as alive as long as TCP does not say otherwise, so a half-open link lives forever),',
    'or the server noticed and sent its close, but its close handshake waits for a close frame that never comes back through a half-open link',
    `(e.g. Python websockets' close_timeout, 10 s; the profile states ${serverCloseMs} ms).`,
    'Check the server log for a keepalive-timeout close; if there is one, set the library\'s close timeout shorter or state it in the profile as timeouts.serverCloseMs.',
  ].join(' ');
}

export interface HalfOpenObservation {
  keepalive: { intervalMs: number; timeoutMs: number; toleranceMs: number };
  serverCloseMs: number;
  baseline: number;
  /** The last health count read, undefined when none came. */
  count: number | undefined;
  waitedMs: number;
}

/** Through a half-open link the server must drop the connection (health back at baseline) within its bound. */
export function judgeHalfOpen(o: HalfOpenObservation): Diagnosis | null {
  if (o.count !== undefined && o.count <= o.baseline) return null;
  const ka = o.keepalive;
  return diagnosis(
    'DEAD_PEER_NOT_DETECTED',
    `the link went half-open and after ${fmt(o.waitedMs)} ms the server still counts ${o.count} connection(s) (baseline ${o.baseline}); the bound is interval ${ka.intervalMs} + pong timeout ${ka.timeoutMs} + server close timeout ${o.serverCloseMs} + tolerance ${ka.toleranceMs} ms`,
    halfOpenHint(o.serverCloseMs),
  );
}

/** An idle session cut by the emulated load balancer (a transport 1006): IDLE_TIMEOUT_RISK; `quietMs`: since the last traffic to the client. */
export function judgeIdleCut(close: ServerEnd | undefined, quietMs: number, keepaliveIntervalMs: number, idleTimeoutMs: number, connection: Diagnosis | null): Diagnosis | null {
  if (!close) return null;
  if (close.code === 1006 && close.by === 'transport') {
    return diagnosis(
      'IDLE_TIMEOUT_RISK',
      `the emulated load balancer cut the connection after ${fmt(quietMs)} ms without traffic to the client; the keepalive interval is ${keepaliveIntervalMs} ms, the idle timeout ${idleTimeoutMs} ms`,
    );
  }
  return connection;
}

export interface LatencyKeepaliveObservation {
  latencyMs: number;
  pongTimeoutMs: number;
  close: ServerEnd | undefined;
  connection: Diagnosis | null;
}

/** Latency below the pong timeout must not get a client that answers every ping dropped. */
export function judgeLatencyKeepalive(o: LatencyKeepaliveObservation): Diagnosis | null {
  const { close } = o;
  if (!close || close.by === 'client') return null;
  if (keepaliveClose(close.reason) || close.code === 1006) {
    return diagnosis(
      'KEEPALIVE_INTOLERANT',
      `with a ${2 * o.latencyMs} ms round trip (pong timeout ${o.pongTimeoutMs} ms) the server closed ${describeClose(close.code, close.reason)} after ${fmt(close.t)} ms, although every ping was answered`,
    );
  }
  return o.connection;
}

export interface BandwidthObservation {
  /** ms from sending to the server's close, when it closed. */
  close: (ServerEnd & { afterSendMs: number }) | undefined;
  transferMs: number;
  connection: Diagnosis | null;
  bytes: number;
  rateKBps: number;
  boundMs: number;
  /** The reply's size, undefined when none came within boundMs. */
  replyBytes: number | undefined;
  /** The reply echoes the padding (so its size can be checked against the request's). */
  echoesPadding: boolean;
  paddingBytes: number;
}

/** A large message through a low bandwidth: the keepalive survives, the reply arrives whole. */
export function judgeBandwidth(o: BandwidthObservation): Diagnosis | null {
  if (o.close && o.close.by !== 'client') {
    if (keepaliveClose(o.close.reason)) {
      return diagnosis(
        'KEEPALIVE_INTOLERANT',
        `the server closed ${describeClose(o.close.code, o.close.reason)} ${fmt(o.close.afterSendMs)} ms into a ${Math.round(o.transferMs)} ms transfer: the pong was queued behind the upload`,
      );
    }
    if (o.connection) return o.connection;
  }
  if (o.replyBytes === undefined) return diagnosis('MESSAGE_LOST', `no reply within ${Math.round(o.boundMs)} ms for a ${o.bytes}-byte request at ${o.rateKBps} KB/s`);
  if (o.echoesPadding && o.replyBytes < o.paddingBytes) {
    return diagnosis('MESSAGE_LOST', `the echoed reply was ${o.replyBytes} bytes for a ${o.bytes}-byte request: truncated`);
  }
  return null;
}

export interface JitterObservation {
  sent: number;
  received: number;
  waitedMs: number;
  /** The replies' correlation tags in arrival order, when the order can be checked. */
  tags: readonly unknown[] | undefined;
  field: string | undefined;
}

/** Under jitter every request gets its reply, in order when the replies are tagged. */
export function judgeJitter(o: JitterObservation): Diagnosis | null {
  if (o.received < o.sent) return diagnosis('MESSAGE_LOST', `${o.sent - o.received} of ${o.sent} requests got no reply within ${o.waitedMs} ms under jitter`);
  if (o.tags) {
    const firstOut = o.tags.findIndex((s, i) => s !== i + 1);
    if (firstOut >= 0) {
      return diagnosis('MESSAGE_ORDER_VIOLATED', `replies arrived in the order ${o.tags.join(',')}: reply ${firstOut + 1} carried ${o.field} ${String(o.tags[firstOut])}`);
    }
  }
  return null;
}

export interface SlicedReplyObservation {
  answered: boolean;
  expect: Record<string, unknown>;
  boundMs: number;
}

/** Through the slicer the reply must still come, within twice its budget; with `answered: false` it always returns the diagnosis. */
export function judgeSlicedReply(o: SlicedReplyObservation & { answered: false }): Diagnosis;
export function judgeSlicedReply(o: SlicedReplyObservation): Diagnosis | null;
export function judgeSlicedReply(o: SlicedReplyObservation): Diagnosis | null {
  return o.answered ? null : diagnosis('MESSAGE_LOST', `no ${JSON.stringify(o.expect)} within ${o.boundMs} ms of the request through the slicer`);
}

export interface PongLossObservation {
  boundMs: number;
  /** ms from the toxics to the close, when the server closed. */
  close: (ServerEnd & { afterMs: number }) | undefined;
  /** Pings the probe answered in vain. */
  pings: number;
  connection: Diagnosis | null;
}

/** With every pong lost the server must give up on the connection within its bound, with a proper close frame. */
export function judgePongLoss(o: PongLossObservation): Diagnosis | null {
  const { close } = o;
  if (!close) return diagnosis('DEAD_PEER_NOT_DETECTED', `every pong was lost for ${o.boundMs} ms (${o.pings} ping(s) answered in vain) and the server kept the connection open`);
  if (close.by === 'server' && isValidWireCloseCode(close.code)) return null;
  if (close.code === 1006) return diagnosis('UNCLEAN_CLOSE', `the server gave up on the connection after ${fmt(close.afterMs)} ms but dropped it without a close frame (1006)`);
  return o.connection ?? diagnosis('INVALID_CLOSE_CODE', `the server closed with ${describeClose(close.code, close.reason)}`);
}

/** The check of a chaos scenario's own set-up: a toxic that did not act is the harness's failure, not the target's. */
export function judgeToxicActed(acted: boolean, what: string): Diagnosis | null {
  return acted ? null : diagnosis('SCENARIO_ERROR', what);
}
