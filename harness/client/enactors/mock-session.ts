/**
 * One mocked server session for the JS-level enactors (Playwright routeWebSocket, msw
 * ws.link): the client-visible half of mock-backend/session.ts, driven by the same
 * FaultBehaviour fields — refuse the handshake, cold start, end after open (close with a
 * code, close without status, drop), withhold or delay the welcome, mute, stop answering
 * app pings, server keepalive with or without its pong timeout, drop on malformed JSON.
 * Everything it does and sees goes to the attempt's timeline.
 */
import { now } from '../../clock.js';
import type { EndAction, FaultBehaviour } from '../../faults/behaviour.js';
import type { AttemptLog } from './recorder.js';
import { matches } from '../../match.js';
import { closeOf, serverMessages } from './plan.js';

export interface MockTransport {
  /** Deliver the open to the client; resolves once the client has seen it, so timed faults count from there. */
  open(): Promise<void>;
  send(text: string): void;
  /**
   * The server closes with this code (1005/1006 included: a mocked socket can report any code).
   * A promise resolves once the client has seen the close; the timeline stamps it then.
   */
  close(code: number, reason: string): void | Promise<void>;
  /** Fail the handshake: the client must see no open, then close 1006. A promise: once it has. */
  refuse(): void | Promise<void>;
}

export interface MockSessionOptions {
  behaviour: FaultBehaviour;
  /** Monotonic ms when the faults were switched on (for coldStart). */
  activatedAt: number;
  log: AttemptLog;
  messages: { ping: Record<string, unknown>; pong: Record<string, unknown>; idField: string; welcome: Record<string, unknown> };
  serverPing: { intervalMs: number; timeoutMs: number } | null;
}

export interface MockSession {
  /** Resolves once the handshake is decided: the refusal or the open delivered to the client. */
  readonly ready: Promise<void>;
  onClientMessage(text: string): void;
  onClientClose(code: number, reason: string): void;
  dispose(): void;
}

export function startMockSession(t: MockTransport, o: MockSessionOptions): MockSession {
  const b = o.behaviour;
  const { log, messages: m } = o;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let ended = false;
  let awaitingPong = false;
  let pingSeq = 0;

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!ended) fn();
    }, ms);
    timers.add(timer);
  };
  const dispose = (): void => {
    ended = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
  const send = (msg: Record<string, unknown>): void => {
    if (b.mute || ended) return;
    const text = JSON.stringify(msg);
    log.message('in', text);
    t.send(text);
  };
  const end = (action: EndAction): void => {
    if (ended) return;
    const { code, reason } = closeOf(action);
    const by = action.kind === 'drop' ? 'transport' : 'server';
    dispose();
    const delivered = t.close(code, reason);
    if (delivered) void delivered.then(() => log.close(code, reason, by));
    else log.close(code, reason, by);
  };

  let ready: Promise<void>;
  if (b.rejectUpgrade) {
    const { status, body } = b.rejectUpgrade;
    dispose();
    ready = Promise.resolve(t.refuse()).then(() => log.rejected(status, body));
  } else {
    ready = t.open().then(() => {
      if (ended) return;
      log.open();
      start();
    });
  }

  function start(): void {
    const cold = b.coldStart;
    if (cold && now() - o.activatedAt < cold.forMs) {
      later(cold.delayMs, () => end(cold.end));
      return;
    }
    const a = b.afterOpen;
    if (a) {
      const go = (): void => {
        if (a.send) send(a.send);
        end(a.end);
      };
      // Even a 0 ms end waits one macrotask, so the client sees the open first (as over a wire).
      later(a.delayMs, go);
    }
    if (!b.withholdWelcome && !ended) {
      const welcome = (): void => send(serverMessages.welcome(m.welcome));
      if (b.welcomeDelayMs) later(b.welcomeDelayMs, welcome);
      else welcome();
    }
    if (o.serverPing && b.sendKeepalive !== false && !b.mute && !ended) startKeepalive(o.serverPing);
  }

  function startKeepalive(ka: { intervalMs: number; timeoutMs: number }): void {
    const tick = (): void => {
      pingSeq++;
      awaitingPong = true;
      send(serverMessages.ping(m.ping, m.idField, pingSeq));
      if (b.enforcePongTimeout !== false) {
        later(ka.timeoutMs, () => {
          if (awaitingPong) end({ kind: 'close', code: 1011, reason: 'keepalive timeout' });
        });
      }
      later(ka.intervalMs, tick);
    };
    later(ka.intervalMs, tick);
  }

  return {
    ready,
    onClientMessage(text: string): void {
      if (ended) return;
      log.message('out', text);
      let msg: unknown;
      try {
        msg = JSON.parse(text);
      } catch {
        msg = undefined;
      }
      if (!msg || typeof msg !== 'object' || Array.isArray(msg)) {
        if (b.dropOnMalformedJson) return end({ kind: 'drop' });
        send({ type: 'error', code: 'bad_json', message: 'messages must be JSON objects' });
        return end({ kind: 'close', code: 1007, reason: 'malformed JSON' });
      }
      const rec = msg as Record<string, unknown>;
      // The profile's shapes, matched as a subset of the whole message (whatever their field
      // names): a protocol of {"op":"ping"} is told apart as well as one of {"type":"ping"}.
      if (matches(rec, m.ping)) {
        if (b.answerAppPings !== false) send(serverMessages.pong(m.pong, m.idField, rec[m.idField]));
      } else if (matches(rec, m.pong)) {
        awaitingPong = false;
      }
    },
    onClientClose(code: number, reason: string): void {
      if (ended) return;
      log.close(code, reason, code === 1006 ? 'transport' : 'client');
      dispose();
    },
    dispose,
  };
}
