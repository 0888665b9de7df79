/**
 * The rows of the client detection matrix, shared by its two halves: the Node half
 * (detection-matrix.test.ts) and the Chromium half (detection-matrix-browser.test.ts), apart so
 * the two forks of `pnpm test` run them at the same time.
 */
import type { ClientMode } from '../../client/reference-client.js';
import type { DiagnosisCode } from '../../harness/diagnose/codes.js';
import type { ClientProfile, ClientProfileInput } from '../../harness/client/profile.js';
import { REFERENCE_CLIENT_PROFILE_INPUT, referenceClientProfile } from '../../harness/client/reference-profile.js';
import type { ScenarioResult } from '../../harness/results.js';

export interface Row {
  mode: Exclude<ClientMode, 'correct'>;
  scenario: string;
  code: DiagnosisCode;
  /** What the profile claims instead of the reference profile (a silent part is judged against the recommended policy). */
  profile?: { name: string; reconnect?: ClientProfileInput['reconnect']; ping?: ClientProfileInput['ping'] };
  /** Text the summary must carry. */
  says?: RegExp;
}

const REF_RECONNECT = REFERENCE_CLIENT_PROFILE_INPUT.reconnect!;
/** The reference reconnect policy without `part`: the profile says nothing about it. */
const silentOn = (part: 'maxRetries' | 'fatalCloseCodes' | 'resumeEveryMs'): ClientProfileInput['reconnect'] => {
  const r = { ...REF_RECONNECT };
  delete r[part];
  return r;
};
const RECOMMENDED = /judged against the recommended policy/;

export const CLIENT_MATRIX: Row[] = [
  { mode: 'no-max-retries', scenario: 'client/reconnect-limit', code: 'RECONNECT_UNBOUNDED' },
  { mode: 'no-backoff-cap', scenario: 'client/backoff', code: 'BACKOFF_VIOLATION' },
  {
    mode: 'reset-on-open',
    scenario: 'client/flap-bounded',
    code: 'RECONNECT_UNBOUNDED',
    says: /^unbounded on 1005 .*, 1006 .*, 1011 .*, 1000 [^;]*; bounded on refused handshake .*the counter resets on every open/,
  },
  {
    mode: 'unbounded-on-1011',
    scenario: 'client/flap-bounded',
    code: 'RECONNECT_UNBOUNDED',
    says: /^unbounded on 1011 \(close after the welcome\) .*; bounded on 1005 .*, 1006 .*, 1000 .*, refused handshake .*the counter did not reset: the client never stops/,
  },
  { mode: 'final-on-1001', scenario: 'client/reconnects-after-restart', code: 'NO_RECOVERY', says: /^after the server's 1001 close .* the client never dialled again .*reload the page; after 1012 it reconnected$/ },
  { mode: 'retry-on-fatal', scenario: 'client/fatal-close-no-retry', code: 'RETRY_ON_FATAL_CLOSE' },
  { mode: 'ignore-server-ping', scenario: 'client/answers-server-ping', code: 'CLIENT_PONG_MISSING' },
  { mode: 'no-pong-timeout', scenario: 'client/detects-dead-server', code: 'DEAD_SERVER_NOT_DETECTED' },
  { mode: 'give-up-early', scenario: 'client/recovers-after-outage', code: 'NO_RECOVERY' },
  // Item 3: an outage longer than the retry window; giving up for good needs a page reload.
  { mode: 'gives-up-for-good', scenario: 'client/recovers-after-long-outage', code: 'NO_RECOVERY', says: /^the client gave up for good during the long outage: it made 5 attempt\(s\) over .*reload the page$/ },
  { mode: 'gives-up-for-good', scenario: 'client/recovers-after-long-outage', code: 'NO_RECOVERY', profile: { name: 'claims no resume', reconnect: silentOn('resumeEveryMs') }, says: /reload the page; judged against the recommended policy \(the profile claims no reconnect\.resumeEveryMs\)$/ },
  // Issue 10 item 1: silence is judged against the recommended policy, and the verdict says so.
  { mode: 'no-heartbeat', scenario: 'client/detects-dead-server', code: 'DEAD_SERVER_NOT_DETECTED', profile: { name: 'claims no heartbeat', ping: undefined }, says: /sent no app ping at all.*judged against the recommended policy \(the profile claims no ping/ },
  { mode: 'retry-on-fatal', scenario: 'client/fatal-close-no-retry', code: 'RETRY_ON_FATAL_CLOSE', profile: { name: 'claims no fatal codes', reconnect: silentOn('fatalCloseCodes') }, says: RECOMMENDED },
  { mode: 'no-max-retries', scenario: 'client/reconnect-limit', code: 'RECONNECT_UNBOUNDED', profile: { name: 'claims no maxRetries', reconnect: silentOn('maxRetries') }, says: RECOMMENDED },
  // Item 11: unlimited retries can be stated, and fail by the recommended policy.
  { mode: 'no-max-retries', scenario: 'client/reconnect-limit', code: 'RECONNECT_UNBOUNDED', profile: { name: 'claims unlimited', reconnect: { ...REF_RECONNECT, maxRetries: 'unlimited' } }, says: /claims unlimited retries/ },
  // Item 4: a schedule that does not grow, or has no jitter, is unsound; a client that does not follow its schedule violates it.
  { mode: 'constant-delay', scenario: 'client/backoff', code: 'BACKOFF_UNSOUND', profile: { name: 'claims a constant delay', reconnect: { ...REF_RECONNECT, backoff: { baseMs: 1000, factor: 1, capMs: 1000, jitterRatio: 0.1 } } }, says: /does not grow.*clients dropped together would reconnect within/ },
  { mode: 'constant-delay', scenario: 'client/backoff', code: 'BACKOFF_VIOLATION' },
  { mode: 'no-jitter', scenario: 'client/backoff', code: 'BACKOFF_UNSOUND', says: /claims ±10 % jitter, but \d+ delays all sit on the schedule/ },
  // Item 9: a hot loop (a tenth of each delay) fails.
  { mode: 'hot-loop', scenario: 'client/backoff', code: 'BACKOFF_VIOLATION' },
];

/** Item 5: schedules the profile can state; the correct client runs each one and passes client/backoff. */
export const STATED_SCHEDULES: Array<{ name: string; backoff: NonNullable<ClientProfileInput['reconnect']>['backoff'] }> = [
  { name: 'explicit delay list', backoff: { delaysMs: [0, 1000, 3000, 6000, 10_000], jitterRatio: 0.2 } },
  { name: 'immediate first retry', backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0.2, immediateFirst: true } },
  { name: 'growth from step 2', backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0.2, growFromStep: 2 } },
  { name: 'exponent counted from 1', backoff: { baseMs: 500, factor: 2, capMs: 10_000, jitterRatio: 0.2, attemptsFrom: 1 } },
  { name: 'base drawn from a range', backoff: { baseRangeMs: [500, 1500], factor: 2, capMs: 12_000, jitterRatio: 0.2 } },
];
export const scheduleProfile = (backoff: (typeof STATED_SCHEDULES)[number]['backoff']): ClientProfile =>
  referenceClientProfile({ name: 'stated schedule', reconnect: { ...REF_RECONNECT, backoff } });
export const profileOf = (row: Row): ClientProfile => (row.profile ? referenceClientProfile(row.profile) : profile);

export const profile = referenceClientProfile();
export const explain = (r: ScenarioResult): string =>
  `${r.id}: ${r.status} ${r.diagnosis ? `${r.diagnosis.code}: ${r.diagnosis.summary}` : ''} ${r.reason ?? ''}\nobservations: ${JSON.stringify(r.observations)}`;
