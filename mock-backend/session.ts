/**
 * One WebSocket session of the reference backend: a `ws` socket adapted onto the one
 * interpreter of the behaviour vocabulary (harness/faults/interpret.ts), which plays auth,
 * welcome, app ping/pong, chat, the server keepalive — and whatever the active fault behaviour
 * says instead. What stays here is what only a real server has: the connection registry (and
 * its leak), the observer events, protocol ping frames, and the TCP drop on a client's close
 * frame; and a plain-text heartbeat when the config states one (config.textHeartbeat: the text
 * ping answered with the text pong, the keepalive sent as the text ping, the text pong counted),
 * as the mocked enactors speak it. The behaviour is a snapshot taken when the connection opens, so switching faults
 * never changes a live session.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { FaultBehaviour } from '../harness/faults/behaviour.js';
import { playSession } from '../harness/faults/interpret.js';
import { REFERENCE_VOCABULARY } from '../harness/faults/messages.js';
import { realClock, type SessionPort } from '../harness/faults/session-port.js';
import { matches, now, parseJson } from '../harness/index.js';
import { tokenFrom, verifyToken } from './auth.js';
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

  deps.register(id);
  observer.emit('open', { id, t: now() });
  if (b.dropOnClientClose) {
    // ws's frame parser announces a received close frame with 'conclude'; get there before ws
    // answers it and drop the TCP connection instead.
    const receiver = (socket as unknown as { _receiver?: NodeJS.EventEmitter })._receiver;
    if (!receiver) throw new Error('ws internals changed: no _receiver to hook drop-on-client-close into');
    receiver.prependListener('conclude', () => raw.destroy());
  }

  const heartbeat = config.textHeartbeat;
  const port: SessionPort = {
    sendText: (text) => {
      if (socket.readyState !== socket.OPEN) return;
      // The keepalive's ping, in the client's plain-text heartbeat when it has one.
      socket.send(heartbeat && matches(parseJson(text), REFERENCE_VOCABULARY.ping) ? heartbeat.ping : text);
    },
    sendPingFrame: (payload) => socket.ping(payload),
    sendPongFrame: (payload) => socket.pong(payload),
    end: (action) => {
      if (action.kind === 'drop') socket.terminate();
      else if (action.kind === 'close-no-status') socket.close();
      else socket.close(action.code, action.reason);
    },
  };
  const session = playSession(port, {
    behaviour: b,
    activatedAt: deps.activatedAt,
    keepalive: config.keepalive,
    vocabulary: REFERENCE_VOCABULARY,
    clock: realClock,
    connectionId: id,
    // HTTP-mode auth was already answered at the upgrade.
    authorize:
      config.auth.reject === 'close'
        ? async (behaviour) => {
            const result = await verifyToken(config.jwtSecret, tokenFrom(url, authorization), { ignoreExpiry: behaviour.acceptExpiredToken });
            return result.ok ? undefined : result.reason;
          }
        : undefined,
    maxPayloadBytes: config.maxPayloadBytes,
    zeroDelayEnd: 'now',
    onWelcomeSent: () => observer.emit('welcome-sent', { id, t: now() }),
  });

  socket.on('close', (code: number) => {
    session.dispose();
    if (!b.leakConnections) deps.unregister(id);
    observer.emit('close', { id, code, t: now() });
  });
  socket.on('error', () => {
    /* the close event follows */
  });
  // Protocol pings: answered by hand (autoPong is off) so a fault can withhold them.
  socket.on('ping', (data: Buffer) => session.onPingFrame(data));
  socket.on('pong', () => session.onPongFrame());
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    const text = data.toString('utf8');
    if (heartbeat && !isBinary && text === heartbeat.ping) {
      // Answered like the JSON ping: unless a fault withholds pongs or silences the server.
      if (b.answerAppPings !== false && !b.mute && socket.readyState === socket.OPEN) socket.send(heartbeat.pong);
      return;
    }
    if (heartbeat && !isBinary && text === heartbeat.pong) return session.onMessage(JSON.stringify(REFERENCE_VOCABULARY.pong));
    session.onMessage(text, { binary: isBinary, sizeBytes: data.length });
  });
}
