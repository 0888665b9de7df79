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

export async function verifyToken(secret: string, token: string | undefined): Promise<AuthResult> {
  if (!token) return { ok: false, reason: 'missing token' };
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ['HS256'] });
    return { ok: true, userId: payload.sub ?? 'anonymous' };
  } catch (e) {
    return { ok: false, reason: (e as Error & { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'invalid token' };
  }
}

/** The token from `?token=` or `Authorization: Bearer`. */
export function tokenFrom(url: string | undefined, authorization: string | undefined): string | undefined {
  const q = new URL(url ?? '/', 'http://x').searchParams.get('token');
  if (q) return q;
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return m?.[1];
}
