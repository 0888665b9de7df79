/**
 * The fault catalogue: every named misbehaviour ws-chaos can play, the incident it reproduces,
 * what a client sees, the diagnosis a scenario must produce, and which enactors cannot play it
 * and why (listed once, here: the enactors refuse those faults, the equivalence test and
 * --list-faults read the same entries). One catalogue, several enactors: the reference backend,
 * Playwright's routeWebSocket and msw's ws.link.
 */
import type { DiagnosisCode } from '../diagnose/codes.js';
import type { FaultBehaviour } from './behaviour.js';

export interface FaultParam {
  default: number;
  min: number;
  max: number;
  description: string;
}

/** Who plays the catalogue: a real server, or a mocked socket (a page's, a client module's). */
export type FaultEnactor = 'backend' | 'route' | 'msw';
export const FAULT_ENACTORS: readonly FaultEnactor[] = ['backend', 'route', 'msw'];

export interface FaultDefinition {
  name: string;
  /** Incident file number in ../shared/incidents/ ('000'…'004'), or null. */
  incident: string | null;
  description: string;
  clientSees: string;
  /** The diagnosis the scenario that should catch it must produce. */
  diagnosis: DiagnosisCode;
  params: Record<string, FaultParam>;
  behaviour(params: Record<string, number>): FaultBehaviour;
  /** Enactors that cannot play this fault, each with the reason; absent: every enactor plays it. */
  cannotPlay?: Partial<Record<FaultEnactor, string>>;
}

/** Reasons shared by the mocked enactors (routeWebSocket and msw both give a client a mocked WebSocket). */
const MOCKED = {
  noFrames: 'a mocked WebSocket has no protocol ping frames to leave unanswered',
  noAuth: 'a mocked socket checks no credential: every client is already accepted, so the fault would change nothing',
  noHealth: 'a mocked socket has no health endpoint whose connection count could grow',
  noDrop: "the client's close handshake of a mocked socket is completed by Playwright/msw; there is no TCP connection to drop instead",
  noConcurrency: 'the pool is contended only by many clients dialling one server at once (ws-chaos load against the reference backend); a mocked socket serves the one client under test, whose welcome would only be delayed by holdMs',
};
const mocked = (reason: string): Partial<Record<FaultEnactor, string>> => ({ route: reason, msw: reason });

const defineFault = (f: FaultDefinition): FaultDefinition => f;

