/**
 * Waits the client scenarios share, all bounded and all scaled from the policy: watch the
 * attempts until the client exceeds a count or falls quiet, and wait for the first open.
 */
import { type AttemptSummary, type ClientPolicy, type ClientScenarioContext, maxDelayMs, retryWindowMs } from '../../harness/index.js';

/**
 * How many capped delays of silence it takes to decide that a client stopped. One capped delay
 * plus a fixed slack was too short under load: the next attempt of a client retrying past its
 * maximum came 56 ms after such a window (issue 10 item 8), so the window scales with the cap.
 */
export const QUIET_CAPPED_DELAYS = 2;

/** Silence after the last attempt ended that means the client stopped: QUIET_CAPPED_DELAYS × the longest capped delay, + tolerance. */
export function quietMs(policy: ClientPolicy): number {
  return Math.round(QUIET_CAPPED_DELAYS * maxDelayMs(policy.maxRetries + 1, policy.backoff) + policy.toleranceMs);
}

/** Time for `attempts` attempts that each fail quickly, at the policy's longest delays, plus the quiet window. */
export function attemptsBoundMs(policy: ClientPolicy, attempts: number): number {
  return Math.round(retryWindowMs(attempts, policy.backoff) + attempts * policy.toleranceMs + quietMs(policy) + 1000);
}

export interface WatchOutcome {
  attempts: AttemptSummary[];
  /** More than `limit` attempts were seen. */
  exceeded: boolean;
  /** The last attempt ended and nothing followed for the quiet window. */
  settled: boolean;
}

/** Watch until the client makes more than `limit` attempts, or stays quiet for quietMs after its last attempt ended, or boundMs passes. */
export async function watchAttempts(ctx: ClientScenarioContext, limit: number, quiet: number, boundMs: number): Promise<WatchOutcome> {
  const settledNow = (a: AttemptSummary[]): boolean => {
    const last = a.at(-1);
    return last?.endMs !== undefined && ctx.elapsed() - last.endMs >= quiet;
  };
  await ctx.until(() => {
    const a = ctx.attempts();
    return a.length > limit || settledNow(a);
  }, boundMs);
  const attempts = ctx.attempts();
  return { attempts, exceeded: attempts.length > limit, settled: settledNow(attempts) };
}

/**
 * Watch only the attempts from index `from` on (one phase of a scenario that restarts the
 * client): until more than `limit` of them, or quiet after the last ended, or boundMs.
 */
export async function watchPhase(ctx: ClientScenarioContext, from: number, limit: number, quiet: number, boundMs: number): Promise<WatchOutcome> {
  const phase = (): AttemptSummary[] => ctx.attempts().slice(from);
  const settledNow = (a: AttemptSummary[]): boolean => {
    const last = a.at(-1);
    return last?.endMs !== undefined && ctx.elapsed() - last.endMs >= quiet;
  };
  await ctx.until(() => {
    const a = phase();
    return a.length > limit || settledNow(a);
  }, boundMs);
  const attempts = phase();
  return { attempts, exceeded: attempts.length > limit, settled: settledNow(attempts) };
}

/** An attempt that opened: its openMs is known. */
export type OpenedAttempt = AttemptSummary & { openMs: number };
export const wasOpened = (a: AttemptSummary): a is OpenedAttempt => a.openMs !== undefined;

/** Wait for the first attempt to open; an Error (the scenario errors) when the client never connects to the healthy server. */
export async function awaitFirstOpen(ctx: ClientScenarioContext, boundMs: number): Promise<OpenedAttempt> {
  await ctx.until(() => ctx.attempts().some((a) => a.openMs !== undefined), boundMs);
  const opened = ctx.attempts().find(wasOpened);
  if (opened) return opened;
  const n = ctx.attempts().length;
  throw new Error(
    n === 0
      ? `the client made no connection attempt within ${boundMs} ms: check the URL it dials (or client.page.wsPattern for a page)`
      : `the client's ${n} attempt(s) never opened within ${boundMs} ms against a healthy server`,
  );
}

export const ms = (x: number): number => Math.round(x * 10) / 10;
