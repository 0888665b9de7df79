/**
 * Chaos tools for scenarios: put a Toxiproxy proxy in front of the target and add toxics to it,
 * always through `toxiproxy-node-client` against Toxiproxy's HTTP API — the same code whether
 * the embedded server, a `toxiproxy-server` binary or an external one answers.
 */
import { randomBytes } from 'node:crypto';
import { Toxiproxy, type Proxy, type Toxic } from 'toxiproxy-node-client';
import type { Probe } from './probe.js';
import { proxyRoute, type ContainerAddressMap } from './proxy/address-map.js';
import { atEndpoint, parseTargetUrl } from './target-url.js';

export interface ToxiproxyRef {
  provider: string;
  version: string;
  /** Control API, e.g. http://127.0.0.1:8474. */
  url: string;
  /** Set for a Toxiproxy in a container: proxies listen on its published ports and dial this machine by name. */
  addressMap?: ContainerAddressMap;
}

export interface ToxicSpec {
  type: string;
  stream?: 'upstream' | 'downstream';
  name?: string;
  toxicity?: number;
  attributes: Record<string, number | string>;
}

/** A proxy in front of the scenario's target, removed when the scenario ends. */
export interface TargetProxy {
  /** The profile's WebSocket URL with host and port swapped for the proxy's. */
  url: string;
  proxy: Proxy;
  /** Add a toxic and note it on the given probes' timelines. */
  addToxic(spec: ToxicSpec, notify?: readonly Probe[]): Promise<Toxic<unknown>>;
  removeToxic(name: string, notify?: readonly Probe[]): Promise<void>;
  setEnabled(enabled: boolean, notify?: readonly Probe[]): Promise<void>;
}

export interface ChaosTools {
  ref: ToxiproxyRef;
  client: Toxiproxy;
  proxyTarget(): Promise<TargetProxy>;
}

/** Thrown by a toxic the server does not know (real Toxiproxy and our ws_* types). */
export class UnsupportedToxicError extends Error {
  constructor(readonly toxicType: string, readonly provider: string) {
    super(`${provider} Toxiproxy does not support the "${toxicType}" toxic: it is an extension of the embedded server (run with --toxiproxy embedded)`);
  }
}

/** Toxiproxy 2.x's own toxic types; anything else is an extension of the embedded server. */
const STANDARD_TOXICS = new Set(['latency', 'bandwidth', 'slow_close', 'timeout', 'reset_peer', 'slicer', 'limit_data', 'noop']);

const describeToxic = (t: ToxicSpec): string =>
  `toxic ${t.type} ${t.stream ?? 'downstream'} ${Object.entries(t.attributes)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}${t.toxicity !== undefined && t.toxicity < 1 ? ` toxicity=${t.toxicity}` : ''}`;

/** Toxiproxy's `listen` ("127.0.0.1:8475", "[::1]:8475") as the host and port to connect to. */
function listenAddress(listen: string): { host: string; port: number } {
  const m = /^\[?([^\]]*)\]?:(\d+)$/.exec(listen);
  if (!m?.[1] || !m[2]) throw new Error(`Toxiproxy reported the listen address "${listen}", not host:port`);
  return { host: m[1], port: Number(m[2]) };
}

export function chaosTools(ref: ToxiproxyRef, targetUrl: string, defer: (fn: () => Promise<void>) => void): ChaosTools {
  const client = new Toxiproxy(ref.url);
  return {
    ref,
    client,
    async proxyTarget() {
      const target = parseTargetUrl(targetUrl, 'profile.url');
      const name = `wsc-${randomBytes(4).toString('hex')}`;
      const used = ref.addressMap ? Object.values(await client.getAll()).map((p) => p.listen) : [];
      const route = proxyRoute(ref.addressMap, target.hostname, target.port, used);
      const proxy = await client.createProxy({ name, listen: route.listen, upstream: route.upstream });
      defer(async () => {
        await proxy.remove().catch(() => undefined);
      });
      const connect = route.connect ?? listenAddress(proxy.listen);
      const url = atEndpoint(target, connect.host, connect.port);
      const note = (probes: readonly Probe[] | undefined, text: string): void => probes?.forEach((p) => p.note(text));
      return {
        url,
        proxy,
        async addToxic(spec, notify) {
          try {
            const toxic = await proxy.addToxic({ stream: 'downstream', toxicity: 1, ...spec, name: spec.name ?? `${spec.type}_${spec.stream ?? 'downstream'}` } as never);
            note(notify, `${describeToxic(spec)} added`);
            return toxic as Toxic<unknown>;
          } catch (e) {
            if (/status code 400/.test((e as Error).message) && !STANDARD_TOXICS.has(spec.type)) {
              throw new UnsupportedToxicError(spec.type, ref.provider);
            }
            throw e;
          }
        },
        async removeToxic(toxicName, notify) {
          const toxic = await proxy.getToxic(toxicName);
          await toxic.remove();
          note(notify, `toxic ${toxicName} removed`);
        },
        async setEnabled(enabled, notify) {
          await proxy.update({ enabled, listen: proxy.listen, upstream: proxy.upstream });
          note(notify, enabled ? 'proxy enabled (partition healed)' : 'proxy disabled (partition)');
        },
      };
    },
  };
}
