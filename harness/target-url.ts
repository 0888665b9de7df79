/**
 * The target's WebSocket URL, parsed in one place: the rule for what a target URL is (ws:// or
 * wss://, no whitespace, parsable by the WHATWG URL parser, so the port is in range) and the parts
 * the harness needs from it (host without IPv6 brackets, the port with the scheme's default).
 * The profile schema, `--target` and the Toxiproxy route all use it, so a URL accepted at the
 * entry can be dialled, proxied and reached later without a second opinion.
 */
import { ConfigError } from './errors.js';

export interface TargetUrl {
  /** The URL as the WHATWG parser normalises it (what is dialled). */
  readonly href: string;
  readonly protocol: 'ws:' | 'wss:';
  /** The host name or address, IPv6 without brackets (what a socket connects to). */
  readonly hostname: string;
  /** The explicit port, or the scheme's default (80 for ws:, 443 for wss:). */
  readonly port: number;
}

/** Why `text` is not a target URL (a phrase after the quoted URL), or undefined when it is one. */
export function targetUrlProblem(text: string): string | undefined {
  if (!URL.canParse(text) || /\s/.test(text)) return 'is not a URL: use ws://host:port/path or wss://...';
  const { protocol } = new URL(text);
  if (protocol !== 'ws:' && protocol !== 'wss:') return `must start with ws:// or wss:// (got ${protocol}//)`;
  return undefined;
}

/** Parse a target URL; `source` names where it came from (`--target`, `profile.url`) for the error. */
export function parseTargetUrl(text: string, source: string): TargetUrl {
  const problem = targetUrlProblem(text);
  if (problem) throw new ConfigError('WSC_ERR_BAD_URL', `${source} "${text}" ${problem}`);
  const u = new URL(text);
  const protocol = u.protocol as TargetUrl['protocol'];
  return Object.freeze({
    href: u.href,
    protocol,
    hostname: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : protocol === 'wss:' ? 443 : 80,
  });
}

/** The same URL (path, query) at another host and port: how a connection goes through a proxy. */
export function atEndpoint(target: TargetUrl, host: string, port: number): string {
  const u = new URL(target.href);
  u.host = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return u.href;
}
