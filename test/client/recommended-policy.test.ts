/**
 * Silence is not an opt-out (issue 10 items 1 and 11): a client profile that says nothing about
 * the heartbeat, the fatal codes or the retry limit runs the scenario against the recommended
 * policy (harness/client/recommended.ts); an explicit opt-out (ping: null, fatalCloseCodes: [],
 * maxRetries: 0, optOut) skips it with that reason; maxRetries: 'unlimited' can be stated.
 */
import { describe, expect, test } from 'vitest';
import { scaledPolicy } from '../../harness/client/policy.js';
import { parseClientProfile, type ClientProfileInput } from '../../harness/client/profile.js';
import { RECOMMENDED_POLICY } from '../../harness/client/recommended.js';
import { clientSkipReason } from '../../harness/client/run-client-scenario.js';
import { ConfigError } from '../../harness/errors.js';
import { getClientScenario } from '../../scenarios/client/index.js';

const profile = (extra: Partial<ClientProfileInput> = {}) => parseClientProfile({ name: 'p', ...extra }, {});
const skip = (id: string, extra: Partial<ClientProfileInput> = {}) => clientSkipReason(getClientScenario(id)!, profile(extra));

describe('a profile that claims nothing runs every policy scenario against the recommendation', () => {
  test.each(['client/detects-dead-server', 'client/fatal-close-no-retry', 'client/reconnect-limit', 'client/backoff'])('%s is not skipped', (id) => {
    expect(skip(id)).toBeUndefined();
  });
  test('the policy is the recommended one, scaled, and says which parts it took', () => {
    const p = scaledPolicy(profile({ timeScale: 0.1 }));
    expect(p.ping).toEqual({ intervalMs: RECOMMENDED_POLICY.ping.intervalMs * 0.1, timeoutMs: RECOMMENDED_POLICY.ping.timeoutMs * 0.1 });
    expect(p.fatalCloseCodes).toEqual([1008]);
    expect(p.maxRetries).toBe(RECOMMENDED_POLICY.maxRetries);
    expect(p.recommended).toEqual(['maxRetries', 'fatalCloseCodes', 'ping', 'jitterRatio', 'resumeEveryMs']);
    expect(p.resumeEveryMs).toBe(RECOMMENDED_POLICY.resumeEveryMs * 0.1);
  });
  test('a profile that states its parts takes none from the recommendation', () => {
    const p = scaledPolicy(profile({ reconnect: { maxRetries: 3, fatalCloseCodes: [4001], backoff: { jitterRatio: 0.3 }, resumeEveryMs: 30_000 }, ping: { intervalMs: 5000, timeoutMs: 2000 } }));
    expect(p.recommended).toEqual([]);
    expect(p).toMatchObject({ maxRetries: 3, fatalCloseCodes: [4001], ping: { intervalMs: 5000, timeoutMs: 2000 } });
  });
});

describe('an explicit opt-out is a skip with its reason', () => {
  test('ping: null skips client/detects-dead-server', () => {
    expect(skip('client/detects-dead-server', { ping: null })).toBe('client profile "p" has no heartbeat on purpose (ping: null)');
  });
  test('fatalCloseCodes: [] skips client/fatal-close-no-retry', () => {
    expect(skip('client/fatal-close-no-retry', { reconnect: { fatalCloseCodes: [] } })).toBe('client profile "p" retries after every close code on purpose (reconnect.fatalCloseCodes: [])');
  });
  test('optOut names a scenario and why', () => {
    expect(skip('client/reconnect-limit', { reconnect: { maxRetries: 'unlimited' }, optOut: { 'client/reconnect-limit': 'retries forever behind an offline banner' } })).toBe(
      'client profile "p" opts out of client/reconnect-limit: retries forever behind an offline banner',
    );
  });
  test('an optOut key that is not a client scenario id, or without a reason, is a profile error', () => {
    expect(() => profile({ optOut: { 'reconnect-limit': 'x' } })).toThrow(ConfigError);
    expect(() => profile({ optOut: { 'client/reconnect-limit': '' } })).toThrow(/say why/);
  });
});

describe("maxRetries: 'unlimited'", () => {
  test('can be stated, and is judged against the recommended limit', () => {
    const p = scaledPolicy(profile({ reconnect: { maxRetries: 'unlimited' } }));
    expect(p.unlimitedRetries).toBe(true);
    expect(p.maxRetries).toBe(RECOMMENDED_POLICY.maxRetries);
    expect(skip('client/reconnect-limit', { reconnect: { maxRetries: 'unlimited' } })).toBeUndefined();
  });
  test('any other word is a profile error naming the field', () => {
    expect(() => profile({ reconnect: { maxRetries: 'forever' as never } })).toThrow(/maxRetries/);
  });
});
