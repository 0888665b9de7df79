/**
 * The reference backend: Fastify + @fastify/websocket speaking the reference protocol (JWT
 * auth, welcome, app ping/pong, server keepalive, chat), able to play every fault of the
 * catalogue on demand. `buildServer()` builds without listening (tests can `injectWS()` or
 * listen on port 0); `startReferenceBackend()` listens and hands back URLs and a `close()`.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { tokenFrom, verifyToken } from './auth.js';
import type { FaultBehaviour } from '../harness/faults/behaviour.js';
import { formatFault, resolveFaults, type ActiveFault, type FaultSpecInput } from '../harness/faults/spec.js';
import { ConfigError, EnvironmentError, now, redactString } from '../harness/index.js';
import { isLoopbackAddress, isLoopbackHost, isLoopbackHostHeader } from './host.js';
import { runSession } from './session.js';
import { DEFAULT_CONFIG, type BackendConfig, type BackendObserver } from './types.js';
import { closeClients } from './close-clients.js';

export interface BackendOptions extends Partial<Omit<BackendConfig, 'keepalive' | 'auth'>> {
  keepalive?: Partial<BackendConfig['keepalive']>;
  auth?: Partial<BackendConfig['auth']>;
  faults?: FaultSpecInput[];
  /** How long `faults` have already been on (ms): a backend restarted within a run (a new Playwright worker) continues the run's fault clock (coldStart). */
  faultsOnForMs?: number;
}

export interface ReferenceBackend {
  app: FastifyInstance;
  config: BackendConfig;
  observer: BackendObserver;
  /** Replace the active faults (validated; throws ConfigError on unknown names or values). */
  setFaults(faults: FaultSpecInput[]): ActiveFault[];
  activeFaults(): ActiveFault[];
  connectionCount(): number;
}

const GOING_AWAY_GRACE_MS = 1000;
/**
 * The listen queue: Node's default (511) overflows under a burst of arrivals (thousands a second
 * here: the kernel drops the SYNs past it and the client retries 1 s, 3 s, 7 s later), so the
 * backend would measure the kernel's retry schedule, not its own rate. The kernel caps it at
 * net.core.somaxconn.
 */
const LISTEN_BACKLOG = 65_535;

export async function buildServer(options: BackendOptions = {}): Promise<ReferenceBackend> {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const config: BackendConfig = {
    ...DEFAULT_CONFIG,
    ...defined,
    auth: { ...DEFAULT_CONFIG.auth, ...options.auth },
    keepalive: { ...DEFAULT_CONFIG.keepalive, ...options.keepalive },
  };
  const observer: BackendObserver = new EventEmitter();
  const startedAt = now();
  const connections = new Set<string>();
  let active: ActiveFault[] = [];
  let behaviour: FaultBehaviour = {};
  let activatedAt = now();

  const setFaults = (faults: FaultSpecInput[]): ActiveFault[] => {
    ({ active, behaviour } = resolveFaults(faults));
    activatedAt = now();
    return active;
  };
  setFaults(options.faults ?? []);
  activatedAt -= options.faultsOnForMs ?? 0;

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const readLoopLagMs = (): number => {
    const ms = Math.max(0, loopDelay.max / 1e6 - 10);
    loopDelay.reset();
    return Math.round(ms * 100) / 100;
  };

  const app = Fastify({
    ...(config.requestTimeoutMs > 0
      ? {
          serverFactory: (handler: http.RequestListener) =>
            http.createServer(
              { requestTimeout: config.requestTimeoutMs, headersTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.max(5, Math.floor(config.requestTimeoutMs / 4)) },
              handler,
            ),
        }
      : {}),
    logger: {
      level: config.logLevel,
      serializers: { req: (req) => ({ method: req.method, url: redactString(req.url), remoteAddress: req.ip }) },
    },
    forceCloseConnections: true,
  });
  app.addHook('onClose', async () => loopDelay.disable());
  await app.register(websocket, {
    // ws refuses frames past 4x the app limit on its own (1009); the session refuses messages
    // past the app limit with a reason.
    options: { maxPayload: config.maxPayloadBytes * 4, autoPong: false, perMessageDeflate: false },
    errorHandler: (error, socket) => {
      app.log.debug({ err: error }, 'websocket error');
      socket.terminate();
    },
    preClose: async function goingAway() {
      await closeClients(app.websocketServer.clients, 1001, 'going away', GOING_AWAY_GRACE_MS);
      await new Promise<void>((resolve) => app.websocketServer.close(() => resolve()));
    },
  });

  app.get('/health', async () => ({
    status: 'ok',
    uptime_seconds: Math.round((now() - startedAt) / 10) / 100,
    connections: connections.size,
    faults: active.map(formatFault),
    // For soaks: the process's memory and its event loop's worst delay since the last read.
    rss_bytes: process.memoryUsage.rss(),
    event_loop_lag_ms: readLoopLagMs(),
  }));

  // A loopback socket is not enough: a browser page on this machine whose name was rebound to
  // 127.0.0.1 connects from loopback too, but its Host header still names the attacker's host.
  const loopbackOnly = async (request: FastifyRequest): Promise<void> => {
    const refusal = !isLoopbackAddress(request.socket.remoteAddress ?? '')
      ? 'the admin endpoint answers loopback clients only'
      : !isLoopbackHostHeader(request.headers.host)
        ? 'the admin endpoint answers requests for 127.0.0.1, localhost or [::1] only (Host header refused)'
        : undefined;
    if (refusal) {
      const err = new Error(refusal) as Error & { statusCode: number };
      err.statusCode = 403;
      throw err;
    }
  };
  app.get('/__admin/faults', { onRequest: loopbackOnly }, async () => ({ faults: active }));
  app.put<{ Body: { faults?: unknown } }>('/__admin/faults', { onRequest: loopbackOnly }, async (request, reply) => {
    const list = request.body?.faults;
    if (!Array.isArray(list)) return reply.code(400).send({ error: 'body must be {"faults": [name | {name, params}]}' });
    try {
      return { faults: setFaults(list as FaultSpecInput[]) };
    } catch (e) {
      return reply.code(400).send({ error: (e as Error).message });
    }
  });

  app.route({
    method: 'GET',
    url: config.path,
    // Upgrade-time faults and HTTP-mode auth: answered before accept, as a real route would.
    preValidation: async (request, reply) => {
      const reject = behaviour.rejectUpgrade;
      if (reject) return reply.code(reject.status).header('content-type', 'application/json').send(reject.body);
      if (config.maxConnections > 0 && connections.size >= config.maxConnections) {
        return reply.code(503).send({ error: `connection limit reached (${config.maxConnections})` });
      }
      if (config.auth.reject === 'http' && !behaviour.acceptAnyToken) {
        const result = await verifyToken(config.jwtSecret, tokenFrom(request.url, request.headers.authorization));
        if (!result.ok) return reply.code(401).send({ error: result.reason });
      }
    },
    handler: (_request, reply) => reply.code(426).send({ error: 'this route speaks WebSocket: send an Upgrade request' }),
    wsHandler: (socket: WebSocket, request) => {
      runSession(socket, request.raw.socket, request.url, request.headers.authorization, {
        config,
        behaviour,
        observer,
        activatedAt,
        register: (id) => connections.add(id),
        unregister: (id) => connections.delete(id),
      });
    },
  });

  return {
    app,
    config,
    observer,
    setFaults,
    activeFaults: () => active,
    connectionCount: () => connections.size,
  };
}

