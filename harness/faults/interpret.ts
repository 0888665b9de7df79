/**
 * The ONE interpreter of the behaviour vocabulary (behaviour.ts): given the active faults'
 * merged behaviour, the keepalive settings, the protocol's shapes and a socket port, it plays
 * a whole server session — the early end before auth, the credential check, cold start, the
 * end after open, the welcome (withheld, delayed), app ping/pong replies, protocol pongs, the
 * server keepalive judged per ping, request/reply (with the unordered-replies jitter),
 * malformed JSON. The reference backend (mock-backend/session.ts) and the mocked enactors
 * (harness/client/enactors/mock-session.ts) are thin adapters onto its port, so a fault is
 * played the same way whichever enactor plays it.
 */
import { matches } from '../match.js';
import type { EndAction } from './behaviour.js';
import { serverMessages } from './messages.js';
import type { PlayedSession, SessionOptions, SessionPort } from './session-port.js';
import { acquireSlot } from './welcome-pool.js';

/** A message with one field renamed (absent rename: the message as it is). */
function renameField(msg: Record<string, unknown>, rename: { from: string; to: string } | undefined): Record<string, unknown> {
  if (!rename || !(rename.from in msg)) return msg;
  const { [rename.from]: value, ...rest } = msg;
  return { ...rest, [rename.to]: value };
}