export const FAULTS = [
  defineFault({
    name: 'orchestrator-init-failure',
    incident: '000',
    description: 'A dependency of the WebSocket route (a Depends(...) orchestrator) raises before accept.',
    clientSees: 'The upgrade is answered with HTTP 500; the socket never opens.',
    diagnosis: 'HANDSHAKE_REJECTED',
    params: {},
    behaviour: () => ({ rejectUpgrade: { status: 500, body: '{"detail":"PAM orchestrator dependency error"}' } }),
  }),
  defineFault({
    name: 'orchestrator-crash-after-accept',
    incident: '000',
    description: 'An unhandled exception after accept kills the connection task.',
    clientSees: 'Opens, then the TCP connection ends with no close frame (1006) about 30 ms later; no welcome.',
    diagnosis: 'DROPPED_BEFORE_WELCOME',
    params: { afterMs: { default: 30, min: 0, max: 600_000, description: 'Delay after open before the drop.' } },
    behaviour: (p) => ({ withholdWelcome: true, afterOpen: { phase: 'after-auth', delayMs: p.afterMs, end: { kind: 'drop' } } }),
  }),
  defineFault({
    name: 'close-without-status',
    incident: '000',
    description: 'The server closes right after open with a bare close() — no code, no reason.',
    clientSees: 'Opens, then a close frame with no status code (1005) about 30 ms later.',
    diagnosis: 'CLOSED_WITHOUT_STATUS',
    params: { afterMs: { default: 30, min: 0, max: 600_000, description: 'Delay after open before the close.' } },
    behaviour: (p) => ({ withholdWelcome: true, afterOpen: { phase: 'after-auth', delayMs: p.afterMs, end: { kind: 'close-no-status' } } }),
  }),
  defineFault({
    name: 'orchestrator-init-failure-handled',
    incident: '000',
    description: "Incident 000's proposed fix when init still fails: accept, send an error message, close 1011 with a reason.",
    clientSees: 'Opens, gets {"type":"error",...}, then close 1011 "Orchestrator initialization failed".',
    diagnosis: 'INTERNAL_ERROR_BEFORE_WELCOME',
    params: { afterMs: { default: 20, min: 0, max: 600_000, description: 'Delay after open before the error and close.' } },
    behaviour: (p) => ({
      withholdWelcome: true,
      afterOpen: {
        phase: 'after-auth',
        delayMs: p.afterMs,
        send: { type: 'error', error: 'PAM initialization failed: AI orchestrator not initialized' },
        end: { kind: 'close', code: 1011, reason: 'Orchestrator initialization failed' },
      },
    }),
  }),
  defineFault({
    name: 'missing-services',
    incident: '003',
    description: 'Required services (agent_supervisor, thread_service) are missing from app state; the handler closes 1011 before the welcome.',
    clientSees: 'Opens, then close 1011 "Service unavailable" about 50 ms later; no welcome.',
    diagnosis: 'INTERNAL_ERROR_BEFORE_WELCOME',
    params: { afterMs: { default: 50, min: 0, max: 600_000, description: 'Delay after open before the close.' } },
    behaviour: (p) => ({
      withholdWelcome: true,
      afterOpen: { phase: 'after-auth', delayMs: p.afterMs, end: { kind: 'close', code: 1011, reason: 'Service unavailable' } },
    }),
  }),
  defineFault({
    name: 'startup-incomplete',
    incident: '003',
    description: 'A cold start: until the services finish starting, every connection is closed 1011; then the backend is healthy.',
    clientSees: 'Close 1011 "Service startup incomplete" until N seconds after start, then a normal session.',
    diagnosis: 'INTERNAL_ERROR_BEFORE_WELCOME',
    params: { forMs: { default: 10_000, min: 0, max: 3_600_000, description: 'How long after the fault is switched on startup stays incomplete.' } },
    behaviour: (p) => ({
      coldStart: { forMs: p.forMs, delayMs: 50, end: { kind: 'close', code: 1011, reason: 'Service startup incomplete' } },
    }),
  }),
  defineFault({
    name: 'reader-exits-immediately',
    incident: '004',
    description: 'The read loop fails on its first read (e.g. a read deadline already in the past) and the handler tears the socket down at once.',
    clientSees: 'HTTP 101, then the TCP connection ends with no close frame within about 1 ms.',
    diagnosis: 'IMMEDIATE_DISCONNECT',
    params: {},
    behaviour: () => ({ withholdWelcome: true, afterOpen: { phase: 'before-auth', delayMs: 0, end: { kind: 'drop' } } }),
  }),
  defineFault({
    name: 'mute-after-accept',
    incident: '001',
    description: 'Every send is guarded by a state check that is never true (an enum compared with an integer, `client_state == 1`): nothing goes out.',
    clientSees: 'Opens; nothing is ever sent; app pings go unanswered; no keepalive.',
    diagnosis: 'SILENT_SERVER',
    params: {},
    behaviour: () => ({ mute: true }),
  }),
  defineFault({
    name: 'accept-gated',
    incident: '001',
    description: '"Need to call accept first": the route refuses the upgrade.',
    clientSees: 'The upgrade is answered with HTTP 403.',
    diagnosis: 'HANDSHAKE_REJECTED',
    params: {},
    behaviour: () => ({ rejectUpgrade: { status: 403, body: "WebSocket is not connected. Need to call 'accept' first." } }),
  }),
  defineFault({
    name: 'slow-welcome',
    incident: null,
    description: 'Slow work on the connection path delays the welcome.',
    clientSees: 'The welcome comes after a configurable delay.',
    diagnosis: 'WELCOME_LATE',
    params: { delayMs: { default: 3000, min: 0, max: 600_000, description: 'Delay after open before the welcome.' } },
    behaviour: (p) => ({ welcomeDelayMs: p.delayMs }),
  }),
  defineFault({
    name: 'no-app-pong',
    incident: '000',
    description: 'The app ignores {"type":"ping"}.',
    clientSees: 'App pings go unanswered; a client with a pong timeout drops the connection.',
    diagnosis: 'APP_PONG_MISSING',
    params: {},
    behaviour: () => ({ answerAppPings: false }),
  }),
  defineFault({
    name: 'no-protocol-pong',
    incident: '004',
    description: 'Ping frames are not answered (automatic pong off, or swallowed in front of the app).',
    clientSees: 'Ping frames get no pong.',
    diagnosis: 'PROTOCOL_PONG_MISSING',
    params: {},
    behaviour: () => ({ answerProtocolPings: false }),
    cannotPlay: mocked(MOCKED.noFrames),
  }),
  defineFault({
    name: 'no-keepalive',
    incident: '004',
    description: 'The server keepalive task never runs (the write pump never starts its ticker).',
    clientSees: 'No server pings ever; dead clients are never detected.',
    diagnosis: 'KEEPALIVE_MISSING',
    params: {},
    behaviour: () => ({ sendKeepalive: false }),
  }),
  defineFault({
    name: 'no-dead-client-detection',
    incident: '000',
    description: 'The server pings but never enforces its pong timeout.',
    clientSees: 'A client that stops answering stays connected and counted forever.',
    diagnosis: 'DEAD_CLIENT_NOT_DETECTED',
    params: {},
    behaviour: () => ({ enforcePongTimeout: false }),
  }),
  defineFault({
    name: 'auth-bypass',
    incident: '002',
    description: "The 'demo-token' fallback: an invalid or missing token gets a live session.",
    clientSees: 'An invalid token is welcomed like a valid one.',
    diagnosis: 'AUTH_NOT_ENFORCED',
    params: {},
    behaviour: () => ({ acceptAnyToken: true }),
    cannotPlay: mocked(MOCKED.noAuth),
  }),
  defineFault({
    name: 'accepts-expired-token',
    incident: null,
    description: 'The token check verifies the signature but not the expiry: an expired token gets a live session.',
    clientSees: 'A correctly signed but expired token is welcomed like a valid one; a wrong signature, garbage or no token is still refused.',
    diagnosis: 'AUTH_NOT_ENFORCED',
    params: {},
    behaviour: () => ({ acceptExpiredToken: true }),
    cannotPlay: mocked(MOCKED.noAuth),
  }),
  defineFault({
    name: 'flap',
    incident: '000',
    description: 'Every connection is welcomed, then closed after N ms: the loop that kept the client at "attempt 1/5".',
    clientSees: 'Opens, gets the welcome, then a close with the configured code after N ms.',
    diagnosis: 'PREMATURE_CLOSE',
    params: {
      afterMs: { default: 150, min: 0, max: 600_000, description: 'Delay after open before the close.' },
      code: { default: 1000, min: 1000, max: 4999, description: 'Close code sent.' },
    },
    behaviour: (p) => ({ afterOpen: { phase: 'after-auth', delayMs: p.afterMs, end: { kind: 'close', code: p.code, reason: 'session ended' } } }),
  }),
  defineFault({
    name: 'welcome-pool',
    incident: null,
    description: 'The welcome needs a pooled dependency (a pool of one database connection, say): each connection holds it for holdMs before it is welcomed.',
    clientSees: 'One connection alone is welcomed after holdMs; under concurrency each waits for those before it, so the 20th of 20 concurrent connections waits 20 × holdMs and a few hundred are late.',
    diagnosis: 'WELCOME_LATE',
    params: {
      size: { default: 1, min: 1, max: 10_000, description: 'How many welcomes the pool serves at once.' },
      holdMs: { default: 25, min: 1, max: 60_000, description: 'How long each welcome holds its slot.' },
    },
    behaviour: (p) => ({ welcomePool: { size: p.size, holdMs: p.holdMs } }),
    cannotPlay: mocked(MOCKED.noConcurrency),
  }),
  defineFault({
    name: 'connection-leak',
    incident: '004',
    description: 'Closed connections are never unregistered from the connection manager.',
    clientSees: 'Nothing on the socket; the health endpoint counts every connection ever made.',
    diagnosis: 'CONNECTIONS_LEAKED',
    params: {},
    behaviour: () => ({ leakConnections: true }),
    cannotPlay: mocked(MOCKED.noHealth),
  }),
  defineFault({
    name: 'crash-on-malformed-json',
    incident: null,
    description: 'json.loads raises in the message handler and nothing catches it: the connection is dropped.',
    clientSees: 'A malformed message ends the TCP connection with no close frame (1006).',
    diagnosis: 'INVALID_CLOSE_CODE',
    params: {},
    behaviour: () => ({ dropOnMalformedJson: true }),
  }),
  defineFault({
    name: 'drop-on-client-close',
    incident: null,
    description: 'The server answers a client close frame by dropping the TCP connection instead of echoing the close.',
    clientSees: 'A normal close by the client ends as 1006.',
    diagnosis: 'UNCLEAN_CLOSE',
    params: {},
    behaviour: () => ({ dropOnClientClose: true }),
    cannotPlay: mocked(MOCKED.noDrop),
  }),
  defineFault({
    name: 'unordered-replies',
    incident: null,
    description: 'Each message is handled by its own async task with no per-connection queue; a slow one is overtaken.',
    clientSees: 'Chat replies arrive out of order when several requests are in flight.',
    diagnosis: 'MESSAGE_ORDER_VIOLATED',
    params: { jitterMs: { default: 40, min: 1, max: 60_000, description: 'Each reply waits a random 0..jitterMs.' } },
    behaviour: (p) => ({ replyJitterMs: p.jitterMs }),
  }),
  defineFault({
    name: 'welcome-renames-field',
    incident: null,
    description: 'A refactor renames a required field of the welcome (connection_id → connectionId); the profile\'s welcome matcher (the type) still matches.',
    clientSees: 'A welcome without connection_id: clients that read it get undefined. Caught with the contract on (--asyncapi).',
    diagnosis: 'MESSAGE_CONTRACT_VIOLATION',
    params: {},
    behaviour: () => ({ welcomeRenameField: { from: 'connection_id', to: 'connectionId' } }),
  }),
  defineFault({
    name: 'reply-field-retyped',
    incident: null,
    description: 'A chat reply\'s `timestamp` changes type: epoch milliseconds (a number) where the contract says an ISO date-time string.',
    clientSees: 'Replies still arrive and match the profile; a client parsing the timestamp as a string breaks. Caught with the contract on (--asyncapi).',
    diagnosis: 'MESSAGE_CONTRACT_VIOLATION',
    params: {},
    behaviour: () => ({ replyFieldAsNumber: 'timestamp' }),
  }),
  defineFault({
    name: 'crash-on-unknown-type',
    incident: null,
    description: 'The handler dispatches on the message type with no default branch that answers: an unknown type raises and the connection task dies.',
    clientSees: 'A message of a type the server does not know ends the TCP connection with no close frame (1006).',
    diagnosis: 'BAD_INPUT_NOT_HANDLED',
    params: {},
    behaviour: () => ({ dropOnUnknownType: true }),
  }),
  defineFault({
    name: 'crash-on-wrong-type',
    incident: null,
    description: 'The chat handler uses `message` as a string without checking it (message.strip() on a number raises): the connection task dies.',
    clientSees: 'A chat message whose `message` is not a string ends the TCP connection with no close frame (1006).',
    diagnosis: 'BAD_INPUT_NOT_HANDLED',
    params: {},
    behaviour: () => ({ dropOnWrongTypedField: { field: 'message', type: 'string' } }),
  }),
] as const satisfies readonly FaultDefinition[];

export type FaultName = (typeof FAULTS)[number]['name'];

export const FAULT_NAMES = FAULTS.map((f) => f.name) as FaultName[];

export function getFault(name: string): FaultDefinition | undefined {
  return FAULTS.find((f) => f.name === name);
}

/** Why `enactor` cannot play the fault `name`, or undefined when it can. */
export function cannotPlayReason(name: string, enactor: FaultEnactor): string | undefined {
  return getFault(name)?.cannotPlay?.[enactor];
}

/** "route, msw cannot play it: <reason>" (enactors sharing a reason grouped), or undefined. */
export function describeCannotPlay(def: FaultDefinition): string | undefined {
  const byReason = new Map<string, FaultEnactor[]>();
  for (const enactor of FAULT_ENACTORS) {
    const reason = def.cannotPlay?.[enactor];
    if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), enactor]);
  }
  if (byReason.size === 0) return undefined;
  return [...byReason].map(([reason, who]) => `${who.join(', ')} cannot play it: ${reason}`).join('; ');
}
