/**
 * The embedded Toxiproxy-compatible server: Toxiproxy 2.12.0's HTTP control API and TCP toxics,
 * plus ws-chaos's WebSocket-aware toxics (ws_drop, ws_delay, ws_close), in this process.
 * See harness/proxy/README.md for what is identical to real Toxiproxy and what is ours.
 */
import type { AddressInfo } from 'node:net';
import { ToxiproxyBadSpecError, ToxiproxyListenFailedError, ToxiproxyPortInUseError } from '../errors.js';
import { createApiServer } from './api-server.js';
import { ProxyRegistry } from './proxy-registry.js';
import { EMBEDDED_VERSION } from './version.js';

export { EMBEDDED_VERSION, TOXIPROXY_COMPAT_VERSION } from './version.js';
export { TOXIC_TYPES } from './toxic-types.js';

export interface EmbeddedToxiproxyOptions {
  /** Address of the control API; default 127.0.0.1. */
  host?: string;
  /** Port of the control API; default 0 (a free port). */
  port?: number;
}

export interface EmbeddedToxiproxy {
  /** e.g. `http://127.0.0.1:8474` */
  url: string;
  version: string;
  /** Closes the API, every proxy listener, every proxied connection and every timer. */
  stop(): Promise<void>;
}

export async function startEmbeddedToxiproxy(options: EmbeddedToxiproxyOptions = {}): Promise<EmbeddedToxiproxy> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ToxiproxyBadSpecError(`invalid control port ${String(port)}: use an integer from 0 to 65535`);
  }
  const registry = new ProxyRegistry();
  const server = createApiServer(registry);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      if (err.code === 'EADDRINUSE') reject(new ToxiproxyPortInUseError(`cannot listen on ${where}: address already in use`, { cause: err }));
      else reject(new ToxiproxyListenFailedError(`cannot listen on ${where}: ${err.message}`, { cause: err }));
    });
    server.listen({ host, port }, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let stopping: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${address.port}`,
    version: EMBEDDED_VERSION,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        registry.stopAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
