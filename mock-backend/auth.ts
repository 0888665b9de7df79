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

/**
 * Tokens that verified, so a burst of arrivals with one token (a load run) checks its HMAC once,
 * not once per upgrade (a quarter of the backend's CPU per connection at 6 000 arrivals/s). A hit
 * is taken only for the same secret and while the token is still inside its `exp`/`nbf` window;
 * anything else is verified in full, so the answers are the same. Bounded: cleared when full.
 */
const verified = new Map<string, { secret: string; userId: string; exp?: number; nbf?: number }>();
const VERIFIED_MAX = 1024;
/** Checks under way: a burst's upgrades that come before the first check of a token has answered share it. */
const inflight = new Map<string, ReturnType<typeof jwtVerify>>();

function cachedOk(secret: string, token: string): AuthResult | undefined {
  const hit = verified.get(token);
  if (!hit || hit.secret !== secret) return undefined;
  const nowS = Math.floor(Date.now() / 1000);
  if ((hit.exp !== undefined && hit.exp <= nowS) || (hit.nbf !== undefined && hit.nbf > nowS)) return undefined;
  return { ok: true, userId: hit.userId };
}

/** `ignoreExpiry` plays the `accepts-expired-token` fault: the signature is checked, `exp` is not. */
export async function verifyToken(secret: string, token: string | undefined, opts: { ignoreExpiry?: boolean } = {}): Promise<AuthResult> {
  if (!token) return { ok: false, reason: 'missing token' };
  const hit = cachedOk(secret, token);
  if (hit) return hit;
  try {
    const key = `${secret}\u0000${token}`;
    let check = inflight.get(key);
    if (!check) {
      check = jwtVerify(token, encoder.encode(secret), { algorithms: ['HS256'] });
      inflight.set(key, check);
      check.finally(() => inflight.delete(key)).catch(() => undefined);
    }
    const { payload } = await check;
    const userId = payload.sub ?? 'anonymous';
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(token, { secret, userId, exp: payload.exp, nbf: payload.nbf });
    return { ok: true, userId };
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
