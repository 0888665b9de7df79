/**
 * Picks the Toxiproxy server a run talks to.
 *
 * spec:
 * - 'auto': TOXIPROXY_URL (an external server; it must answer GET /version), else a
 *   `toxiproxy-server` binary (TOXIPROXY_BIN or PATH), else the embedded server. The container
 *   provider is never picked by 'auto'.
 * - 'embedded' | 'binary' | 'container': that provider or a coded error.
 * - a URL (`http://host:port`, or bare `host:port`): that external server.
 *
 * Every result has the same shape; `close()` stops what this call started (nothing for external).
 */
import type { ContainerAddressMap } from './address-map.js';
import { ToxiproxyBadSpecError, ToxiproxyBinaryNotFoundError, ToxiproxyUnreachableError } from './errors.js';
import { startEmbeddedToxiproxy } from './embedded/index.js';
import { BINARY_NAME, findToxiproxyBinary, startToxiproxyBinary } from './provider-binary.js';
import { DEFAULT_CONTAINER_IMAGE, startToxiproxyContainer } from './provider-container.js';
import { describeError, probeVersion } from './version-probe.js';

export type ToxiproxyProviderName = 'external' | 'binary' | 'container' | 'embedded';
export type ToxiproxySpec = 'auto' | 'embedded' | 'binary' | 'container' | (string & {});

export interface ResolveToxiproxyOptions {
  /** Environment to read TOXIPROXY_URL / TOXIPROXY_BIN / PATH / DOCKER_HOST from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Deadline for an external server to answer GET /version; default 3000 ms. */
  probeTimeoutMs?: number;
  /** Deadline for a started binary to answer; default 15000 ms. */
  startTimeoutMs?: number;
  /** Control port of the embedded server; default 0 (a free port). */
  embeddedPort?: number;
  /** Image for the container provider; default ghcr.io/shopify/toxiproxy:2.12.0. */
  containerImage?: string;
}

export interface ProxyAddress {
  /** Where clients connect to reach the upstream through the proxy. */
  host: string;
  port: number;
}

export interface ResolvedToxiproxy {
  provider: ToxiproxyProviderName;
  /** Control API, e.g. http://127.0.0.1:8474 (use it with toxiproxy-node-client). */
  url: string;
  version: string;
  close(): Promise<void>;
  /**
   * Creates a proxy to `upstream` (host:port) and says where to connect. On loopback providers it
   * listens on 127.0.0.1:0; on the container provider it goes through the container's mapped ports.
   */
  createProxy(name: string, upstream: string): Promise<ProxyAddress>;
  /** Container provider only: how chaos proxies reach and are reached (harness/proxy/address-map.ts). */
  addressMap?: ContainerAddressMap;
}

const DEFAULT_PROBE_TIMEOUT_MS = 3_000;
const DEFAULT_START_TIMEOUT_MS = 15_000;

/** POST /proxies with listen 127.0.0.1:0; returns the bound address. */
async function createLoopbackProxy(url: string, name: string, upstream: string): Promise<ProxyAddress> {
  const res = await fetch(`${url}/proxies`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, listen: '127.0.0.1:0', upstream }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /proxies for ${name} answered ${res.status}: ${text.trim()}`);
  const listen = (JSON.parse(text) as { listen: string }).listen;
  const colon = listen.lastIndexOf(':');
  return { host: listen.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(listen.slice(colon + 1)) };
}

/** A Toxiproxy spec as a control-API URL (`host:port` gets http://), or null when it is none. */
export function normaliseUrl(spec: string): string | null {
  const withScheme = /^https?:\/\//i.test(spec) ? spec : /^[^/\s]+:\d+$/.test(spec) ? `http://${spec}` : null;
  if (!withScheme) return null;
  try {
    const u = new URL(withScheme);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

async function external(url: string, source: string, opts: ResolveToxiproxyOptions): Promise<ResolvedToxiproxy> {
  const timeoutMs = opts.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  let version: string;
  try {
    version = await probeVersion(url, timeoutMs);
  } catch (err) {
    throw new ToxiproxyUnreachableError(
      `Toxiproxy at ${url} (${source}) did not answer GET /version within ${timeoutMs} ms: ${describeError(err)}. ` +
        'Start that server, fix the URL, or unset TOXIPROXY_URL to use the embedded one.',
      { cause: err },
    );
  }
  return {
    provider: 'external',
    url,
    version,
    close: async () => {},
    createProxy: (name, upstream) => createLoopbackProxy(url, name, upstream),
  };
}

async function embedded(opts: ResolveToxiproxyOptions): Promise<ResolvedToxiproxy> {
  const server = await startEmbeddedToxiproxy({ host: '127.0.0.1', port: opts.embeddedPort ?? 0 });
  return {
    provider: 'embedded',
    url: server.url,
    version: server.version,
    close: () => server.stop(),
    createProxy: (name, upstream) => createLoopbackProxy(server.url, name, upstream),
  };
}

async function binary(path: string, opts: ResolveToxiproxyOptions): Promise<ResolvedToxiproxy> {
  const started = await startToxiproxyBinary(path, opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  return {
    provider: 'binary',
    url: started.url,
    version: started.version,
    close: () => started.close(),
    createProxy: (name, upstream) => createLoopbackProxy(started.url, name, upstream),
  };
}

async function container(opts: ResolveToxiproxyOptions, env: NodeJS.ProcessEnv): Promise<ResolvedToxiproxy> {
  const started = await startToxiproxyContainer(env, opts.containerImage ?? DEFAULT_CONTAINER_IMAGE);
  let version: string;
  try {
    version = await probeVersion(started.url, opts.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
  } catch (err) {
    await started.close();
    throw new ToxiproxyUnreachableError(`Toxiproxy container at ${started.url} did not answer GET /version: ${describeError(err)}`, {
      cause: err,
    });
  }
  return {
    provider: 'container',
    url: started.url,
    version,
    close: started.close,
    createProxy: started.createProxy,
    addressMap: started.addressMap,
  };
}

export async function resolveToxiproxy(spec: ToxiproxySpec, opts: ResolveToxiproxyOptions = {}): Promise<ResolvedToxiproxy> {
  const env = opts.env ?? process.env;
  switch (spec) {
    case 'auto': {
      const fromEnv = env.TOXIPROXY_URL;
      if (fromEnv !== undefined && fromEnv !== '') {
        const url = normaliseUrl(fromEnv);
        if (!url) throw new ToxiproxyBadSpecError(`TOXIPROXY_URL=${fromEnv} is not a URL; use e.g. http://127.0.0.1:8474`);
        return external(url, 'TOXIPROXY_URL', opts);
      }
      const found = findToxiproxyBinary(env);
      if (found) return binary(found, opts);
      return embedded(opts);
    }
    case 'embedded':
      return embedded(opts);
    case 'binary': {
      const found = findToxiproxyBinary(env);
      if (!found) {
        throw new ToxiproxyBinaryNotFoundError(
          `no ${BINARY_NAME} on PATH and TOXIPROXY_BIN is not set; install Toxiproxy 2.x or set TOXIPROXY_BIN=/path/to/${BINARY_NAME}`,
        );
      }
      return binary(found, opts);
    }
    case 'container':
      return container(opts, env);
    default: {
      const url = normaliseUrl(spec);
      if (!url) {
        throw new ToxiproxyBadSpecError(
          `unknown Toxiproxy provider "${spec}": use auto, embedded, binary, container or a URL such as http://127.0.0.1:8474`,
        );
      }
      return external(url, 'given URL', opts);
    }
  }
}
