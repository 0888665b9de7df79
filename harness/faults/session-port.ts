/**
 * What the one interpreter of the behaviour vocabulary (interpret.ts) needs from an enactor:
 * a socket port (send text, ping frames, end the connection), a clock (monotonic time and
 * timers, injectable so tests can drive it), the protocol's message shapes and the server
 * keepalive. The reference backend adapts a `ws` socket onto this port; the mocked enactors
 * (Playwright routeWebSocket, msw ws.link) adapt their mocked sockets.
 */
import type { EndAction, FaultBehaviour } from './behaviour.js';

export interface SessionClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** performance.now() and the runtime's timers. */
export const realClock: SessionClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SessionPort {
  /** Send a text message to the client. */
  sendText(text: string): void;
  /** Send a protocol ping frame; absent where there are none (a mocked WebSocket). */
  sendPingFrame?(payload: string): void;
  /** Answer a protocol ping frame with a pong frame of the same payload. */
  sendPongFrame?(payload: Buffer): void;
  /** End the connection: a close frame with a code, one without a status, or a TCP drop. */
  end(action: EndAction): void;
  /**
   * A close sent through this port ends the socket at once (a mocked socket): no grace period
   * for a dead peer that cannot finish the close handshake.
   */
  readonly closeIsFinal?: boolean;
}

/** The protocol's message shapes: what the server sends, and how client messages are told apart. */
export interface SessionVocabulary {
  /** An app ping, either direction (matched as a subset of the client's message). */
  ping: Record<string, unknown>;
  pong: Record<string, unknown>;
  /** Field echoed from a ping to its pong; the server keepalive's sequence number goes here. */
  idField: string;
  welcome: Record<string, unknown>;
  /** Request/reply: a client message matching `request` gets an echo reply of this shape. */
  chat: { request: Record<string, unknown>; reply: Record<string, unknown> };
  /** A JSON object that is none of the above: answer with an error message, or ignore it. */
  unknownMessages: 'error' | 'ignore';
}

export interface KeepaliveSettings {
  /** App ping messages, protocol ping frames, or both. */
  kind: 'app' | 'protocol' | 'both';
  intervalMs: number;
  timeoutMs: number;
  /** A client that misses its pong: close 1011 "keepalive timeout", or drop the TCP connection. */
  onTimeout: 'close' | 'terminate';
}

export interface SessionOptions {
  /** The active faults' merged behaviour, a snapshot taken when the connection opened. */
  behaviour: FaultBehaviour;
  /** Monotonic ms (on `clock`) when the active faults were switched on, for coldStart. */
  activatedAt: number;
  /** The server keepalive; null: the server sends none. */
  keepalive: KeepaliveSettings | null;
  vocabulary: SessionVocabulary;
  clock: SessionClock;
  /** Named in the welcome and in chat replies. */
  connectionId: string;
  /**
   * Checks the client's credential and resolves to the reason it is refused (close 1008), or
   * undefined when it is accepted. Absent: no credential check (a mocked socket). Client
   * messages that arrive before it resolves are held and handled after.
   */
  authorize?: (behaviour: FaultBehaviour) => Promise<string | undefined>;
  /** Messages larger than this are refused with close 1009; absent: no limit. */
  maxPayloadBytes?: number;
  /**
   * An end action due 0 ms after open: at once ('now', a real server whose client already has
   * its 101), or on the next task ('next-task', a mocked socket whose open is still being
   * delivered to the client).
   */
  zeroDelayEnd: 'now' | 'next-task';
  /** Called each time the welcome goes out. */
  onWelcomeSent?(): void;
}

export interface PlayedSession {
  /** A message from the client (`binary`: it was a binary frame). */
  onMessage(text: string, o?: { binary?: boolean; sizeBytes?: number }): void;
  /** A protocol ping frame from the client. */
  onPingFrame(payload: Buffer): void;
  /** A protocol pong frame from the client. */
  onPongFrame(): void;
  /** The socket has closed (either side): stop every timer; nothing more is sent. */
  dispose(): void;
}
