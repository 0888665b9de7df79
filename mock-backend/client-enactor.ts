/**
 * The reference backend as a client enactor ("the real server"), for clients that dial a URL: a real server on
 * 127.0.0.1 (port 0 unless asked) playing the catalogue's faults through `setFaults`, with
 * its app keepalive set from the client profile's `serverPing` and its plain-text heartbeat from
 * `messages.text`. The enactor watches the
 * server from outside — the HTTP upgrade, the accepted socket's sends, closes and incoming
 * messages — and records one timeline per client attempt. It never changes the backend.
 * It lives with the reference backend, not in the engine: whoever starts a client run hands it
 * to the engine as a ClientEnactor (the engine never imports the reference backend).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket as WsSocket } from 'ws';
import { AttemptRecorder, guardHandler, now, scaledPolicy, type AttemptLog, type ClientEnactor, type ClientProfile, type Closer, type PlayedPlan, type ServerPlan } from '../harness/index.js';
import { signToken } from './auth.js';
import { startReferenceBackend, type RunningBackend } from './server.js';

/** A keepalive interval that never fires within a run, for profiles without serverPing. */
const NO_KEEPALIVE_MS = 3_600_000;

export interface BackendEnactor extends ClientEnactor {
  readonly kind: 'backend';
  readonly dialUrl: string;
  readonly backend: RunningBackend;
}

export async function startBackendEnactor(profile: ClientProfile, o: { port?: number; logLevel?: string } = {}): Promise<BackendEnactor> {
  const policy = scaledPolicy(profile);
  const ka = policy.serverPing;
  const backend = await startReferenceBackend({
    port: o.port ?? 0,
    logLevel: o.logLevel,
    keepalive: { kind: 'app', intervalMs: ka?.intervalMs ?? NO_KEEPALIVE_MS, timeoutMs: ka?.timeoutMs ?? NO_KEEPALIVE_MS, onTimeout: 'close' },
    // The client's plain-text heartbeat, when its profile states one (else a "ping" is malformed JSON: 1007).
    ...(profile.messages.text ? { textHeartbeat: { ...profile.messages.text } } : {}),
  });
  const token = await signToken(backend.config.jwtSecret, 'ws-chaos-client');
  const dialUrl = `${backend.wsUrl}?token=${token}`;
  const recorder = new AttemptRecorder();
  const byRequest = new WeakMap<IncomingMessage, AttemptLog>();
  let offTimer: NodeJS.Timeout | undefined;

  const onUpgrade = (req: IncomingMessage, socket: Duplex): void => {
    const log = recorder.begin(`${backend.wsUrl.replace(/\/[^/]*$/, '')}${req.url ?? ''}`);
    byRequest.set(req, log);
    let status: number | undefined;
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    (socket as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
      if (status === undefined) {
        const m = /^HTTP\/1\.[01] (\d{3})/.exec(String(args[0]).slice(0, 32));
        status = m ? Number(m[1]) : 0;
        if (status !== 101) log.rejected(status);
      }
      return write(...args);
    };
    socket.once('close', () => {
      if (!log.opened) log.rejected(status ?? 0);
    });
  };

  const onConnection = (ws: WsSocket, req: IncomingMessage): void => {
    const log = byRequest.get(req);
    if (!log) return;
    log.open();
    let serverClose: { code: number; reason: string; by: Closer } | undefined;
    const send = ws.send.bind(ws) as (...args: unknown[]) => void;
    (ws as { send: (...args: unknown[]) => void }).send = (...args: unknown[]) => {
      log.message('in', String(args[0]));
      send(...args);
    };
    const close = ws.close.bind(ws);
    ws.close = (code?: number, reason?: string | Buffer) => {
      // ws echoes a client's close frame through this same method, after setting _closeFrameReceived.
      const echo = (ws as unknown as { _closeFrameReceived?: boolean })._closeFrameReceived === true;
      if (!echo) serverClose ??= { code: code ?? 1005, reason: reason?.toString() ?? '', by: 'server' };
      close(code, reason);
    };
    const terminate = ws.terminate.bind(ws);
    ws.terminate = () => {
      serverClose ??= { code: 1006, reason: '', by: 'transport' };
      terminate();
    };
    ws.on('message', (data: Buffer) => log.message('out', data.toString('utf8')));
    ws.on('close', (code: number, reason: Buffer) => {
      if (serverClose) log.close(serverClose.code, serverClose.reason, serverClose.by);
      else log.close(code, reason.toString('utf8'), code === 1006 ? 'transport' : 'client');
    });
  };

  const guardedUpgrade = guardHandler(recorder, 'backend enactor upgrade watcher', onUpgrade);
  const guardedConnection = guardHandler(recorder, 'backend enactor connection watcher', onConnection);
  backend.app.server.on('upgrade', guardedUpgrade);
  backend.app.websocketServer.on('connection', guardedConnection);

  let closing: Promise<void> | undefined;
  return {
    kind: 'backend',
    dialUrl,
    backend,
    recorder,
    play(plan: ServerPlan): PlayedPlan {
      clearTimeout(offTimer);
      backend.setFaults(plan.faults ?? []);
      const activatedAt = now();
      if (plan.forMs === undefined) return { activatedAt };
      offTimer = setTimeout(() => backend.setFaults([]), plan.forMs);
      return { activatedAt, endsAt: activatedAt + plan.forMs };
    },
    endSessions(): void {
      for (const ws of backend.app.websocketServer.clients) ws.terminate();
    },
    close: () =>
      (closing ??= (async () => {
        clearTimeout(offTimer);
        backend.app.server.off('upgrade', guardedUpgrade);
        await backend.close();
      })()),
  };
}
