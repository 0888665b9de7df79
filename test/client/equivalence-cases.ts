/**
 * The session cases of the enactor-equivalence test: a healthy server (with a slow but healthy
 * client, a talking one, a silent one, a malformed message) and every session fault a mocked
 * socket can play, each with the session view every enactor must show and when it ends.
 */
import type { FaultSpecInput } from '../../harness/faults/spec.js';
import type { ProbeScript, ProbeSeen } from './equivalence-probe.js';

/** The server keepalive after the 0.04 time scale: a ping every 100 ms, 650 ms for its pong. */
export const KEEPALIVE = { intervalMs: 100, timeoutMs: 650 };

/** What a probe's session looked like, timings aside. */
export interface SessionView {
  opened: boolean;
  code: number | null;
  by: 'client' | 'server';
  welcomed: boolean;
  appPong: boolean;
  /** The server keepalive pinged after it had answered the probe's script (ProbeSeen.serverPingsAfterReply). */
  serverPings: boolean;
  chat: 'none' | 'in-order' | 'out-of-order';
  error: boolean;
  welcomeWithoutId: boolean;
  replyRetyped: boolean;
}
export const WATCH_MS = 1200;
const CHATS = Array.from({ length: 10 }, (_, i) => JSON.stringify({ type: 'chat', message: `m${i + 1}`, seq: i + 1 }));
const TALK = [JSON.stringify({ type: 'ping', id: 'c-1' }), ...CHATS];
const healthy: SessionView = { opened: true, code: 1000, by: 'client', welcomed: true, appPong: true, serverPings: true, chat: 'in-order', error: false, welcomeWithoutId: false, replyRetyped: false };
const closedBy = (code: number, v: Partial<SessionView> = {}): SessionView => ({
  ...healthy,
  code,
  by: 'server',
  welcomed: false,
  appPong: false,
  serverPings: false,
  chat: 'none',
  ...v,
});

/**
 * Session faults (and healthy servers) seen by the probe. `afterMs`: when the session ends,
 * from open (WATCH_MS: the probe itself closes); `welcomeAfterMs`: when the welcome comes.
 */
export interface SessionCase {
  id: string;
  fault?: FaultSpecInput;
  script?: Partial<ProbeScript>;
  view: SessionView;
  afterMs: number;
  welcomeAfterMs?: number;
}
export const SESSION_CASES: SessionCase[] = [
  // Pings every 100 ms, each answered 190 ms later (within the 650 ms timeout, but after the
  // next ping went out): a keepalive that judges pings by one "awaiting pong" flag closes this
  // healthy client; one that judges each ping on its own does not.
  { id: 'healthy server, client answering each keepalive after the next ping', script: { pongDelayMs: 190, send: [] }, view: { ...healthy, appPong: false, chat: 'none' }, afterMs: WATCH_MS },
  { id: 'healthy server, a talking client', view: healthy, afterMs: WATCH_MS },
  { id: 'healthy server, a client that never answers the keepalive', script: { pongDelayMs: null }, view: { ...healthy, code: 1011, by: 'server' }, afterMs: KEEPALIVE.intervalMs + KEEPALIVE.timeoutMs },
  { id: 'healthy server, a malformed message', script: { send: ['not json'] }, view: closedBy(1007, { welcomed: true, serverPings: false, error: true }), afterMs: 40 },
  { id: 'no-dead-client-detection', fault: 'no-dead-client-detection', script: { pongDelayMs: null }, view: healthy, afterMs: WATCH_MS },
  { id: 'no-keepalive', fault: 'no-keepalive', script: { pongDelayMs: null }, view: { ...healthy, serverPings: false }, afterMs: WATCH_MS },
  { id: 'no-app-pong', fault: 'no-app-pong', view: { ...healthy, appPong: false }, afterMs: WATCH_MS },
  { id: 'mute-after-accept', fault: 'mute-after-accept', view: { ...healthy, welcomed: false, appPong: false, serverPings: false, chat: 'none' }, afterMs: WATCH_MS },
  { id: 'slow-welcome', fault: { name: 'slow-welcome', params: { delayMs: 400 } }, view: healthy, afterMs: WATCH_MS, welcomeAfterMs: 400 },
  { id: 'unordered-replies', fault: { name: 'unordered-replies', params: { jitterMs: 200 } }, view: { ...healthy, chat: 'out-of-order' }, afterMs: WATCH_MS },
  { id: 'crash-on-malformed-json', fault: 'crash-on-malformed-json', script: { send: ['not json'] }, view: closedBy(1006, { welcomed: true }), afterMs: 40 },
  { id: 'welcome-renames-field', fault: 'welcome-renames-field', view: { ...healthy, welcomeWithoutId: true }, afterMs: WATCH_MS },
  { id: 'reply-field-retyped', fault: 'reply-field-retyped', view: { ...healthy, replyRetyped: true }, afterMs: WATCH_MS },
  { id: 'crash-on-unknown-type', fault: 'crash-on-unknown-type', script: { send: ['{"type":"subscribe"}'] }, view: closedBy(1006, { welcomed: true }), afterMs: 40 },
  {
    id: 'crash-on-wrong-type',
    fault: 'crash-on-wrong-type',
    script: { send: ['{"type":"chat","message":5,"seq":1}'] },
    view: closedBy(1006, { welcomed: true }),
    afterMs: 40,
  },
  { id: 'orchestrator-init-failure-handled', fault: 'orchestrator-init-failure-handled', script: { send: [] }, view: closedBy(1011, { error: true }), afterMs: 20 },
  { id: 'startup-incomplete', fault: 'startup-incomplete', script: { send: [] }, view: closedBy(1011), afterMs: 50 },
  { id: 'reader-exits-immediately', fault: 'reader-exits-immediately', script: { send: [] }, view: closedBy(1006), afterMs: 0 },
  { id: 'accept-gated', fault: 'accept-gated', script: { send: [] }, view: closedBy(1006, { opened: false }), afterMs: 0 },
];
export const script = (url: string, c: SessionCase): ProbeScript => ({ url, pongDelayMs: 0, sendAtMs: 40, send: TALK, watchMs: WATCH_MS, ...c.script });
export const viewOf = (s: ProbeSeen): SessionView => ({
  opened: s.opened,
  code: s.code,
  by: s.code === 1000 && s.reason === 'probe done' ? 'client' : 'server',
  welcomed: s.welcomeAfterMs !== null,
  appPong: s.appPongs > 0,
  // Counted once the server has answered the probe: a session the server ends for the probe's
  // message shows no keepalive, however the keepalive raced that message (serverPingsAfterReply).
  serverPings: s.serverPingsAfterReply > 0,
  chat: s.chatSeqs.length === 0 ? 'none' : s.chatSeqs.every((q, i) => i === 0 || q > s.chatSeqs[i - 1]!) ? 'in-order' : 'out-of-order',
  error: s.errors > 0,
  welcomeWithoutId: s.welcomeWithoutId,
  replyRetyped: s.replyRetyped,
});
