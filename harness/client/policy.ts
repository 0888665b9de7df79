/**
 * The policy a client profile claims, with every duration already multiplied by the
 * profile's timeScale: what the client under test runs with and what the judges expect.
 * Pure: no I/O, no clock.
 */
import type { ClientProfile } from './profile.js';

export interface ScaledBackoff {
  baseMs: number;
  factor: number;
  capMs: number;
  jitterRatio: number;
}

export interface ClientPolicy {
  maxRetries: number;
  /** maxRetries + 1. */
  maxAttempts: number;
  backoff: ScaledBackoff;
  resetAfterStableMs: number | null;
  fatalCloseCodes: readonly number[];
  ping: { intervalMs: number; timeoutMs: number } | null;
  serverPing: { intervalMs: number; timeoutMs: number } | null;
  /** Absolute, never scaled. */
  toleranceMs: number;
  timeScale: number;
}

const scale = (ms: number, s: number): number => Math.max(1, Math.round(ms * s));

export function scaledPolicy(profile: ClientProfile): ClientPolicy {
  const s = profile.timeScale;
  const r = profile.reconnect;
  return {
    maxRetries: r.maxRetries,
    maxAttempts: r.maxRetries + 1,
    backoff: { baseMs: scale(r.backoff.baseMs, s), factor: r.backoff.factor, capMs: scale(r.backoff.capMs, s), jitterRatio: r.backoff.jitterRatio },
    resetAfterStableMs: r.resetAfterStableMs === null ? null : scale(r.resetAfterStableMs, s),
    fatalCloseCodes: r.fatalCloseCodes,
    ping: profile.ping ? { intervalMs: scale(profile.ping.intervalMs, s), timeoutMs: scale(profile.ping.timeoutMs, s) } : null,
    serverPing: profile.serverPing ? { intervalMs: scale(profile.serverPing.intervalMs, s), timeoutMs: scale(profile.serverPing.timeoutMs, s) } : null,
    toleranceMs: profile.toleranceMs,
    timeScale: s,
  };
}

/** The policy's delay before retry `retry` (1-based), without jitter. */
export function expectedDelayMs(retry: number, b: ScaledBackoff): number {
  return Math.min(b.capMs, b.baseMs * b.factor ** Math.max(0, retry - 1));
}

/** The longest delay the policy allows before retry `retry`, jitter included. */
export function maxDelayMs(retry: number, b: ScaledBackoff): number {
  return expectedDelayMs(retry, b) * (1 + b.jitterRatio);
}

/** Sum of the longest delays of retries 1..n: when the n-th retry must have been dialled, at the latest. */
export function retryWindowMs(n: number, b: ScaledBackoff): number {
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += maxDelayMs(i, b);
  return sum;
}

/** The first retry whose policy delay is capped, or undefined when maxRetries never reaches the cap. */
export function firstCappedRetry(p: ClientPolicy): number | undefined {
  for (let i = 1; i <= p.maxRetries; i++) if (p.backoff.baseMs * p.backoff.factor ** (i - 1) > p.backoff.capMs) return i;
  return undefined;
}
