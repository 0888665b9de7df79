/**
 * The one clock of ws-chaos. Every timeline stamp and every measured duration comes from
 * `performance.now()` (monotonic, sub-millisecond). `Date.now()` is only for the wall-clock
 * `startedAt` shown to people.
 */
export const now = (): number => performance.now();

/** Milliseconds rounded to 0.01 ms, for reports. */
export const roundMs = (ms: number): number => Math.round(ms * 100) / 100;

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
