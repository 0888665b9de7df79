/**
 * What the harness does with a profile's URL once it is valid (harness/target-url.ts holds the
 * rule for what a target URL is): add the query auth parameter to dial it (profile/connect.ts),
 * dial another URL with the profile's query (a scenario's `connect({ url })` through a proxy,
 * run-scenario.ts), and read the credentials a URL carries (its query and userinfo) so that a
 * report never shows them (reporters/redact-result.ts). One parser, one set of rules: the
 * profile's URL is already `${ENV}`-interpolated here; IPv6 hosts keep their brackets.
 */
import { ConfigError } from '../errors.js';

/**
 * Parse `text` with the WHATWG URL parser; a string it refuses is a ConfigError (WSC_ERR_BAD_URL)
 * naming `source` and the fix, never a bare `TypeError: Invalid URL`.
 */
export function parseUrl(text: string, source: string): URL {
  if (!URL.canParse(text)) throw new ConfigError('WSC_ERR_BAD_URL', `${source} "${text}" is not a URL: use ws://host:port/path or wss://...`);
  return new URL(text);
}

export interface QueryParam {
  name: string;
  value: string;
}

/** `url` as the parser normalises it, with the query parameter `param` set (replacing one of that name). */
export function withQueryParam(url: string, param: QueryParam | undefined, source = 'profile.url'): string {
  const u = parseUrl(url, source);
  if (param) u.searchParams.set(param.name, param.value);
  return u.toString();
}

/** `url` (host, path) with the query of `from` (the profile's URL as dialled, its auth parameter included). */
export function withQueryOf(url: string, from: string, source = 'connect({ url })'): string {
  const u = parseUrl(url, source);
  u.search = parseUrl(from, 'profile.url').search;
  return u.toString();
}

export interface UrlCredentials {
  /** Every query parameter, decoded, in order. */
  query: Array<[name: string, value: string]>;
  /** The userinfo, percent-decoded ('' when absent). */
  username: string;
  password: string;
}

/** The parts of a URL that can carry a credential; undefined when `url` does not parse (nothing to find). */
export function urlCredentials(url: string): UrlCredentials | undefined {
  if (!URL.canParse(url)) return undefined;
  const u = new URL(url);
  return { query: [...u.searchParams], username: decode(u.username), password: decode(u.password) };
}

/** Percent-decoding that keeps a malformed escape (`%zz`) as written instead of throwing. */
function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
