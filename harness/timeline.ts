/**
 * A connection's life as the probe saw it. Every event carries `t`: milliseconds since the
 * probe started dialling, from the monotonic clock. An event the network delivered may also
 * carry `lateMs`: how late the stamp can be because the harness's own event loop was busy
 * (`lateness()` in clock.ts); the event happened somewhere in [t − lateMs, t]. These are the
 * observations diagnoses and reports are made of, and part of the `results.json` contract.
 *
 * A server's close shows up to three times: `close-frame` when its close frame is read,
 * `tcp-end` when its FIN is read, `close` when the socket is torn down (which can be much
 * later, e.g. behind the unsent rest of a big outgoing message).
 */
export type Direction = 'in' | 'out';
export type Closer = 'server' | 'client' | 'transport';

/** Set on events the network delivered when the loop may have stamped them late (ms). */
type Late = { lateMs?: number };

export type TimelineEvent =
  | { t: number; kind: 'dial'; url: string }
  | ({ t: number; kind: 'tcp-connect' } & Late)
  | ({ t: number; kind: 'upgrade'; status: number; headers: Record<string, string> } & Late)
  | ({ t: number; kind: 'rejected'; status: number; headers: Record<string, string>; body: string } & Late)
  | ({ t: number; kind: 'open'; protocol: string } & Late)
  /** `offContract`: sent off the contract on purpose (a provocation, generated bad input): not validated against --asyncapi. */
  | ({ t: number; kind: 'message'; dir: Direction; text: string; bytes: number; binary: boolean; offContract?: true } & Late)
  | ({ t: number; kind: 'ping'; dir: Direction; payload: string; bytes: number } & Late)
  | ({ t: number; kind: 'pong'; dir: Direction; payload: string; bytes: number } & Late)
  | { t: number; kind: 'close-sent'; code: number; reason: string }
  /** The peer's close frame was read (code 1005: a frame without a status). */
  | ({ t: number; kind: 'close-frame'; code: number; reason: string } & Late)
  /** The peer's FIN was read (the socket's `end`). */
  | ({ t: number; kind: 'tcp-end' } & Late)
  | ({ t: number; kind: 'close'; code: number; reason: string; wasClean: boolean; by: Closer } & Late)
  | ({ t: number; kind: 'error'; message: string; code?: string } & Late)
  | { t: number; kind: 'note'; text: string };

export type EventKind = TimelineEvent['kind'];
export type EventOf<K extends EventKind> = Extract<TimelineEvent, { kind: K }>;

export interface ConnectionTimeline {
  /** Which connection of the scenario this is: `main`, `invalid-auth`, `cycle-7`... */
  label: string;
  url: string;
  /** Wall-clock start, for people. */
  startedAt: string;
  /** `performance.now()` when the probe started, to line up several timelines. */
  origin: number;
  events: TimelineEvent[];
}

export function first<K extends EventKind>(events: readonly TimelineEvent[], kind: K): EventOf<K> | undefined {
  return events.find((e): e is EventOf<K> => e.kind === kind);
}

export function all<K extends EventKind>(events: readonly TimelineEvent[], kind: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.kind === kind);
}

/** Milliseconds from `open` to `t`, or undefined when the connection never opened. */
export function sinceOpen(events: readonly TimelineEvent[], t: number): number | undefined {
  const open = first(events, 'open');
  return open ? t - open.t : undefined;
}

/**
 * When the server ended the connection as it arrived: its close frame or FIN, whichever was
 * read first, else the teardown (`close`). Undefined while the connection is up.
 */
export function endedAt(events: readonly TimelineEvent[]): EventOf<'close-frame' | 'tcp-end' | 'close'> | undefined {
  return events.find((e): e is EventOf<'close-frame' | 'tcp-end' | 'close'> => e.kind === 'close-frame' || e.kind === 'tcp-end' || e.kind === 'close');
}
