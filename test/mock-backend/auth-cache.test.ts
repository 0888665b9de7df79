import { afterEach, describe, expect, it, vi } from 'vitest';
import { signToken, verifyToken } from '../../mock-backend/auth.js';

// verifyToken remembers tokens that verified (one HMAC per token in a burst of arrivals); these
// pin that a remembered token answers exactly as a full check would.
describe('reference backend token check, remembered tokens', () => {
  afterEach(() => void vi.useRealTimers());

  it('a remembered token is refused for another secret', async () => {
    const token = await signToken('secret-a', 'u1');
    expect(await verifyToken('secret-a', token)).toEqual({ ok: true, userId: 'u1' });
    expect(await verifyToken('secret-a', token)).toEqual({ ok: true, userId: 'u1' });
    expect(await verifyToken('secret-b', token)).toEqual({ ok: false, reason: 'invalid token' });
  });

  it('a remembered token expires at its exp (and the accepts-expired-token fault still takes it)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const token = await signToken('secret-c', 'u2', '10s');
    expect(await verifyToken('secret-c', token)).toEqual({ ok: true, userId: 'u2' });
    vi.setSystemTime(new Date('2030-01-01T00:00:09Z'));
    expect(await verifyToken('secret-c', token)).toEqual({ ok: true, userId: 'u2' });
    vi.setSystemTime(new Date('2030-01-01T00:00:11Z'));
    expect(await verifyToken('secret-c', token)).toEqual({ ok: false, reason: 'token expired' });
    expect(await verifyToken('secret-c', token, { ignoreExpiry: true })).toEqual({ ok: true, userId: 'u2' });
  });
});

describe('reference backend token check, concurrent checks', () => {
  it('concurrent checks of one token each get the full answer (ok, refused for another secret, expired)', async () => {
    const token = await signToken('secret-d', 'u3');
    const answers = await Promise.all([verifyToken('secret-d', token), verifyToken('secret-d', token), verifyToken('secret-e', token), verifyToken('secret-d', token)]);
    expect(answers).toEqual([{ ok: true, userId: 'u3' }, { ok: true, userId: 'u3' }, { ok: false, reason: 'invalid token' }, { ok: true, userId: 'u3' }]);
    const expired = await signToken('secret-f', 'u4', '-10s');
    const both = await Promise.all([verifyToken('secret-f', expired), verifyToken('secret-f', expired, { ignoreExpiry: true })]);
    expect(both).toEqual([{ ok: false, reason: 'token expired' }, { ok: true, userId: 'u4' }]);
  });
});
