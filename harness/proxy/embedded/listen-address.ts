/**
 * `host:port` strings as Go's net package reads and prints them: parsing a proxy's `listen` /
 * `upstream`, binding a listener, formatting the bound address (`127.0.0.1:0` becomes the real
 * port, IPv6 in brackets, an empty host shows as `[::]`), and Go-style bind error texts such as
 * `listen tcp 127.0.0.1:8474: bind: address already in use`, and resolving a listen address the
 * way Toxiproxy compares them.
 */
import net from 'node:net';

export interface HostPort {
  host: string;
  port: number;
}

/** Go's net.SplitHostPort plus port parsing; returns an error text in Go's words on failure. */
export function splitHostPort(address: string): HostPort | { error: string } {
  let host: string;
  let portText: string;
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    if (close < 0) return { error: `address ${address}: missing ']' in address` };
    host = address.slice(1, close);
    if (address[close + 1] !== ':') return { error: `address ${address}: missing port in address` };
    portText = address.slice(close + 2);
  } else {
    const colon = address.lastIndexOf(':');
    if (colon < 0) return { error: `address ${address}: missing port in address` };
    host = address.slice(0, colon);
    if (host.includes(':')) return { error: `address ${address}: too many colons in address` };
    portText = address.slice(colon + 1);
  }
  if (portText === '') return { host, port: 0 };
  if (!/^\d+$/.test(portText)) return { error: `lookup tcp/${portText}: unknown port` };
  const port = Number(portText);
  if (port > 65535) return { error: `address ${portText}: invalid port` };
  return { host, port };
}

/** Go's JoinHostPort. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The host Node should bind for a Go listen host ('' = every interface, localhost = 127.0.0.1). */
function bindHost(host: string): string {
  if (host === '') return '::';
  if (host === 'localhost') return '127.0.0.1';
  return host;
}

/**
 * Go's `net.ResolveTCPAddr("tcp", address).String()`, which Toxiproxy compares with the current
 * (bound) listen address to decide whether an update changes anything: `localhost:P` resolves to
 * `127.0.0.1:P`. Throws Go's error text when the address does not resolve.
 */
export function resolveListen(address: string): string {
  const parsed = splitHostPort(address);
  if ('error' in parsed) throw new Error(parsed.error);
  const host = parsed.host === 'localhost' ? '127.0.0.1' : parsed.host;
  if (host !== '' && net.isIP(host) === 0) throw new Error(`lookup ${parsed.host}: no such host`);
  return host === '' ? `:${parsed.port}` : joinHostPort(host, parsed.port);
}

function goErrno(code: string | undefined, fallback: string): string {
  switch (code) {
    case 'EADDRINUSE':
      return 'bind: address already in use';
    case 'EACCES':
      return 'bind: permission denied';
    case 'EADDRNOTAVAIL':
      return 'bind: cannot assign requested address';
    default:
      return fallback;
  }
}

/** Binds a TCP server for `address`; resolves with the bound address in Go's notation. */
export async function listenOn(server: net.Server, address: string): Promise<string> {
  const parsed = splitHostPort(address);
  if ('error' in parsed) throw new Error(`listen tcp: ${parsed.error}`);
  const host = bindHost(parsed.host);
  if (net.isIP(host) === 0) throw new Error(`listen tcp: lookup ${parsed.host}: no such host`);
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const shownHost = parsed.host === 'localhost' ? '127.0.0.1' : parsed.host;
      reject(new Error(`listen tcp ${joinHostPort(shownHost, parsed.port)}: ${goErrno(err.code, err.message)}`));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port: parsed.port, ipv6Only: false });
  });
  const bound = server.address() as net.AddressInfo;
  const shown = parsed.host === '' ? '::' : bound.address;
  return joinHostPort(shown, bound.port);
}
