/**
 * The one clock of ws-chaos. Every timeline stamp and every measured duration comes from
 * `performance.now()` (monotonic, sub-millisecond). `Date.now()` is only for the wall-clock
 * `startedAt` shown to people.
 *
 * It also measures the harness's own lateness: a stamp is taken when the event loop gets to an
 * event, which can be long after the bytes arrived when the loop was busy. A shared, unref'd
 * heartbeat timer (every `HEARTBEAT_MS`) tells how busy: `lateness()` is how long the loop has
 * not been free to run that timer around this moment, an upper bound on how late a stamp taken
 * now can be.
 */
import { clearInterval, setInterval } from 'node:timers';

export const now = (): number => performance.now();

/** Milliseconds rounded to 0.01 ms, for reports. */
export const roundMs = (ms: number): number => Math.round(ms * 100) / 100;

/** How often the heartbeat runs. */
export const HEARTBEAT_MS = 5;
/** Heartbeat lateness below this is timer jitter, not a busy loop. */
const JITTER_MS = 1;
/**
 * Busy stretches shorter than this can pass unseen (the heartbeat was not due yet), so no
 * stamp is trusted closer than this, whatever `lateness()` says.
 */
export const LATENESS_BLIND_MS = HEARTBEAT_MS + JITTER_MS;

let heartbeat: NodeJS.Timeout | undefined;
let lastBeat = 0;
/** Whether the last beat ran late, and the beat before it (the start of that stall). */
let lastBeatLate = false;
let busyFrom = 0;

function beat(): void {
  const t = now();
  if (t - (lastBeat + HEARTBEAT_MS) > JITTER_MS) {
    busyFrom = lastBeat;
    lastBeatLate = true;
  } else {
    lastBeatLate = false;
  }
  lastBeat = t;
}

/** Start the heartbeat (idempotent). It never keeps the process alive. */
export function watchLateness(): void {
  if (heartbeat) return;
  lastBeat = now();
  lastBeatLate = false;
  heartbeat = setInterval(beat, HEARTBEAT_MS);
  heartbeat.unref();
}

/** Stop the heartbeat (tests, benches). */
export function unwatchLateness(): void {
  if (heartbeat) clearInterval(heartbeat);
  heartbeat = undefined;
}

/**
 * How late a stamp taken at `t` (now) may be, in ms: the length of the busy stretch of the loop
 * that ends at `t`. The heartbeat is overdue right now (busy since it last ran, and since the
 * start of the stall before that if that run was itself late), or it ran late a moment ago (the
 * stall just ended, and events that arrived during it are being handled now). A stall that
 * ended with a late beat and the overdue stretch right after it (the process descheduled again
 * before it read its sockets) count as one. 0 when the loop was free, or when the heartbeat is
 * not running.
 */
export function lateness(t: number = now()): number {
  if (!heartbeat) return 0;
  const overdue = t - (lastBeat + HEARTBEAT_MS) > JITTER_MS;
  if (overdue) return t - (lastBeatLate ? busyFrom : lastBeat);
  return lastBeatLate ? t - busyFrom : 0;
}

/** An abortable sleep. Resolves `false` when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
