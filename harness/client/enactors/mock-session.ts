/**
 * One mocked server session for the JS-level enactors (Playwright routeWebSocket, msw
 * ws.link): a mocked socket adapted onto the one interpreter of the behaviour vocabulary
 * (harness/faults/interpret.ts), the same one the reference backend drives. What stays here is
 * what only a mocked socket has: the refused handshake delivered as a close before open, the
 * open delivered to the client before any timed fault counts, the attempt's timeline
 * (everything the session sends and sees goes to it), and the client's own protocol: a plain-text
 * heartbeat spoken back (its "ping" is the profile's heartbeat, not malformed JSON to close 1007).
 */
import type { FaultBehaviour } from '../../faults/behaviour.js';
import { playSession } from '../../faults/interpret.js';
import { matches, parseJson } from '../../match.js';
import { REFERENCE_VOCABULARY } from '../../faults/messages.js';
import { realClock, type PlayedSession, type SessionPort } from '../../faults/session-port.js';
import type { AttemptLog } from './recorder.js';
import { closeOf } from './plan.js';

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
  /** The client's protocol as the profile states it; `text`: a plain-text heartbeat ("ping"/"pong" frames). */
  messages: { ping: Record<string, unknown>; pong: Record<string, unknown>; idField: string; welcome: Record<string, unknown>; text?: { ping: string; pong: string } };
  serverPing: { intervalMs: number; timeoutMs: number } | null;
}

export interface MockSession {
  /** Resolves once the handshake is decided: the refusal or the open delivered to the client. */
  readonly ready: Promise<void>;
  onClientMessage(text: string): void;
  onClientClose(code: number, reason: string): void;
  dispose(): void;
}

let connectionSeq = 0;

export function startMockSession(t: MockTransport, o: MockSessionOptions): MockSession {
  const b = o.behaviour;
  const { log, messages: m } = o;
  let closed = false;
  let played: PlayedSession | undefined;

  const dispose = (): void => {
    closed = true;
    played?.dispose();
  };
  const port: SessionPort = {
    closeIsFinal: true,
    sendText(text: string): void {
      if (closed) return;
      // The server keepalive's ping, in the client's plain-text heartbeat when it has one.
      const out = m.text && matches(parseJson(text), m.ping) ? m.text.ping : text;
      log.message('in', out);
      t.send(out);
    },
    end(action): void {
      if (closed) return;
      const { code, reason } = closeOf(action);
      const by = action.kind === 'drop' ? 'transport' : 'server';
      dispose();
      const delivered = t.close(code, reason);
      if (delivered) void delivered.then(() => log.close(code, reason, by));
      else log.close(code, reason, by);
    },
  };

  let ready: Promise<void>;
  if (b.rejectUpgrade) {
    const { status, body } = b.rejectUpgrade;
    dispose();
    ready = Promise.resolve(t.refuse()).then(() => log.rejected(status, body));
  } else {
    ready = t.open().then(() => {
      if (closed) return;
      log.open();
      played = playSession(port, {
        behaviour: b,
        activatedAt: o.activatedAt,
        keepalive: o.serverPing ? { kind: 'app', ...o.serverPing, onTimeout: 'close' } : null,
        vocabulary: { ...REFERENCE_VOCABULARY, ping: m.ping, pong: m.pong, idField: m.idField, welcome: m.welcome, unknownMessages: 'ignore' },
        clock: realClock,
        connectionId: `mock-${++connectionSeq}`,
        // Even a 0 ms end waits one task, so the client sees the open first (as over a wire).
        zeroDelayEnd: 'next-task',
      });
    });
  }

  return {
    ready,
    onClientMessage(text: string): void {
      if (closed) return;
      log.message('out', text);
      if (!played) return;
      // The client's plain-text heartbeat, spoken back: a "ping" gets the text pong (unless a
      // fault silences the server), a "pong" answers the server keepalive.
      if (m.text && text === m.text.ping) {
        if (b.answerAppPings !== false && !b.mute) port.sendText(m.text.pong);
        return;
      }
      if (m.text && text === m.text.pong) return played.onMessage(JSON.stringify(m.pong));
      // Anything else is the played server's protocol, as the reference backend plays it (other
      // malformed JSON included: enactor-equivalence holds every enactor to the same answer).
      played.onMessage(text);
    },
    onClientClose(code: number, reason: string): void {
      if (closed) return;
      log.close(code, reason, code === 1006 ? 'transport' : 'client');
      dispose();
    },
    dispose,
  };
}
