/**
 * Redaction: tokens in URLs (token=, access_token=, and any parameter a profile names),
 * Authorization and Cookie headers, and JWT-looking strings never reach an output.
 */
export const REDACTED = '[REDACTED]';

const DEFAULT_PARAMS = ['token', 'access_token', 'auth', 'jwt', 'api_key', 'apikey', 'key', 'password', 'secret'];
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'sec-websocket-protocol']);
/** Three base64url segments, the first starting like a JSON header ("ey..."). */
const JWT = /\bey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g;

export interface RedactOptions {
  /** Extra query parameter names to redact (the profile's auth param, for instance). */
  params?: readonly string[];
  /** Literal secrets to redact wherever they appear. */
  secrets?: readonly string[];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Redact secrets inside any string (URLs, log lines, messages). */
export function redactString(text: string, opts: RedactOptions = {}): string {
  let out = text.replace(JWT, REDACTED);
  const params = [...DEFAULT_PARAMS, ...(opts.params ?? [])];
  const re = new RegExp(`([?&;](?:${params.map(escapeRe).join('|')})=)[^&#\\s"'<>]*`, 'gi');
  out = out.replace(re, `$1${REDACTED}`);
  out = out.replace(/(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`);
  for (const s of opts.secrets ?? []) if (s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}

/** Deep-redact a JSON-able value: strings are scrubbed, secret header fields replaced. */
export function redact<T>(value: T, opts: RedactOptions = {}): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') return key && SECRET_HEADERS.has(key.toLowerCase()) ? REDACTED : redactString(v, opts);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value) as T;
}
