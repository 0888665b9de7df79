/**
 * The policy a client profile claims, with every duration already multiplied by the
 * profile's timeScale: what the client under test runs with and what the judges expect.
 * A part the profile leaves out is the recommended policy's (recommended.ts), and `recommended`
 * lists it, so a verdict can say what it was judged against. Pure: no I/O, no clock.
 */
import type { ClientProfile } from './profile.js';
import { RECOMMENDED_POLICY, type RecommendedPart } from './recommended.js';

/** The retry schedule (see backoffSchema in profile.ts), scaled. */
export interface ScaledBackoff {
  baseMs: number;
  factor: number;
  /** The longest delay of the schedule (for an explicit list: its longest entry). */
  capMs: number;
  jitterRatio: number;
  /** An explicit schedule: retry n waits delaysMs[n-1], the last one repeats. */
  delaysMs?: readonly number[];
  immediateFirst?: boolean;
  /** The schedule step from which the delay grows (1: from the first). */
  growFromStep?: number;
  /** The exponent of the first step: 0 (base) or 1 (base × factor). */
  attemptsFrom?: 0 | 1;
  /** The base is drawn once per page load from [low, high]. */
  baseRangeMs?: readonly [number, number];
}

export interface ClientPolicy {
  /** The bound the judges hold the client to: the claimed number, else (unset or 'unlimited') the recommended one. */
  maxRetries: number;
  /** maxRetries + 1. */
  maxAttempts: number;
  /** The profile says the client retries forever (maxRetries: 'unlimited'). */
  unlimitedRetries: boolean;
  backoff: ScaledBackoff;
  resetAfterStableMs: number | null;
  fatalCloseCodes: readonly number[];
  ping: { intervalMs: number; timeoutMs: number } | null;
  /** After the retries run out, the client tries again this often (scaled); null: it stops for good on purpose. */
  resumeEveryMs: number | null;
  serverPing: { intervalMs: number; timeoutMs: number } | null;
  /** Absolute, never scaled. */
  toleranceMs: number;
  /** Slack on a measured retry delay: ratio × the delay + floorMs. */
  delayTolerance: { ratio: number; floorMs: number };
  /** The parts the profile left out, judged against the recommended policy. */
  recommended: readonly RecommendedPart[];
  timeScale: number;
}

const scale = (ms: number, s: number): number => Math.max(1, Math.round(ms * s));
/** Like scale, but 0 stays 0 (an immediate retry). */
const scaleDelay = (ms: number, s: number): number => (ms === 0 ? 0 : scale(ms, s));

export function scaledPolicy(profile: ClientProfile): ClientPolicy {
  const s = profile.timeScale;
  const r = profile.reconnect;
  const b = r.backoff;
  const recommended: RecommendedPart[] = [];
  if (r.maxRetries === undefined) recommended.push('maxRetries');
  if (r.fatalCloseCodes === undefined) recommended.push('fatalCloseCodes');
  if (profile.ping === undefined) recommended.push('ping');
  if (b.jitterRatio === undefined) recommended.push('jitterRatio');
  if (r.resumeEveryMs === undefined) recommended.push('resumeEveryMs');
  const maxRetries = typeof r.maxRetries === 'number' ? r.maxRetries : RECOMMENDED_POLICY.maxRetries;
  const ping = profile.ping === undefined ? RECOMMENDED_POLICY.ping : profile.ping;
  const delaysMs = b.delaysMs?.map((d) => scaleDelay(d, s));
  const baseRangeMs = b.baseRangeMs ? ([scale(b.baseRangeMs[0], s), scale(b.baseRangeMs[1], s)] as const) : undefined;
  const backoff: ScaledBackoff = {
    baseMs: baseRangeMs ? baseRangeMs[1] : scale(b.baseMs, s),
    factor: b.factor,
    capMs: delaysMs ? Math.max(...delaysMs) : scale(b.capMs, s),
    jitterRatio: b.jitterRatio ?? RECOMMENDED_POLICY.backoff.jitterRatio,
    ...(delaysMs ? { delaysMs } : {}),
    ...(b.immediateFirst ? { immediateFirst: true } : {}),
    ...(b.growFromStep > 1 ? { growFromStep: b.growFromStep } : {}),
    ...(b.attemptsFrom === 1 ? { attemptsFrom: 1 as const } : {}),
    ...(baseRangeMs ? { baseRangeMs } : {}),
  };
  return {
    maxRetries,
    maxAttempts: maxRetries + 1,
    unlimitedRetries: r.maxRetries === 'unlimited',
    backoff,
    resetAfterStableMs: r.resetAfterStableMs === null ? null : scale(r.resetAfterStableMs, s),
    fatalCloseCodes: r.fatalCloseCodes ?? RECOMMENDED_POLICY.fatalCloseCodes,
    ping: ping ? { intervalMs: scale(ping.intervalMs, s), timeoutMs: scale(ping.timeoutMs, s) } : null,
    resumeEveryMs: r.resumeEveryMs === null ? null : scale(r.resumeEveryMs ?? RECOMMENDED_POLICY.resumeEveryMs, s),
    serverPing: profile.serverPing ? { intervalMs: scale(profile.serverPing.intervalMs, s), timeoutMs: scale(profile.serverPing.timeoutMs, s) } : null,
    toleranceMs: profile.toleranceMs,
    delayTolerance: { ...profile.delayTolerance },
    recommended,
    timeScale: s,
  };
}

/** The exponent of retry `retry` (1-based) in base × factor^exponent, or undefined for an immediate first retry. */
function exponentOf(retry: number, b: ScaledBackoff): number | undefined {
  const step = b.immediateFirst ? retry - 1 : retry;
  if (step < 1) return undefined;
  return Math.max(0, step - (b.growFromStep ?? 1)) + (b.attemptsFrom ?? 0);
}

/** The policy's delay before retry `retry` (1-based), without jitter; `baseMs` overrides the base (a drawn one). */
export function expectedDelayMs(retry: number, b: ScaledBackoff, baseMs = b.baseMs): number {
  if (b.delaysMs) return b.delaysMs[Math.min(retry, b.delaysMs.length) - 1] ?? 0;
  const e = exponentOf(retry, b);
  if (e === undefined) return 0;
  return Math.min(b.capMs, baseMs * b.factor ** e);
}

/** The delay retry `retry` would have without the cap (for "capped at" explanations). */
export function uncappedDelayMs(retry: number, b: ScaledBackoff, baseMs = b.baseMs): number {
  if (b.delaysMs) return expectedDelayMs(retry, b);
  const e = exponentOf(retry, b);
  return e === undefined ? 0 : baseMs * b.factor ** e;
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
  if (p.backoff.delaysMs) return undefined;
  for (let i = 1; i <= p.maxRetries; i++) if (uncappedDelayMs(i, p.backoff) > p.backoff.capMs) return i;
  return undefined;
}
