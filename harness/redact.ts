/**
 * Redaction: tokens in URLs (token=, access_token=, and any parameter a profile names),
 * passwords in URL userinfo, Authorization and Cookie headers (as object fields, as
 * "Name: value" lines and as JSON fields), and JWT-looking strings never reach an output.
 */
export const REDACTED = '[REDACTED]';

const DEFAULT_PARAMS = ['token', 'access_token', 'auth', 'jwt', 'api_key', 'apikey', 'key', 'password', 'secret'];
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'sec-websocket-protocol']);
/** Three base64url segments, the first starting like a JSON header ("ey..."), not part of a longer run. */
const JWT = /(?<![A-Za-z0-9_-])ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?![A-Za-z0-9_-])/g;
/** `Authorization: ...` / `Cookie: ...` as header lines in free text (log lines, error messages). */
const HEADER_LINE = /(\b(?:proxy-authorization|authorization|set-cookie|cookie)[ \t]*:[ \t]*)(?!\[REDACTED\])[^\r\n]+/gi;
/** `scheme://user:password@host`. */
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^@/\s]+@/gi;

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
  let out = text;
  // Literal secrets first, while they are still whole.
  for (const s of opts.secrets ?? []) if (s.length >= 4) out = out.split(s).join(REDACTED);
  out = out.replace(JWT, REDACTED);
  const names = [...DEFAULT_PARAMS, ...(opts.params ?? [])].map(escapeRe).join('|');
  // ?token=..., &access_token=..., also URL-encoded (%3Ftoken%3D...).
  const param = new RegExp(`((?:[?&;]|%3F|%26)(?:${names})(?:=|%3D))[^&#\\s"'<>]*`, 'gi');
  out = out.replace(param, `$1${REDACTED}`);
  // "token": "...", "authorization": "..." in JSON text (a message that echoes a credential).
  const keys = [...DEFAULT_PARAMS.filter((k) => k !== 'key'), ...(opts.params ?? []), ...SECRET_HEADERS].map(escapeRe).join('|');
  const json = new RegExp(`("(?:${keys})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, 'gi');
  out = out.replace(json, `$1${REDACTED}$2`);
  out = out.replace(USERINFO, `$1${REDACTED}@`);
  out = out.replace(HEADER_LINE, `$1${REDACTED}`);
  out = out.replace(/(\b(?:Bearer|Basic)\s+)(?!\[REDACTED\])[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`);
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
