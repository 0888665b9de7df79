/**
 * Several invalid credentials in one profile (issue 13 item 7): named variants, each tried on
 * its own connection by conformance/auth-rejected; the reference backend refuses all four of
 * the reference profile's, and the accepts-expired-token fault lets exactly one in.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { dialSpec } from '../../harness/profile/connect.js';
import { invalidAuthVariantsOf, profileSchema } from '../../harness/profile/schema.js';
import { startReferenceTarget, type ReferenceTarget } from '../../mock-backend/target.js';
import { runScenario } from '../../harness/run-scenario.js';
import { invalidTokens, signToken, verifyToken } from '../../mock-backend/auth.js';
import authRejected from '../../scenarios/conformance/auth-rejected.js';

const SECRET = 'test-secret';

describe('invalidAuth: one object or a list of named variants', () => {
  test('one object stays profile.invalidAuth, a list of one', () => {
    const p = profileSchema.parse({ name: 'p', url: 'ws://h/ws', invalidAuth: { token: 'bad' } });
    expect(p.invalidAuth?.token).toBe('bad');
    expect(invalidAuthVariantsOf(p)).toHaveLength(1);
  });
  test('a list keeps its order and each variant dials its own credential', () => {
    const p = profileSchema.parse({
      name: 'p',
      url: 'ws://h/ws',
      auth: { mode: 'header', value: 'Bearer good' },
      invalidAuth: [{ name: 'garbage', token: 'junk' }, { name: 'basic', header: 'Basic Zm9v' }, { name: 'none' }],
    });
    const [garbage, basic, none] = invalidAuthVariantsOf(p);
    expect(dialSpec(p, 'invalid', garbage).headers.Authorization).toBe('Bearer junk');
    expect(dialSpec(p, 'invalid', basic).headers.Authorization).toBe('Basic Zm9v');
    expect(dialSpec(p, 'invalid', none).headers.Authorization).toBeUndefined();
  });
});

describe('the reference backend refuses each real variant', () => {
  test('wrong signature, expired, garbage and none are each refused; ignoring the expiry lets only the expired one in', async () => {
    const t = await invalidTokens(SECRET);
    expect(await verifyToken(SECRET, t.wrongSignature)).toEqual({ ok: false, reason: 'invalid token' });
    expect(await verifyToken(SECRET, t.expired)).toEqual({ ok: false, reason: 'token expired' });
    expect(await verifyToken(SECRET, t.garbage)).toEqual({ ok: false, reason: 'invalid token' });
    expect(await verifyToken(SECRET, undefined)).toEqual({ ok: false, reason: 'missing token' });
    expect((await verifyToken(SECRET, t.expired, { ignoreExpiry: true })).ok).toBe(true);
    expect((await verifyToken(SECRET, t.wrongSignature, { ignoreExpiry: true })).ok).toBe(false);
    expect((await verifyToken(SECRET, await signToken(SECRET))).ok).toBe(true);
  });
});

describe('conformance/auth-rejected per variant', () => {
  let target: ReferenceTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  test('the reference profile lists four variants and the healthy backend refuses each with 1008', async () => {
    target = await startReferenceTarget();
    expect(invalidAuthVariantsOf(target.profile).map((v) => v.name)).toEqual(['wrong signature', 'expired', 'garbage', 'none']);
    const r = await runScenario(authRejected, { profile: target.profile });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
    const variants = r.observations.variants as Array<{ name: string; status: string; refusedWith: string }>;
    expect(variants.map((v) => [v.name, v.status])).toEqual([
      ['wrong signature', 'passed'],
      ['expired', 'passed'],
      ['garbage', 'passed'],
      ['none', 'passed'],
    ]);
    expect(variants.every((v) => v.refusedWith.startsWith('1008'))).toBe(true);
    expect(r.timelines).toHaveLength(4);
  });

  test('accepts-expired-token: AUTH_NOT_ENFORCED names the expired variant, the others still pass', async () => {
    target = await startReferenceTarget({ faults: ['accepts-expired-token'] });
    const r = await runScenario(authRejected, { profile: target.profile });
    expect(r.diagnosis?.code).toBe('AUTH_NOT_ENFORCED');
    expect(r.diagnosis?.summary).toMatch(/^variant "expired": /);
    expect(r.observations.failedVariant).toBe('expired');
    const variants = r.observations.variants as Array<{ name: string; status: string }>;
    expect(variants.filter((v) => v.status === 'failed').map((v) => v.name)).toEqual(['expired']);
  });
});