export interface RunningBackend extends ReferenceBackend {
  /** http://host:port */
  baseUrl: string;
  /** ws://host:port/ws */
  wsUrl: string;
  healthUrl: string;
  adminUrl: string;
  close(): Promise<void>;
}

/** The admin routes answer loopback only: bound to every interface, they are reached through loopback. */
function adminBase(addr: AddressInfo): string {
  if (addr.address === '0.0.0.0') return `http://127.0.0.1:${addr.port}`;
  if (addr.address === '::') return `http://[::1]:${addr.port}`;
  return addr.family === 'IPv6' ? `http://[${addr.address}]:${addr.port}` : `http://${addr.address}:${addr.port}`;
}

export async function startReferenceBackend(options: BackendOptions & { host?: string; port?: number } = {}): Promise<RunningBackend> {
  const host = options.host ?? '127.0.0.1';
  const secret = options.jwtSecret ?? DEFAULT_CONFIG.jwtSecret;
  if (!isLoopbackHost(host) && secret === DEFAULT_CONFIG.jwtSecret) {
    throw new ConfigError(
      'WSC_ERR_USAGE',
      `--host ${host} lets other machines reach the reference backend, and its built-in JWT secret is public (it is in the source), so anyone could mint tokens: pass --secret <secret> or set WSC_JWT_SECRET, or bind --host 127.0.0.1.`,
    );
  }
  if (secret === '') throw new ConfigError('WSC_ERR_USAGE', 'the JWT secret is empty: pass a non-empty --secret or WSC_JWT_SECRET, or leave both unset for the built-in one.');
  const backend = await buildServer(options);
  try {
    await backend.app.listen({ host, port: options.port ?? 0, backlog: LISTEN_BACKLOG });
  } catch (e) {
    await backend.app.close().catch(() => undefined);
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') {
      throw new EnvironmentError('WSC_ERR_PORT_IN_USE', `port ${options.port} on ${host} is already in use: pick another --port, or 0 for a free one.`);
    }
    if (err.code === 'ENOTFOUND') {
      throw new ConfigError('WSC_ERR_USAGE', `--host ${host} does not resolve on this machine: use an IP address of this machine (127.0.0.1, 0.0.0.0) or localhost.`);
    }
    if (err.code === 'EADDRNOTAVAIL') {
      throw new EnvironmentError('WSC_ERR_ENVIRONMENT', `--host ${host} is not an address of this machine: use 127.0.0.1, 0.0.0.0 or one of this machine's addresses.`);
    }
    throw new EnvironmentError('WSC_ERR_ENVIRONMENT', `the reference backend could not listen on ${host}:${options.port ?? 0}: ${err.message}`);
  }
  const addr = backend.app.server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const baseUrl = `http://${shownHost}:${addr.port}`;
  let closing: Promise<void> | undefined;
  return {
    ...backend,
    baseUrl,
    wsUrl: `ws://${shownHost}:${addr.port}${backend.config.path}`,
    healthUrl: `${baseUrl}/health`,
    adminUrl: `${adminBase(addr)}/__admin/faults`,
    close: () => (closing ??= backend.app.close()),
  };
}
