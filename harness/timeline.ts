/**
 * A connection's life as the probe saw it. Every event carries `t`: milliseconds since the
 * probe started dialling, from the monotonic clock. These are the observations diagnoses and
 * reports are made of, and part of the `results.json` contract.
 */
export type Direction = 'in' | 'out';
export type Closer = 'server' | 'client' | 'transport';

export type TimelineEvent =
  | { t: number; kind: 'dial'; url: string }
  | { t: number; kind: 'tcp-connect' }
  | { t: number; kind: 'upgrade'; status: number; headers: Record<string, string> }
  | { t: number; kind: 'rejected'; status: number; headers: Record<string, string>; body: string }
  | { t: number; kind: 'open'; protocol: string }
  | { t: number; kind: 'message'; dir: Direction; text: string; bytes: number; binary: boolean }
  | { t: number; kind: 'ping'; dir: Direction; payload: string; bytes: number }
  | { t: number; kind: 'pong'; dir: Direction; payload: string; bytes: number }
  | { t: number; kind: 'close-sent'; code: number; reason: string }
  | { t: number; kind: 'close'; code: number; reason: string; wasClean: boolean; by: Closer }
  | { t: number; kind: 'error'; message: string; code?: string }
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
