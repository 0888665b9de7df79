/**
 * Keepalive judges, seen from the probe: the server's keepalive arrives within its interval,
 * and a client that stopped answering is dropped within interval + timeout + tolerance.
 * Pure: plain numbers and keepalive descriptions in, a diagnosis (or null) out.
 */
import { describeClose } from '../../close-codes.js';
import { diagnosis, type Diagnosis } from '../codes.js';

/** A keepalive as the judges need it (the profile's keepalive entry, by structure). */
export interface KeepaliveSpec {
  kind: 'app' | 'protocol' | 'either';
  /** The app ping matcher (kind app or either). */
  match?: unknown;
  intervalMs: number;
  toleranceMs: number;
}

export const describeKeepalive = (ka: KeepaliveSpec): string =>
  ka.kind === 'app' ? `app ping ${JSON.stringify(ka.match)}` : ka.kind === 'protocol' ? 'ping frame' : 'keepalive (ping frame or app ping)';

/** `missing`: the declared keepalives that did not arrive within interval + tolerance of open (with their names). */
export function judgeKeepalives(missing: ReadonlyArray<{ name: string; keepalive: KeepaliveSpec }>, declaredCount: number): Diagnosis | null {
  if (missing.length === 0) return null;
  const what = missing
    .map(
      ({ name, keepalive: ka }) =>
        `${declaredCount > 1 ? `"${name}": ` : ''}no ${describeKeepalive(ka)} within ${ka.intervalMs + ka.toleranceMs} ms of open (interval ${ka.intervalMs} ms + tolerance ${ka.toleranceMs} ms)`,
    )
    .join('; ');
  return diagnosis('KEEPALIVE_MISSING', what);
}

export interface DeadClientObservation {
  /** The largest declared bound and its parts. */
  bound: { intervalMs: number; timeoutMs: number; toleranceMs: number };
  /** Keepalive pings the server sent after the probe fell silent (and before any close). */
  unansweredPings: number;
  /** The server's close, or undefined when it had not closed within the bound. */
  close: { code: number; reason: string } | undefined;
  /** The connection's diagnosis (diagnoseConnection), for a close that came without any ping. */
  connection: Diagnosis | null;
}

/** The server must close a client that stopped answering within interval + timeout + tolerance, having pinged it. */
export function judgeDeadClient(o: DeadClientObservation & { close: undefined }): Diagnosis;
export function judgeDeadClient(o: DeadClientObservation): Diagnosis | null;
export function judgeDeadClient(o: DeadClientObservation): Diagnosis | null {
  const { intervalMs, timeoutMs, toleranceMs } = o.bound;
  const boundMs = intervalMs + timeoutMs + toleranceMs;
  if (!o.close) {
    return diagnosis(
      'DEAD_CLIENT_NOT_DETECTED',
      o.unansweredPings
        ? `server sent ${o.unansweredPings} unanswered ping(s) but had not closed after ${boundMs} ms (interval ${intervalMs} + timeout ${timeoutMs} + tolerance ${toleranceMs})`
        : `server sent no ping in ${boundMs} ms and never closed: a dead client cannot be noticed`,
    );
  }
  // Closed, but not because it noticed anything: the server never pinged the silent client.
  if (o.unansweredPings === 0) return o.connection ?? diagnosis('PREMATURE_CLOSE', `server closed ${describeClose(o.close.code, o.close.reason)} before any keepalive`);
  return null;
}
