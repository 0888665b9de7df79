/**
 * Redaction: credentials in URLs (every query or fragment parameter whose name looks like one —
 * token, key, sig, secret, auth, pass, session, code, jwt, credential, in any case and with any
 * separator — and any parameter a profile names), URL userinfo, Authorization and Cookie headers
 * (as object fields, as "Name: value" lines and as JSON fields), and JWT-looking strings never
 * reach an output.
 */
export const REDACTED = '[REDACTED]';

/** A query parameter name that looks like a credential: `sig`, `access-token`, `X-Amz-Signature`, `client_secret`... */
const CREDENTIAL_PARAM = /token|key|sig|secret|auth|pass|pwd|session|code|jwt|credential/i;
/** JSON fields whose string value is a credential (narrower than query names: `"code"` is an error code there). */
const CREDENTIAL_JSON_KEY = /token|secret|passw|api[-_]?key|jwt|credential|signature|^(?:auth|key|sig|pwd)$/i;
/** `"key": "value"` in JSON text, escapes included. */
const JSON_FIELD = /("((?:[^"\\]|\\.)*)"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'sec-websocket-protocol']);
/** Three base64url segments, the first starting like a JSON header ("ey..."), not part of a longer run. */
const JWT = /(?<![A-Za-z0-9_-])ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?![A-Za-z0-9_-])/g;
/** `Authorization: ...` / `Cookie: ...` as header lines in free text (log lines, error messages). */
const HEADER_LINE = /(\b(?:proxy-authorization|authorization|set-cookie|cookie)[ \t]*:[ \t]*)(?!\[REDACTED\])[^\r\n]+/gi;
/** `scheme://userinfo@host`: the authority runs to the first `/`, `?` or `#`; userinfo to its last `@`. */
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)([^/?#\s@]*(?:@[^/?#\s@]*)*)@/gi;
/**
 * `?name=value` (also after `&`, `;` or `#`, and URL-encoded: `%3Fname%3Dvalue`). The name may
 * itself be percent-encoded (`access%5Ftoken`), but never contains an encoded `=` or `&`.
 */
const PARAM = /((?:[?&;#]|%3F|%26|%23)((?:[A-Za-z0-9_.~+\-[\]]|%(?!3D|26)[0-9A-Fa-f]{2})+)(?:=|%3D))([^&#;\s"'<>]*)/gi;

export interface RedactOptions {
  /** Extra query parameter names to redact (the profile's auth param, for instance). */
  params?: readonly string[];
  /** Literal secrets to redact wherever they appear. */
  secrets?: readonly string[];
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** Does this query parameter name carry a credential (by its look, or because the profile names it)? */
export function isCredentialParam(name: string, named: readonly string[] = []): boolean {
  const plain = decodeName(name);
  return CREDENTIAL_PARAM.test(plain) || named.some((n) => n.toLowerCase() === plain.toLowerCase());
}

function isCredentialJsonKey(key: string, named: readonly string[]): boolean {
  const k = key.toLowerCase();
  return CREDENTIAL_JSON_KEY.test(k) || SECRET_HEADERS.has(k) || named.some((n) => n.toLowerCase() === k);
}

/** `user:password` keeps the user; a lone `user` is often the token itself (`https://ghp_x@host`). */
function redactUserinfo(_m: string, scheme: string, userinfo: string): string {
  const colon = userinfo.indexOf(':');
  return colon >= 0 ? `${scheme}${userinfo.slice(0, colon)}:${REDACTED}@` : `${scheme}${REDACTED}@`;
}

/** Redact secrets inside any string (URLs, log lines, messages). */
export function redactString(text: string, opts: RedactOptions = {}): string {
  let out = text;
  // Literal secrets first, while they are still whole.
  for (const s of opts.secrets ?? []) if (s.length >= 4) out = out.split(s).join(REDACTED);
  out = out.replace(JWT, REDACTED);
  const named = opts.params ?? [];
  // ?sig=..., &access-token=..., #access_token=..., also URL-encoded (%3Ftoken%3D...).
  out = out.replace(PARAM, (match: string, head: string, name: string, value: string) => {
    if (!isCredentialParam(name, named) || value.startsWith(REDACTED)) return match;
    // Inside an encoded URL, the value ends at the encoded `&` / `#`.
    const end = head.startsWith('%') ? value.search(/%26|%23/i) : -1;
    return end >= 0 ? `${head}${REDACTED}${value.slice(end)}` : `${head}${REDACTED}`;
  });
  // "token": "...", "authorization": "..." in JSON text (a message that echoes a credential).
  out = out.replace(JSON_FIELD, (match: string, head: string, key: string, value: string, tail: string) =>
    value !== REDACTED && isCredentialJsonKey(key, named) ? `${head}${REDACTED}${tail}` : match,
  );
  out = out.replace(USERINFO, redactUserinfo);
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
