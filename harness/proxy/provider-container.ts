/**
 * The `container` provider: Toxiproxy in Docker through `@testcontainers/toxiproxy` (not a
 * dependency of ws-chaos: it needs Node >= 22 and a Docker engine). Everything missing is checked
 * up front and reported in one ToxiproxyContainerUnavailableError with the fix.
 *
 * Built against the library's documented API: `new ToxiProxyContainer(image).start()` returns a
 * started container with `getHost()`, `getMappedPort(8474)`, `createProxy({ name, upstream })`
 * (=> `{ host, port, instance, setEnabled }`) and `stop()`. Proxies inside the container listen on
 * ports 8666-8697 (32 at most), and their upstream must be reachable from inside the container.
 */
import http from 'node:http';
import type { ContainerAddressMap } from './address-map.js';
import { ToxiproxyContainerUnavailableError } from './errors.js';

export const CONTAINER_PACKAGE = '@testcontainers/toxiproxy';
export const DEFAULT_CONTAINER_IMAGE = 'ghcr.io/shopify/toxiproxy:2.12.0';
const CONTROL_PORT = 8474;
/** The proxy ports ToxiProxyContainer publishes. */
const FIRST_PROXY_PORT = 8666;
const PROXY_PORT_COUNT = 32;
/** How testcontainers names this machine inside its containers (for ports exposed with TestContainers.exposeHostPorts). */
export const HOST_FROM_CONTAINER = 'host.testcontainers.internal';

interface StartedToxiProxyContainerLike {
  getHost(): string;
  getMappedPort(port: number): number;
  createProxy(opts: { name: string; upstream: string }): Promise<{ host: string; port: number }>;
  stop(): Promise<unknown>;
}

interface ToxiproxyModuleLike {
  ToxiProxyContainer: new (image: string) => { start(): Promise<StartedToxiProxyContainerLike> };
}

/** Where the Docker engine should answer: DOCKER_HOST (unix:// or tcp://) or the default socket. */
function dockerEndpoint(env: NodeJS.ProcessEnv): { label: string; options: http.RequestOptions } {
  const host = env.DOCKER_HOST ?? '';
  if (host.startsWith('tcp://')) {
    const u = new URL(host.replace(/^tcp:/, 'http:'));
    return { label: host, options: { host: u.hostname, port: Number(u.port || 2375) } };
  }
  const socketPath = host.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
  return { label: `unix://${socketPath}`, options: { socketPath } };
}

/** GET /_ping on the Docker engine; resolves with a problem description or null. */
function pingDocker(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string | null> {
  const { label, options } = dockerEndpoint(env);
  return new Promise((resolve) => {
    const req = http.request({ ...options, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200 ? null : `the Docker engine at ${label} answered ${res.statusCode}`));
    });
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', (err: NodeJS.ErrnoException) => resolve(`no Docker engine answering at ${label} (${err.code ?? err.message})`));
    req.end();
  });
}

export interface StartedContainer {
  url: string;
  close(): Promise<void>;
  createProxy(name: string, upstream: string): Promise<{ host: string; port: number }>;
  /** Published proxy ports, for chaos proxies created over the HTTP API (harness/chaos.ts). */
  addressMap: ContainerAddressMap;
}

/** The address map of a started container: its published proxy ports and where they are reachable. */
export function containerAddressMap(container: Pick<StartedToxiProxyContainerLike, 'getHost' | 'getMappedPort'>): ContainerAddressMap {
  const ports: Array<readonly [number, number]> = [];
  for (let i = 0; i < PROXY_PORT_COUNT; i++) ports.push([FIRST_PROXY_PORT + i, container.getMappedPort(FIRST_PROXY_PORT + i)]);
  return { connectHost: container.getHost(), ports, hostFromContainer: HOST_FROM_CONTAINER };
}

export async function startToxiproxyContainer(env: NodeJS.ProcessEnv, image: string): Promise<StartedContainer> {
  const problems: string[] = [];
  const fixes: string[] = [];
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor < 22) {
    problems.push(`${CONTAINER_PACKAGE} needs Node >= 22 (this is ${process.version})`);
    fixes.push('run on Node 22 or later');
  }
  let mod: ToxiproxyModuleLike | null = null;
  try {
    mod = (await import(/* @vite-ignore */ CONTAINER_PACKAGE as string)) as ToxiproxyModuleLike;
  } catch {
    problems.push(`package ${CONTAINER_PACKAGE} is not installed`);
    fixes.push(`pnpm add -D ${CONTAINER_PACKAGE}`);
  }
  const dockerProblem = await pingDocker(env, 2_000);
  if (dockerProblem) {
    problems.push(dockerProblem);
    fixes.push('start the Docker engine or set DOCKER_HOST');
  }
  if (problems.length > 0 || !mod) {
    throw new ToxiproxyContainerUnavailableError(
      `container provider unavailable: ${problems.join('; ')}. Fix: ${fixes.join('; ')} — or use the embedded provider (spec 'embedded').`,
    );
  }
  const started = await new mod.ToxiProxyContainer(image).start();
  return {
    url: `http://${started.getHost()}:${started.getMappedPort(CONTROL_PORT)}`,
    addressMap: containerAddressMap(started),
    close: async () => {
      await started.stop();
    },
    createProxy: async (name, upstream) => {
      const proxy = await started.createProxy({ name, upstream });
      return { host: proxy.host, port: proxy.port };
    },
  };
}
