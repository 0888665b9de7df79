/** HS256 JWT auth for the reference backend (jose). */
import { SignJWT, jwtVerify } from 'jose';

const encoder = new TextEncoder();

export async function signToken(secret: string, subject = 'test-user', expiresIn = '1h'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(encoder.encode(secret));
}

export type AuthResult = { ok: true; userId: string } | { ok: false; reason: string };

/** `ignoreExpiry` plays the `accepts-expired-token` fault: the signature is checked, `exp` is not. */
export async function verifyToken(secret: string, token: string | undefined, opts: { ignoreExpiry?: boolean } = {}): Promise<AuthResult> {
  if (!token) return { ok: false, reason: 'missing token' };
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ['HS256'] });
    return { ok: true, userId: payload.sub ?? 'anonymous' };
  } catch (e) {
    const err = e as Error & { code?: string; payload?: { sub?: string } };
    // jose checks the signature before the claims: an ERR_JWT_EXPIRED token is correctly signed.
    if (err.code === 'ERR_JWT_EXPIRED' && opts.ignoreExpiry) return { ok: true, userId: err.payload?.sub ?? 'anonymous' };
    return { ok: false, reason: err.code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'invalid token' };
  }
}

/**
 * Invalid credentials for the reference backend's secret, one per way a real check fails: a
 * token signed with another secret, an expired one, garbage, and none at all.
 */
export async function invalidTokens(secret: string): Promise<{ wrongSignature: string; expired: string; garbage: string }> {
  const past = Math.floor(Date.now() / 1000) - 3600;
  const expired = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('ws-chaos-probe')
    .setIssuedAt(past - 3600)
    .setExpirationTime(past)
    .sign(encoder.encode(secret));
  return { wrongSignature: await signToken(`${secret}-not-the-secret`, 'ws-chaos-probe'), expired, garbage: 'not-a-valid-jwt' };
}

/** The token from `?token=` or `Authorization: Bearer`. */
export function tokenFrom(url: string | undefined, authorization: string | undefined): string | undefined {
  const q = new URL(url ?? '/', 'http://x').searchParams.get('token');
  if (q) return q;
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return m?.[1];
}
