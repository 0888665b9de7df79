/**
 * A reference backend a deploy storm can restart: it listens on a port that stays the same
 * across restarts (so the profile's URLs stay true), and `storm(kind)` plays a deploy:
 * - `restart`: graceful — every client gets a close frame (1001 "going away", or 1012 "service
 *   restart"), the server stops, and a fresh one (empty registry, same faults) listens again;
 * - `crash`: no close frame — every socket is destroyed at once, as when the process dies, and a
 *   fresh server comes back after `downMs`.
 * `storm()` resolves once the fresh server listens, with when it went down and came back
 * (monotonic ms), which is what the storm judges need to tell "refused while down" from
 * "failed while up".
 */
import { now, type Profile } from '../harness/index.js';
import { invalidTokens, signToken } from './auth.js';
import { COMPRESSED_KEEPALIVE, referenceProfile } from './profile.js';
import { startReferenceBackend, type BackendOptions, type RunningBackend } from './server.js';
import { closeClients } from './close-clients.js';

export type BackendStormKind = 'restart' | 'crash';

export interface StormTiming {
  /** When the first client was dropped (monotonic ms). */
  downAt: number;
  /** When the fresh server listened again (monotonic ms). */
  upAt: number;
}

export interface RestartableBackend {
  /** The backend now serving (a new object after each storm). */
  current(): RunningBackend;
  wsUrl: string;
  healthUrl: string;
  storm(kind: BackendStormKind, o?: { closeCode?: 1001 | 1012; downMs?: number }): Promise<StormTiming>;
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 1000;

export async function startRestartableBackend(options: BackendOptions & { host?: string } = {}): Promise<RestartableBackend> {
  let backend = await startReferenceBackend({ ...options, port: 0 });
  const port = Number(new URL(backend.baseUrl).port);
  let closed = false;
  let busy: Promise<unknown> = Promise.resolve();
  const storm = async (kind: BackendStormKind, o: { closeCode?: 1001 | 1012; downMs?: number } = {}): Promise<StormTiming> => {
    const old = backend;
    const downAt = now();
    if (kind === 'crash') {
      for (const ws of old.app.websocketServer.clients) ws.terminate();
    } else {
      await closeClients(old.app.websocketServer.clients, o.closeCode ?? 1001, (o.closeCode ?? 1001) === 1012 ? 'service restart' : 'going away', CLOSE_GRACE_MS);
    }
    await old.close();
    const downMs = o.downMs ?? 0;
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    if (closed) throw new Error('the restartable backend was closed during a storm');
    backend = await startReferenceBackend({ ...options, port });
    return { downAt, upAt: now() };
  };
  return {
    current: () => backend,
    wsUrl: backend.wsUrl,
    healthUrl: backend.healthUrl,
    storm: (kind, o) => {
      const run = busy.then(() => storm(kind, o));
      busy = run.catch(() => undefined);
      return run;
    },
    close: async () => {
      closed = true;
      await busy;
      await backend.close();
    },
  };
}

/** The restartable backend with the profile that describes it (like target.ts's reference target). */
export async function startRestartableTarget(o: { faults?: BackendOptions['faults']; welcomeBudgetMs?: number; logLevel?: string } = {}): Promise<{ backend: RestartableBackend; profile: Profile; close(): Promise<void> }> {
  const backend = await startRestartableBackend({ faults: o.faults, logLevel: o.logLevel ?? 'silent', keepalive: COMPRESSED_KEEPALIVE });
  const secret = backend.current().config.jwtSecret;
  const token = await signToken(secret, 'ws-chaos-load');
  const profile = referenceProfile({ invalidTokens: await invalidTokens(secret), wsUrl: backend.wsUrl, healthUrl: backend.healthUrl, token, keepalive: COMPRESSED_KEEPALIVE, welcomeBudgetMs: o.welcomeBudgetMs });
  return { backend, profile, close: () => backend.close() };
}
