/**
 * Which addresses and Host headers count as this machine's loopback: the reference backend binds
 * beyond loopback only with a secret of the user's own, and answers its admin routes only to
 * loopback clients that name a loopback host (so DNS rebinding from a browser cannot reach them).
 */
import { isIP } from 'node:net';
import { ConfigError } from '../harness/index.js';

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** 127.0.0.0/8, ::1 and their IPv4-mapped form, as a socket reports them. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  return a === '::1' || (isIP(a) === 4 && a.startsWith('127.'));
}

/** A bind host that only this machine can reach: localhost or a loopback address. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  return h.toLowerCase() === 'localhost' || isLoopbackAddress(h);
}

/**
 * The Host header of a request to the admin routes: 127.0.0.1 (or another 127.x address the
 * backend is bound to), localhost or [::1], with any port. A rebound name is never one of these.
 */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  const m = /^(localhost|\[::1\]|127(?:\.\d{1,3}){3})(?::\d{1,5})?$/i.exec(header ?? '');
  return m !== null && (m[1]!.startsWith('127.') ? isLoopbackAddress(m[1]!) : true);
}

/** A --host value that can be bound: an IP address or a hostname (brackets around IPv6 dropped). */
export function parseBindHost(value: string, flag = '--host'): string {
  const h = value.trim().replace(/^\[(.*)\]$/, '$1');
  const dottedNumbers = /^[\d.]+$/.test(h);
  if (isIP(h) || (!dottedNumbers && HOSTNAME.test(h))) return h;
  throw new ConfigError(
    'WSC_ERR_USAGE',
    `${flag} ${JSON.stringify(value)} is not an IP address or host name: use 127.0.0.1 (this machine only), 0.0.0.0 (every interface, with --secret) or an address of this machine.`,
  );
}
