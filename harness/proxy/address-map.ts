/**
 * Where a chaos proxy listens, what it dials and where clients connect, per provider. Loopback
 * providers (embedded, binary, external) listen on 127.0.0.1:0 and dial the target as given. A
 * Toxiproxy in a container cannot: 127.0.0.1 inside it is the container, and only its published
 * ports are reachable. Its map lists the published ports (container port -> host port), the host
 * clients use to reach them, and the name under which the container reaches this machine.
 * Plain data, so that it crosses to Playwright workers inside the run config.
 */

export interface ContainerAddressMap {
  /** Host (as seen from here) where the container's published ports are reachable. */
  connectHost: string;
  /** Published ports: [port inside the container, port on connectHost]. */
  ports: ReadonlyArray<readonly [number, number]>;
  /** Name of this machine from inside the container (e.g. host.testcontainers.internal). */
  hostFromContainer: string;
}

export interface ProxyRoute {
  /** The proxy's `listen`. */
  listen: string;
  /** The proxy's `upstream`. */
  upstream: string;
  /** Where clients connect; null: read it from the created proxy's bound `listen`. */
  connect: { host: string; port: number } | null;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The route for a proxy to `targetHost:targetPort`. `usedListens` are the `listen` values of the
 * proxies already on the server (a published port serves one proxy at a time).
 */
export function proxyRoute(
  map: ContainerAddressMap | undefined,
  targetHost: string,
  targetPort: number,
  usedListens: readonly string[],
): ProxyRoute {
  if (!map) return { listen: '127.0.0.1:0', upstream: `${targetHost}:${targetPort}`, connect: null };
  const used = new Set(usedListens.map((l) => Number(l.slice(l.lastIndexOf(':') + 1))));
  const free = map.ports.find(([inside]) => !used.has(inside));
  if (!free) {
    throw new Error(
      `every published port of the Toxiproxy container is in use (${map.ports.length} proxies): remove proxies or publish more ports`,
    );
  }
  const upstreamHost = LOOPBACK_HOSTS.has(targetHost) ? map.hostFromContainer : targetHost;
  return {
    listen: `0.0.0.0:${free[0]}`,
    upstream: `${upstreamHost}:${targetPort}`,
    connect: { host: map.connectHost, port: free[1] },
  };
}
