/**
 * Auth judges: an invalid credential must be refused (an HTTP status at the upgrade, or a close
 * code before any app data), each variant on its own connection. Pure: the variant's timeline
 * (plain events), its expected refusals and the moment the observation stopped in; a diagnosis
 * (or null: refused as expected) out.
 */
import { describeClose } from '../../close-codes.js';
import { first, type TimelineEvent } from '../../timeline.js';
import { diagnosis, type Diagnosis } from '../codes.js';
import { diagnoseConnection, welcomeEvent, type ConnectionCriteria } from '../connection.js';
import { formatMs as fmt } from '../format.js';

export interface InvalidAuthExpectation {
  expectHttpStatuses: readonly number[];
  expectCloseCodes: readonly number[];
}

/**
 * `close`: the end the scenario waited for after open (undefined: still open at `nowMs`).
 * `criteria`: the profile's connection criteria, to name an unexpected close.
 */
export function judgeInvalidAuth(
  events: readonly TimelineEvent[],
  expect: InvalidAuthExpectation,
  criteria: ConnectionCriteria,
  close: { t: number; code: number; reason: string; by: string } | undefined,
  nowMs: number,
): Diagnosis | null {
  const rejected = first(events, 'rejected');
  if (rejected) {
    if (expect.expectHttpStatuses.includes(rejected.status)) return null;
    return diagnosis('HANDSHAKE_REJECTED', `invalid token answered HTTP ${rejected.status}, not an auth refusal (${expect.expectHttpStatuses.join('/')})`);
  }
  const open = first(events, 'open');
  if (!open) return diagnoseConnection(events, { immediateDisconnectMs: 0 });
  const appData = events.filter((e) => e.kind === 'message' && e.dir === 'in' && (!close || e.t <= close.t));
  const welcomed = welcomeEvent(events, criteria.welcome);
  if (welcomed || appData.length > 0) {
    const at = (appData[0] ?? welcomed)!.t - open.t;
    return diagnosis('AUTH_NOT_ENFORCED', `invalid token got a live session: ${welcomed ? 'the welcome' : `${appData.length} message(s)`} arrived ${fmt(at)} ms after open`);
  }
  if (!close) return diagnosis('AUTH_NOT_ENFORCED', `invalid token: the connection stayed open ${fmt(nowMs - open.t)} ms with no refusal`);
  if (close.by === 'server' && expect.expectCloseCodes.includes(close.code)) return null;
  return (
    diagnoseConnection(events, criteria) ??
    diagnosis('PREMATURE_CLOSE', `invalid token closed with ${describeClose(close.code, close.reason)}, expected ${expect.expectCloseCodes.join('/')}`)
  );
}

/**
 * Several variants: a variant that got in outweighs one refused the wrong way; the summary
 * names the variant and lists the others that failed.
 */
export function judgeAuthVariants(results: ReadonlyArray<{ name: string; diagnosis: Diagnosis | null }>): { diagnosis: Diagnosis; failedVariant: string } | null {
  const failed = results.find((r) => r.diagnosis?.code === 'AUTH_NOT_ENFORCED') ?? results.find((r) => r.diagnosis !== null);
  if (!failed?.diagnosis) return null;
  const d = failed.diagnosis;
  const others = results.filter((r) => r !== failed && r.diagnosis !== null).map((r) => `"${r.name}" ${r.diagnosis!.code}`);
  return {
    diagnosis: { ...d, summary: `variant "${failed.name}": ${d.summary}${others.length ? `; also failed: ${others.join(', ')}` : ''}` },
    failedVariant: failed.name,
  };
}