const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function playSession(port: SessionPort, o: SessionOptions): PlayedSession {
  const { behaviour: b, clock, vocabulary: v } = o;
  const timers = new Set<unknown>();
  let ending = false;
  let disposed = false;
  let ready = false;
  const held: Array<{ text: string; binary: boolean; sizeBytes: number }> = [];

  const later = (ms: number, fn: () => void): void => {
    const handle = clock.setTimeout(() => {
      timers.delete(handle);
      if (!disposed) fn();
    }, ms);
    timers.add(handle);
  };
  /** The welcome pool's slot (welcome-pool), freed when the welcome goes or the session ends. */
  let releaseSlot = (): void => undefined;
  const clearTimers = (): void => {
    releaseSlot();
    for (const handle of timers) clock.clearTimeout(handle);
    timers.clear();
  };
  const send = (msg: Record<string, unknown>): void => {
    if (b.mute || ending || disposed) return;
    port.sendText(JSON.stringify(msg));
  };
  /** End the connection once; every pending fault timer stops, nothing more is sent. */
  const finish = (action: EndAction): void => {
    if (ending || disposed) return;
    ending = true;
    clearTimers();
    port.end(action);
  };

  // A handler that dies before it even checks the token.
  const early = b.afterOpen?.phase === 'before-auth' ? b.afterOpen : undefined;
  if (early) {
    if (early.delayMs === 0 && o.zeroDelayEnd === 'now') finish(early.end);
    else later(early.delayMs, () => finish(early.end));
  }

  if (!ending) {
    if (o.authorize) {
      void o.authorize(b).then(
        (refusal) => {
          if (ending || disposed) return;
          if (refusal !== undefined && !b.acceptAnyToken) return finish({ kind: 'close', code: 1008, reason: refusal });
          admit();
        },
        () => finish({ kind: 'close', code: 1011, reason: 'credential check failed' }),
      );
    } else admit();
  }

  function admit(): void {
    ready = true;
    start();
    for (const m of held.splice(0)) onMessage(m.text, m);
  }

  function start(): void {
    const cold = b.coldStart;
    if (cold && clock.now() - o.activatedAt < cold.forMs) {
      later(cold.delayMs, () => finish(cold.end));
      return;
    }
    const a = b.afterOpen;
    if (a?.phase === 'after-auth') {
      later(a.delayMs, () => {
        if (a.send) send(a.send);
        finish(a.end);
      });
    }
    if (!b.withholdWelcome) {
      const welcome = (): void => {
        send(renameField(serverMessages.welcome(v, o.connectionId), b.welcomeRenameField));
        if (!b.mute) o.onWelcomeSent?.();
      };
      const pool = b.welcomePool;
      if (pool) {
        releaseSlot = acquireSlot(pool, () =>
          later(pool.holdMs, () => {
            releaseSlot();
            welcome();
          }),
        );
      } else if (b.welcomeDelayMs) later(b.welcomeDelayMs, welcome);
      else welcome();
    }
    if (o.keepalive && b.sendKeepalive !== false && !b.mute) startKeepalive(o.keepalive);
  }

  // Server keepalive: ping every intervalMs; a ping with no pong (app or frame) after it within
  // timeoutMs ends the connection. Each ping is judged on its own: a newer ping must not hide
  // the missing answer to an older one, nor an older answer excuse a newer ping.
  let lastPongAt = -Infinity;
  let pingSeq = 0;
  function startKeepalive(ka: NonNullable<SessionOptions['keepalive']>): void {
    const tick = (): void => {
      pingSeq++;
      const sentAt = clock.now();
      if (ka.kind !== 'protocol') send(serverMessages.ping(v, pingSeq));
      if (ka.kind !== 'app' && !b.mute && !ending) port.sendPingFrame?.(`ka-${pingSeq}`);
      if (b.enforcePongTimeout !== false) {
        later(ka.timeoutMs, () => {
          if (lastPongAt >= sentAt) return;
          if (ka.onTimeout === 'terminate') return finish({ kind: 'drop' });
          finish({ kind: 'close', code: 1011, reason: 'keepalive timeout' });
          // A dead peer cannot finish the close handshake: give it a short grace, then drop it.
          if (!port.closeIsFinal) later(Math.max(10, Math.min(1000, ka.timeoutMs / 2)), () => port.end({ kind: 'drop' }));
        });
      }
      later(ka.intervalMs, tick);
    };
    later(ka.intervalMs, tick);
  }

  function onMessage(text: string, m: { binary?: boolean; sizeBytes?: number } = {}): void {
    if (ending || disposed) return;
    const sizeBytes = m.sizeBytes ?? Buffer.byteLength(text);
    if (!ready) return void held.push({ text, binary: m.binary === true, sizeBytes });
    if (o.maxPayloadBytes !== undefined && sizeBytes > o.maxPayloadBytes) {
      return finish({ kind: 'close', code: 1009, reason: `message too big (max ${o.maxPayloadBytes} bytes)` });
    }
    if (m.binary) return finish({ kind: 'close', code: 1003, reason: 'binary messages are not supported' });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      if (b.dropOnMalformedJson) return finish({ kind: 'drop' });
      send(serverMessages.badJson());
      return finish({ kind: 'close', code: 1007, reason: 'malformed JSON' });
    }
    const msg = parsed as Record<string, unknown>;
    // The vocabulary's shapes, matched as a subset of the whole message (whatever their field
    // names): a protocol of {"op":"ping"} is told apart as well as one of {"type":"ping"}.
    if (matches(msg, v.ping)) {
      if (b.answerAppPings !== false) send(serverMessages.pong(v, msg[v.idField]));
    } else if (matches(msg, v.pong)) {
      lastPongAt = clock.now();
    } else if (matches(msg, v.chat.request)) {
      const typed = b.dropOnWrongTypedField;
      if (typed && typed.field in msg && jsonType(msg[typed.field]) !== typed.type) return finish({ kind: 'drop' });
      const field = b.replyFieldAsNumber;
      const reply = (): void => send(field ? { ...serverMessages.chatReply(v, o.connectionId, msg), [field]: Date.now() } : serverMessages.chatReply(v, o.connectionId, msg));
      if (b.replyJitterMs) later(Math.floor(Math.random() * b.replyJitterMs), reply);
      else reply();
    } else if (b.dropOnUnknownType) {
      return finish({ kind: 'drop' });
    } else if (v.unknownMessages === 'error') {
      send(serverMessages.unknownType(msg));
    }
  }

  return {
    onMessage,
    onPingFrame(payload: Buffer): void {
      // Protocol pongs go even from a muted server (the WebSocket layer answers, not the app).
      if (!ending && !disposed && b.answerProtocolPings !== false) port.sendPongFrame?.(payload);
    },
    onPongFrame(): void {
      lastPongAt = clock.now();
    },
    dispose(): void {
      disposed = true;
      clearTimers();
    },
  };
}
