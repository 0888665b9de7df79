/**
 * The one generic mechanism every fault is expressed in. The reference backend reads these
 * fields; it never asks which fault is active. A fault is a small script of server behaviour,
 * not a special case in the server.
 */
import type { WelcomePoolSpec } from './welcome-pool.js';

export type EndAction =
  /** A close frame with this code and reason. */
  | { kind: 'close'; code: number; reason: string }
  /** A close frame with no status code: the client reports 1005. */
  | { kind: 'close-no-status' }
  /** Destroy the TCP connection, no close frame: the client reports 1006. */
  | { kind: 'drop' };

export interface FaultBehaviour {
  /** Answer the upgrade request with this HTTP status instead of 101. */
  rejectUpgrade?: { status: number; body: string };
  /** For `forMs` after the fault is switched on, end every connection this way after `delayMs`; then behave. */
  coldStart?: { forMs: number; delayMs: number; end: EndAction };
  /**
   * After open, wait `delayMs`, optionally send a message, then end the connection.
   * `phase: 'before-auth'` runs before the token is checked (the handler dies for everyone).
   */
  afterOpen?: { phase: 'before-auth' | 'after-auth'; delayMs: number; send?: Record<string, unknown>; end: EndAction };
  /** Never send the welcome message. */
  withholdWelcome?: boolean;
  /** Send the welcome this long after open. */
  welcomeDelayMs?: number;
  /** Each welcome waits for one of `size` pooled slots and holds it `holdMs` (welcome-pool.ts): late only under concurrency. */
  welcomePool?: WelcomePoolSpec;
  /** After auth, send nothing at all: no welcome, no replies, no keepalive (protocol pongs still go). */
  mute?: boolean;
  /** Answer {"type":"ping"} with {"type":"pong"} (default true). */
  answerAppPings?: boolean;
  /** Answer ping frames with a pong frame of the same payload (default true). */
  answerProtocolPings?: boolean;
  /** Send the server keepalive (default true). */
  sendKeepalive?: boolean;
  /** Close a client that does not answer the keepalive within the pong timeout (default true). */
  enforcePongTimeout?: boolean;
  /** Accept an invalid or missing token as a live session. */
  acceptAnyToken?: boolean;
  /** Skip the token's expiry check: an expired but correctly signed token gets a live session. */
  acceptExpiredToken?: boolean;
  /** Never unregister closed connections: the health count only grows. */
  leakConnections?: boolean;
  /** A malformed JSON message crashes the handler: the TCP connection is dropped (1006). */
  dropOnMalformedJson?: boolean;
  /** Answer the client's close frame by dropping the TCP connection instead of echoing it. */
  dropOnClientClose?: boolean;
  /** Each chat reply waits a random 0..N ms of its own (async handlers without a queue): replies overtake each other. */
  replyJitterMs?: number;
  /** The welcome carries this field under another name (a rename that breaks the AsyncAPI contract). */
  welcomeRenameField?: { from: string; to: string };
  /** Each chat reply carries this field as a number (epoch ms) where the contract says a string. */
  replyFieldAsNumber?: string;
  /** A JSON object of no known type crashes the handler: the TCP connection is dropped (1006). */
  dropOnUnknownType?: boolean;
  /** A chat request whose field is present with another JSON type than this crashes the handler (drop, 1006). */
  dropOnWrongTypedField?: { field: string; type: 'string' | 'number' | 'boolean' | 'object' };
}

/** Combine the behaviours of several active faults; later faults win on conflicts. */
export function mergeBehaviours(list: readonly FaultBehaviour[]): FaultBehaviour {
  return Object.assign({}, ...list) as FaultBehaviour;
}
