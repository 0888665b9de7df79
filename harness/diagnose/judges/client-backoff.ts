/**
 * The backoff judge: do the client's retry delays follow the schedule its profile states
 * (BACKOFF_VIOLATION), and is that schedule sound — does it grow, does it spread clients with
 * jitter (BACKOFF_UNSOUND, with the herd it implies)? Scheduled delays (what the client says it
 * chose) are judged to 1 %; delays measured on the wire get a tolerance that scales with the
 * delay (ratio × delay + a small floor). Pure: delays and the scaled policy in.
 */
import { expectedDelayMs, uncappedDelayMs, type ClientPolicy, type ScaledBackoff } from '../../client/policy.js';
import { RECOMMENDED_POLICY } from '../../client/recommended.js';
import { diagnosis, type Diagnosis } from '../codes.js';
import { formatMs, POLICY_MS } from '../format.js';

export interface RetryDelay {
  retry: number;
  delayMs: number;
}

export type DelaySource = 'scheduled' | 'wire';

/** Fewer delays than this cannot tell growth from noise. */
export const MIN_DELAYS_FOR_GROWTH = 3;
/** Fewer non-zero delays than this cannot tell a missing jitter from chance. */
export const MIN_DELAYS_FOR_JITTER = 4;

const fmt = (ms: number): string => formatMs(ms, POLICY_MS);
const list = (xs: readonly number[]): string => xs.map(fmt).join(', ');

/** The slack on one delay: scheduled delays are exact (1 %, at least 2 ms), wire delays ratio × delay + floor. */
export function delayToleranceMs(expectedMs: number, policy: ClientPolicy, source: DelaySource): number {
  if (source === 'scheduled') return Math.max(2, expectedMs * 0.01);
  return expectedMs * policy.delayTolerance.ratio + policy.delayTolerance.floorMs;
}

/** Candidate bases tried across a drawn range: fine enough that a jittered delay finds its base. */
const BASE_STEPS = 400;

/**
 * For a base drawn once from a range: the base in the range the delays fit best (fewest delays
 * outside the schedule, then the smallest largest deviation), so one draw explains every delay.
 */
export function drawnBaseMs(delays: readonly RetryDelay[], policy: ClientPolicy, source: DelaySource): number {
  const b = policy.backoff;
  if (!b.baseRangeMs) return b.baseMs;
  const [lo, hi] = b.baseRangeMs;
  let best = { baseMs: (lo + hi) / 2, bad: Infinity, worst: Infinity };
  for (let i = 0; i <= BASE_STEPS; i++) {
    const baseMs = lo + ((hi - lo) * i) / BASE_STEPS;
    const bad = outOfSchedule(delays, policy, source, baseMs).length;
    const worst = Math.max(0, ...delays.map((d) => {
      const e = expectedDelayMs(d.retry, b, baseMs);
      return e > 0 ? Math.abs(d.delayMs / e - 1) : 0;
    }));
    if (bad < best.bad || (bad === best.bad && worst < best.worst)) best = { baseMs, bad, worst };
  }
  return best.baseMs;
}

/** The delays outside the stated schedule, as "retry n waited X ms, policy Y ms" lines. */
function outOfSchedule(delays: readonly RetryDelay[], policy: ClientPolicy, source: DelaySource, baseMs: number): string[] {
  const b = policy.backoff;
  const bad: string[] = [];
  for (const d of delays) {
    const expected = expectedDelayMs(d.retry, b, baseMs);
    const tol = delayToleranceMs(expected, policy, source);
    const lo = expected * (1 - b.jitterRatio) - tol;
    const hi = expected * (1 + b.jitterRatio) + tol;
    if (d.delayMs >= lo && d.delayMs <= hi) continue;
    const raw = uncappedDelayMs(d.retry, b, baseMs);
    const why = raw > b.capMs ? ` (${fmt(raw)} capped at ${fmt(b.capMs)})` : '';
    bad.push(`retry ${d.retry} waited ${fmt(d.delayMs)} ms, policy ${fmt(expected)} ms${why}`);
  }
  return bad;
}

/** How the schedule reads in a summary. */
export function describeSchedule(b: ScaledBackoff, baseMs = b.baseMs): string {
  const jitter = b.jitterRatio ? ` ±${Math.round(b.jitterRatio * 100)} %` : ', no jitter';
  if (b.delaysMs) return `delays ${list(b.delaysMs)} ms (the last repeats)${jitter}`;
  const parts = [
    b.baseRangeMs ? `base drawn from ${fmt(b.baseRangeMs[0])}–${fmt(b.baseRangeMs[1])} ms (${fmt(baseMs)} this load)` : `base ${fmt(baseMs)} ms`,
    `× ${b.factor}`,
    `cap ${fmt(b.capMs)} ms`,
    ...(b.immediateFirst ? ['first retry immediate'] : []),
    ...(b.growFromStep && b.growFromStep > 1 ? [`growing from step ${b.growFromStep}`] : []),
    ...(b.attemptsFrom === 1 ? ['exponent counted from 1'] : []),
  ];
  return `${parts.join(', ')}${jitter}`;
}

