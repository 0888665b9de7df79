/**
 * The flap judge for client scenarios: the client was restarted once per way of failing
 * (a close without status, a dropped connection, close 1011, close 1000, a refused handshake),
 * and each phase's attempts are judged on their own, so the verdict says WHICH ones the client
 * is unbounded on. The cause follows the delays (issue 10 item 10): delays that fall back to the
 * first one mean the counter resets on every open; delays that grow but never stop mean the
 * client ignores its maximum. Pure: attempts and the scaled policy in, a diagnosis out.
 */
import { expectedDelayMs, type ClientPolicy } from '../../client/policy.js';
import { wireDelays, type AttemptSummary } from '../client.js';
import { diagnosis, type Diagnosis } from '../codes.js';
import { formatMs, POLICY_MS } from '../format.js';

const fmt = (ms: number): string => formatMs(ms, POLICY_MS);

export interface FlapPhase {
  /** What the server did in this phase: "close 1011 after the welcome", "refused handshake"... */
  label: string;
  /** The attempts the client made in this phase, in dial order. */
  attempts: readonly AttemptSummary[];
}

export type FlapCause = 'resets-on-open' | 'ignores-maximum' | 'keeps-retrying';

export interface FlapPhaseVerdict {
  label: string;
  attempts: number;
  bounded: boolean;
  delaysMs: number[];
  cause?: FlapCause;
}

export interface FlapJudgement {
  diagnosis: Diagnosis | null;
  phases: FlapPhaseVerdict[];
}

/**
 * Why a client kept retrying, from its delays. The policy's delay from retry 3 on is at least
 * 4 × the first one (when it grows at all); most of those delays still below 2 × the first is a
 * counter that went back to zero. Delays that reached 2 × the first and more did not reset.
 */
export function flapCause(delaysMs: readonly number[], policy: ClientPolicy): FlapCause {
  const first = expectedDelayMs(1, policy.backoff);
  const grows = expectedDelayMs(3, policy.backoff) >= 2 * first;
  const late = delaysMs.slice(2);
  if (!grows || late.length === 0) return 'keeps-retrying';
  const low = late.filter((d) => d < 2 * first).length;
  if (low * 2 > late.length) return 'resets-on-open';
  return Math.max(...late) >= 2 * first ? 'ignores-maximum' : 'keeps-retrying';
}

const HINTS: Record<FlapCause, string> = {
  'resets-on-open':
    'The attempt counter (and the backoff) resets on every successful open, so a server that accepts and closes at once keeps the client at "attempt 1" forever; reset it only after the connection has been stable for a while (reconnect.resetAfterStableMs).',
  'ignores-maximum':
    'The delays grow, so the counter does not reset: the maximum is never checked for this way of closing (a close-code branch that retries without counting, or no maximum at all). Count every failed attempt against maxRetries, whatever the close code.',
  'keeps-retrying': 'The client retries past its maximum; check that every failed attempt is counted against maxRetries, whatever the close code.',
};

function describeCause(cause: FlapCause, delaysMs: readonly number[], policy: ClientPolicy): string {
  const list = delaysMs.map((d) => fmt(d)).join(', ');
  if (cause === 'resets-on-open') {
    return `the delays stayed near the first one (${list} ms; policy ${fmt(expectedDelayMs(1, policy.backoff))} ms growing ×${policy.backoff.factor}): the counter resets on every open`;
  }
  if (cause === 'ignores-maximum') return `the delays grew (${list} ms), so the counter did not reset: the client never stops (it ignores its maximum)`;
  return `the client kept retrying (delays ${list} ms)`;
}

/**
 * Judge every phase; `recorded` is how many attempts the record holds now (after the client was
 * stopped). An attempt in the record that no phase counted is a harness error, never a pass.
 */
export function judgeFlapPhases(phases: readonly FlapPhase[], policy: ClientPolicy, recorded: number): FlapJudgement {
  const counted = phases.reduce((n, p) => n + p.attempts.length, 0);
  if (recorded > counted) {
    throw new Error(`the record holds ${recorded} attempts but the phases counted ${counted}: an attempt came after its phase was judged`);
  }
  const verdicts = phases.map((p): FlapPhaseVerdict => {
    const delaysMs = wireDelays(p.attempts).map((d) => Math.round(d.delayMs));
    const bounded = p.attempts.length <= policy.maxAttempts;
    return bounded ? { label: p.label, attempts: p.attempts.length, bounded, delaysMs } : { label: p.label, attempts: p.attempts.length, bounded, delaysMs, cause: flapCause(delaysMs, policy) };
  });
  const unbounded = verdicts.filter((v) => !v.bounded);
  if (unbounded.length === 0) return { diagnosis: null, phases: verdicts };
  const bounded = verdicts.filter((v) => v.bounded).map((v) => v.label);
  const parts = unbounded.map((v) => {
    const attempts = phases[verdicts.indexOf(v)]?.attempts ?? [];
    const spanMs = (attempts.at(-1)?.dialMs ?? 0) - (attempts[0]?.dialMs ?? 0);
    return `${v.label}: ${v.attempts} attempts in ${fmt(spanMs)} ms, ${describeCause(v.cause ?? 'keeps-retrying', v.delaysMs, policy)}`;
  });
  const causes = [...new Set(unbounded.map((v) => v.cause ?? 'keeps-retrying'))];
  const summary = `unbounded on ${unbounded.map((v) => v.label).join(', ')} (the policy allows ${policy.maxAttempts} attempts: maxRetries ${policy.maxRetries} after the first)${bounded.length ? `; bounded on ${bounded.join(', ')}` : ''}. ${parts.join('; ')}`;
  return { diagnosis: diagnosis('RECONNECT_UNBOUNDED', summary, causes.map((c) => HINTS[c]).join(' ')), phases: verdicts };
}
