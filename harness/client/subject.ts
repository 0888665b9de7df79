/**
 * The client under test, whatever it is: the reference client in Node, a page in Chromium,
 * or your own client module. A scenario starts it after the enactor is set, reads what it
 * scheduled when it tells (for exact backoff judging), and stops it at the end.
 */
export interface ScheduledRetry {
  /** 1-based retry number (the first retry after the first attempt is 1). */
  retry: number;
  delayMs: number;
}

export interface ClientUnderTest {
  /** For reports: "reference client (node, correct)", "my-app page"... */
  readonly label: string;
  readonly runtime: 'node' | 'browser';
  /** Begin connecting (and retrying). Resolves once the client is started, not connected. */
  start(): Promise<void>;
  /** Stop for good: close the socket, cancel every timer. Must be idempotent. */
  stop(): Promise<void>;
  /** The delays the client chose, when it exposes them; otherwise backoff is judged on the wire. */
  scheduled?(): Promise<ScheduledRetry[] | undefined> | ScheduledRetry[] | undefined;
  /** What the client shows its user (a page's status text), when known. */
  shown?(): Promise<string | undefined> | string | undefined;
}

export function defineClientUnderTest(c: ClientUnderTest): ClientUnderTest {
  if (typeof c.start !== 'function' || typeof c.stop !== 'function') {
    throw new TypeError('a client under test needs start() and stop()');
  }
  return c;
}