/** Why the stated schedule is unsound, or undefined: it does not at least double over the judged retries, or it has too little jitter. */
function unsoundClaim(policy: ClientPolicy, retries: number): { grows: boolean; jitter: boolean } {
  const b = policy.backoff;
  const expected: number[] = [];
  for (let r = 1; r <= Math.max(2, retries); r++) expected.push(expectedDelayMs(r, b));
  const nonzero = expected.filter((e) => e > 0);
  const grows = nonzero.length > 0 && Math.max(...nonzero) >= 2 * Math.min(...nonzero);
  return { grows, jitter: b.jitterRatio >= RECOMMENDED_POLICY.minJitterRatio };
}

/**
 * Whether the measured delays show no jitter at all: every one sits on the schedule to within
 * max(1 ms, 0.5 %) (a jittered client does that for four delays in a row about once in 10 000 runs;
 * with a base drawn from a range, six delays are needed: see below).
 */
function measuredNoJitter(delays: readonly RetryDelay[], policy: ClientPolicy, source: DelaySource, baseMs: number): boolean {
  const b = policy.backoff;
  if (source !== 'scheduled' || b.jitterRatio === 0) return false;
  const judged = delays.flatMap((d) => {
    const e = expectedDelayMs(d.retry, b, baseMs);
    return e > 0 ? [{ d: d.delayMs, e }] : [];
  });
  // A base drawn from a range is fitted to these same delays (one degree of freedom spent), and
  // at compressed times 1 ms is 2 % of a 50 ms delay: four jittered delays then fit a clean
  // schedule about once in a few hundred runs. Two more delays bring it back to rare.
  const needed = b.baseRangeMs ? MIN_DELAYS_FOR_JITTER + 2 : MIN_DELAYS_FOR_JITTER;
  if (judged.length < needed) return false;
  return judged.every(({ d, e }) => Math.abs(d - e) <= Math.max(1, 0.005 * e));
}

/** "1000 clients dropped together would reconnect within X ms of each other ...", from the measured delays. */
function herd(delays: readonly RetryDelay[], policy: ClientPolicy, baseMs: number, jitterSeen: boolean, grows: boolean): string {
  const b = policy.backoff;
  const dev = delays.map((d) => d.delayMs - expectedDelayMs(d.retry, b, baseMs));
  const noiseMs = dev.length > 0 ? Math.max(...dev) - Math.min(...dev) : 0;
  const positive = delays.map((d) => d.delayMs).filter((x) => x > 0).sort((x, y) => x - y);
  const typical = positive[Math.floor(positive.length / 2)] ?? 0;
  const windowMs = Math.max(1, Math.round(jitterSeen ? 2 * b.jitterRatio * typical : noiseMs));
  const every = grows ? ' at each retry' : `, every ${fmt(typical)} ms for as long as the outage lasts`;
  return `${RECOMMENDED_POLICY.herdClients} clients dropped together would reconnect within ${fmt(windowMs)} ms of each other${every}`;
}

/**
 * The delays against the stated schedule (BACKOFF_VIOLATION), then the schedule's soundness
 * (BACKOFF_UNSOUND). The summary shows the whole delay list and what it was judged against.
 */
export function judgeBackoff(delays: readonly RetryDelay[], policy: ClientPolicy, source: DelaySource): Diagnosis | null {
  const b = policy.backoff;
  const baseMs = drawnBaseMs(delays, policy, source);
  const seen = `${source} delays ${delays.length > 0 ? list(delays.map((d) => d.delayMs)) : 'none'} ms`;
  const against = `policy ${list(delays.map((d) => expectedDelayMs(d.retry, b, baseMs)))} ms: ${describeSchedule(b, baseMs)}`;
  const needed = Math.min(policy.maxRetries, MIN_DELAYS_FOR_GROWTH);
  if (delays.length < needed) {
    return diagnosis(
      'BACKOFF_VIOLATION',
      `only ${delays.length} retry delay(s) to judge (${seen}); the policy has ${policy.maxRetries} retries, and growth cannot be told from noise on fewer than ${needed}: the client stopped retrying early (${against})`,
    );
  }
  const bad = outOfSchedule(delays, policy, source, baseMs);
  if (bad.length > 0) {
    return diagnosis('BACKOFF_VIOLATION', `${bad.slice(0, 3).join('; ')}${bad.length > 3 ? `; ${bad.length - 3} more` : ''} (${seen}; ${against})`);
  }
  const claim = unsoundClaim(policy, delays.length);
  const noJitter = measuredNoJitter(delays, policy, source, baseMs);
  if (claim.grows && claim.jitter && !noJitter) return null;
  const why = [
    ...(claim.grows ? [] : ['the stated schedule does not grow (it never doubles)']),
    ...(!claim.jitter ? [`the stated schedule has ${b.jitterRatio === 0 ? 'no' : `only ±${Math.round(b.jitterRatio * 100)} %`} jitter`] : []),
    ...(noJitter ? [`the profile claims ±${Math.round(b.jitterRatio * 100)} % jitter, but ${delays.length} delays all sit on the schedule: the client has none`] : []),
  ];
  return diagnosis('BACKOFF_UNSOUND', `${why.join('; ')}: ${herd(delays, policy, baseMs, claim.jitter && !noJitter, claim.grows)} (${seen}; ${against})`);
}
