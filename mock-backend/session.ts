/**
 * One WebSocket session of the reference backend: auth, welcome, app ping/pong, chat, the
 * server keepalive — and whatever the active fault behaviour says instead. The behaviour is a
 * snapshot taken when the connection opens, so switching faults never changes a live session.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { now } from '../harness/clock.js';
import { tokenFrom, verifyToken } from './auth.js';
import type { EndAction, FaultBehaviour } from '../harness/faults/behaviour.js';
import type { BackendConfig, BackendObserver } from './types.js';

export interface SessionDeps {
  config: BackendConfig;
  behaviour: FaultBehaviour;
  observer: BackendObserver;
  /** When the active faults were switched on (monotonic ms). */
  activatedAt: number;
  register(id: string): void;
  unregister(id: string): void;
}

export function runSession(socket: WebSocket, raw: Socket, url: string | undefined, authorization: string | undefined, deps: SessionDeps): void {
  const { config, behaviour: b, observer } = deps;
  const id = randomUUID();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  let ready = false;
  let ended = false;
  const pending: Array<{ data: Buffer; isBinary: boolean }> = [];

  deps.register(id);
  observer.emit('open', { id, t: now() });
  socket.on('close', (code: number) => {
    ended = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
    if (!b.leakConnections) deps.unregister(id);
    observer.emit('close', { id, code, t: now() });
  });
  socket.on('error', () => {
    /* the close event follows */
  });

  // Protocol pings: answered by hand (autoPong is off) so a fault can withhold them.
  socket.on('ping', (data: Buffer) => {
    if (b.answerProtocolPings !== false) socket.pong(data);
  });
  if (b.dropOnClientClose) {
    // ws's frame parser announces a received close frame with 'conclude'; get there before ws
    // answers it and drop the TCP connection instead.
    const receiver = (socket as unknown as { _receiver?: NodeJS.EventEmitter })._receiver;
    if (!receiver) throw new Error('ws internals changed: no _receiver to hook drop-on-client-close into');
    receiver.prependListener('conclude', () => raw.destroy());
  }
  // Attach the message handler synchronously; buffer until auth is done.
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (!ready) pending.push({ data, isBinary });
    else onMessage(data, isBinary);
  });

  const end = (action: EndAction): void => {
    if (ended) return;
    if (action.kind === 'drop') socket.terminate();
    else if (action.kind === 'close-no-status') socket.close();
    else socket.close(action.code, action.reason);
  };
  const send = (msg: Record<string, unknown>): void => {
    if (b.mute || ended || socket.readyState !== socket.OPEN) return;
    socket.send(JSON.stringify(msg));
  };

  // A handler that dies before it even checks the token.
  if (b.afterOpen?.phase === 'before-auth') {
    const a = b.afterOpen;
    if (a.delayMs === 0) return end(a.end);
    later(a.delayMs, () => end(a.end));
  }

  void (async () => {
    if (config.auth.reject === 'close') {
      const result = await verifyToken(config.jwtSecret, tokenFrom(url, authorization), { ignoreExpiry: b.acceptExpiredToken });
      if (!result.ok && !b.acceptAnyToken) {
        socket.close(1008, result.reason);
        return;
      }
    }
    if (ended) return;
    ready = true;
    startSession();
    for (const m of pending.splice(0)) onMessage(m.data, m.isBinary);
  })();

  function startSession(): void {
    const cold = b.coldStart;
    if (cold && now() - deps.activatedAt < cold.forMs) {
      later(cold.delayMs, () => end(cold.end));
      return;
    }
    const a = b.afterOpen;
    if (a?.phase === 'after-auth') {
      later(a.delayMs, () => {
        if (a.send) send(a.send);
        end(a.end);
      });
    }
    if (!b.withholdWelcome) {
      const welcome = (): void => {
        send({ type: 'connection_established', connection_id: id, server_time: new Date().toISOString() });
        if (!b.mute) observer.emit('welcome-sent', { id, t: now() });
      };
      if (b.welcomeDelayMs) later(b.welcomeDelayMs, welcome);
      else welcome();
    }
    if (b.sendKeepalive !== false && !b.mute) startKeepalive();
  }

  // Server keepalive: ping every intervalMs; a ping with no pong (app or frame) after it within
  // timeoutMs ends the connection. Each ping is judged on its own: a newer ping must not hide
  // the missing answer to an older one, nor an older answer excuse a newer ping.
  let lastPongAt = -Infinity;
  let pingSeq = 0;
  function startKeepalive(): void {
    const ka = config.keepalive;
    const tick = (): void => {
      if (ended) return;
      pingSeq++;
      const sentAt = now();
      if (ka.kind !== 'protocol') send({ type: 'ping', id: pingSeq, server_time: new Date().toISOString() });
      if (ka.kind !== 'app') socket.ping(`ka-${pingSeq}`);
      if (b.enforcePongTimeout !== false) {
        later(ka.timeoutMs, () => {
          if (lastPongAt >= sentAt || ended) return;
          if (ka.onTimeout === 'terminate') return socket.terminate();
          // A dead peer cannot finish the close handshake: give it a short grace, then drop it.
          socket.close(1011, 'keepalive timeout');
          later(Math.max(10, Math.min(1000, ka.timeoutMs / 2)), () => socket.terminate());
        });
      }
      later(ka.intervalMs, tick);
    };
    later(ka.intervalMs, tick);
  }
  socket.on('pong', () => {
    lastPongAt = now();
  });

  function onMessage(data: Buffer, isBinary: boolean): void {
    if (ended) return;
    if (data.length > config.maxPayloadBytes) {
      socket.close(1009, `message too big (max ${config.maxPayloadBytes} bytes)`);
      return;
    }
    if (isBinary) {
      socket.close(1003, 'binary messages are not supported');
      return;
    }
    let msg: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(data.toString('utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      msg = parsed as Record<string, unknown>;
    } catch {
      if (b.dropOnMalformedJson) return void socket.terminate();
      send({ type: 'error', code: 'bad_json', message: 'messages must be JSON objects' });
      socket.close(1007, 'malformed JSON');
      return;
    }
    switch (msg.type) {
      case 'ping':
        if (b.answerAppPings !== false) send({ type: 'pong', ...(msg.id !== undefined ? { id: msg.id } : {}), server_time: new Date().toISOString() });
        return;
      case 'pong':
        lastPongAt = now();
        return;
      case 'chat': {
        const reply = (): void =>
          send({ type: 'chat_response', message: `echo: ${String(msg.message ?? '')}`, ...(msg.seq !== undefined ? { seq: msg.seq } : {}), connection_id: id, timestamp: new Date().toISOString() });
        if (b.replyJitterMs) later(Math.floor(Math.random() * b.replyJitterMs), reply);
        else reply();
        return;
      }
      default:
        send({ type: 'error', code: 'unknown_type', message: `unknown message type ${JSON.stringify(msg.type ?? null)}` });
    }
  }
}
