/**
 * The long-outage judge for client scenarios: the server stayed down past the client's whole
 * retry window (every allowed attempt refused, then the stop window of silence), then came
 * back. A client must not have given up for good: it dials again within its resume interval
 * (reconnect.resumeEveryMs, ± jitter, + tolerance) of its last attempt, or at its next capped
 * delay when it was still retrying. A client that never does is NO_RECOVERY, with how long it
 * tried and that its user would need to reload the page. Pure: attempts and bounds in.
 */
import type { AttemptSummary } from '../client.js';
import { diagnosis, type Diagnosis } from '../codes.js';
import { formatMs, POLICY_MS } from '../format.js';

const fmt = (ms: number): string => formatMs(ms, POLICY_MS);

export interface LongOutage {
  /** When the server was healthy again (scenario ms). */
  healthyAtMs: number;
  /** The latest a correct client opens a connection after that (scenario ms). */
  deadlineMs: number;
  /** The resume interval judged (scaled ms). */
  resumeEveryMs: number;
}

const HINT =
  'A bounded burst of retries is right (client/reconnect-limit), but giving up for good is not: outages outlast it (a deploy, a failover). Once the retries run out, keep trying at a slow, jittered interval (reconnect.resumeEveryMs, e.g. every 60 s), or state resumeEveryMs: null if the app offers its own way back.';

/** NO_RECOVERY unless an attempt opened at or after healthyAtMs and by deadlineMs. */
export function judgeLongOutage(attempts: readonly AttemptSummary[], o: LongOutage): Diagnosis | null {
  const recovered = attempts.find((a) => a.openMs !== undefined && a.openMs >= o.healthyAtMs);
  if (recovered?.openMs !== undefined && recovered.openMs <= o.deadlineMs) return null;
  if (recovered?.openMs !== undefined) {
    return diagnosis(
      'NO_RECOVERY',
      `after the long outage the server was back at ${fmt(o.healthyAtMs)} ms, but the client reconnected only at ${fmt(recovered.openMs)} ms (bound ${fmt(o.deadlineMs)} ms: its resume interval ${fmt(o.resumeEveryMs)} ms + jitter + tolerance after its last attempt)`,
      HINT,
    );
  }
  const first = attempts[0];
  const last = attempts.at(-1);
  const tried = first && last ? `${attempts.length} attempt(s) over ${fmt(last.dialMs - first.dialMs)} ms (the last dialled at ${fmt(last.dialMs)} ms)` : 'no attempt';
  return diagnosis(
    'NO_RECOVERY',
    `the client gave up for good during the long outage: it made ${tried}, then nothing; the server was back at ${fmt(o.healthyAtMs)} ms and no attempt opened by ${fmt(o.deadlineMs)} ms (its resume interval ${fmt(o.resumeEveryMs)} ms + jitter + tolerance), so its user would need to reload the page`,
    HINT,
  );
}
