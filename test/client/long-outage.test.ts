/**
 * client/recovers-after-long-outage (issue 10 item 3): silence about reconnect.resumeEveryMs is
 * judged against the recommended 60 s; resumeEveryMs: null is an explicit opt-out (a skip with
 * its reason); the judge's NO_RECOVERY says how long the client tried and that a page reload
 * would be needed. The behaviour itself (Node and Chromium) is in the detection matrix.
 */
import { describe, expect, test } from 'vitest';
import { scaledPolicy } from '../../harness/client/policy.js';
import { parseClientProfile, type ClientProfileInput } from '../../harness/client/profile.js';
import { RECOMMENDED_POLICY } from '../../harness/client/recommended.js';
import { clientSkipReason } from '../../harness/client/run-client-scenario.js';
import type { AttemptSummary } from '../../harness/diagnose/client.js';
import { judgeLongOutage } from '../../harness/diagnose/judges/client-outage.js';
import { getClientScenario } from '../../scenarios/client/index.js';

const ID = 'client/recovers-after-long-outage';
const profile = (reconnect: ClientProfileInput['reconnect'] = {}) => parseClientProfile({ name: 'p', reconnect }, {});

describe('the profile field', () => {
  test('silence is the recommended resume interval, and the policy says it took it', () => {
    const p = scaledPolicy(profile());
    expect(p.resumeEveryMs).toBe(Math.round(RECOMMENDED_POLICY.resumeEveryMs * p.timeScale));
    expect(p.recommended).toContain('resumeEveryMs');
    expect(clientSkipReason(getClientScenario(ID)!, profile())).toBeUndefined();
  });
  test('resumeEveryMs: null skips the scenario with that reason', () => {
    expect(clientSkipReason(getClientScenario(ID)!, profile({ resumeEveryMs: null }))).toBe(
      'client profile "p" stops for good after its retries on purpose (reconnect.resumeEveryMs: null)',
    );
  });
  test('a stated interval is taken, scaled', () => {
    const p = scaledPolicy(parseClientProfile({ name: 'p', timeScale: 0.1, reconnect: { resumeEveryMs: 30_000 } }, {}));
    expect(p.resumeEveryMs).toBe(3000);
    expect(p.recommended).not.toContain('resumeEveryMs');
  });
  test('0 or a word is a profile error naming the field', () => {
    expect(() => profile({ resumeEveryMs: 0 })).toThrow(/reconnect\.resumeEveryMs/);
    expect(() => profile({ resumeEveryMs: 'never' as unknown as number })).toThrow(/reconnect\.resumeEveryMs/);
  });
});

const refused = (n: number, dialMs: number): AttemptSummary => ({ n, dialMs, endMs: dialMs + 5, rejectedStatus: 500 }) as AttemptSummary;

describe('judgeLongOutage', () => {
  const outage = [refused(1, 100), refused(2, 140), refused(3, 220), refused(4, 380)];
  const o = { healthyAtMs: 1000, deadlineMs: 2000, resumeEveryMs: 1600 };
  test('a client that never dials again gave up for good: how long it tried, and the page reload', () => {
    const d = judgeLongOutage(outage, o);
    expect(d?.code).toBe('NO_RECOVERY');
    expect(d?.summary).toBe(
      'the client gave up for good during the long outage: it made 4 attempt(s) over 280 ms (the last dialled at 380 ms), then nothing; the server was back at 1000 ms and no attempt opened by 2000 ms (its resume interval 1600 ms + jitter + tolerance), so its user would need to reload the page',
    );
  });
  test('an attempt that opens after the server is back and by the deadline passes; a later one is too late', () => {
    const opened = (openMs: number): AttemptSummary => ({ n: 5, dialMs: openMs - 3, openMs }) as AttemptSummary;
    expect(judgeLongOutage([...outage, opened(1900)], o)).toBeNull();
    expect(judgeLongOutage([...outage, opened(2400)], o)?.summary).toMatch(/reconnected only at 2400 ms \(bound 2000 ms/);
  });
});
