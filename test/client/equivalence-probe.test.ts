/**
 * The equivalence probe's session view must not depend on the race between the server's
 * keepalive clock and the probe's message. Seen in enactor-equivalence under load: a 1007 for a
 * malformed message sent 40 ms after open, yet a keepalive ping (sent at 100 ms) seen first —
 * through a real socket whose `open` a busy Chromium dispatched late, and through
 * routeWebSocket, whose message took about 150 ms to reach the mocked server. Both made
 * deterministic here: the probe sends well after the server's first ping (a late open), and a
 * scripted socket delivers a ping that crossed the probe's message in flight. The view of a
 * session the server ends for that message is still "no keepalive", the one every enactor shows.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startBackendEnactor, type BackendEnactor } from '../../mock-backend/client-enactor.js';
import { installWebSocketGlobal } from '../../harness/client/msw.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';
import { script, SESSION_CASES, viewOf } from './equivalence-cases.js';
import { probeSession, type ProbeSeen } from './equivalence-probe.js';

/** After the 0.04 time scale: a ping every 300 ms, a pong due within 2 s (the probe answers at once). */
const INTERVAL_MS = 300;
const MALFORMED = SESSION_CASES.find((x) => x.id === 'healthy server, a malformed message')!;
const profile = referenceClientProfile({
  reconnect: { maxRetries: 0, backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0 }, resetAfterStableMs: 5000, fatalCloseCodes: [1008] },
  serverPing: { intervalMs: INTERVAL_MS * 25, timeoutMs: 2000 * 25 },
});

let backend: BackendEnactor | undefined;
let restore: () => void = () => undefined;
beforeAll(async () => {
  restore = installWebSocketGlobal().restore;
  backend = await startBackendEnactor(profile);
});
afterAll(async () => {
  await backend?.close();
  restore();
});

test('a malformed message sent after the first keepalive ping: still the view of a session ended by that message', async () => {
  const c = MALFORMED;
  backend!.play({});
  // Halfway between the first ping (300 ms) and the second (600 ms): 150 ms from either.
  const seen = await probeSession({ ...script(backend!.dialUrl, c), sendAtMs: INTERVAL_MS * 1.5, watchMs: 3000 });
  backend!.endSessions();
  const shown = JSON.stringify(seen);
  // The late send really came after a ping (else this test shows nothing), and the server ended
  // the session for it at once, with no ping after.
  expect(seen.serverPings, shown).toBe(1);
  expect(seen.serverPingsAfterReply, shown).toBe(0);
  expect(viewOf(seen), shown).toEqual(c.view);
});

test('a healthy session still shows the keepalive going on after the probe spoke', async () => {
  const c = SESSION_CASES.find((x) => x.id === 'healthy server, a talking client')!;
  backend!.play({});
  const seen = await probeSession({ ...script(backend!.dialUrl, c), watchMs: INTERVAL_MS * 3.5 });
  backend!.endSessions();
  expect(seen.serverPingsAfterReply, JSON.stringify(seen)).toBe(3);
  expect(viewOf(seen).serverPings).toBe(true);
});

/**
 * A scripted server behind a WHATWG-shaped socket: open, the welcome, and for the probe's
 * message a keepalive ping that was already in flight, then the 1007 answer.
 */
class CrossingSocket {
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.();
      this.deliver({ type: 'connection_established', connection_id: 'c' });
    }, 0);
  }
  private deliver(msg: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  send(text: string): void {
    if (text !== 'not json') return;
    setTimeout(() => {
      this.deliver({ type: 'ping', id: 1 });
      this.deliver({ type: 'error', message: 'malformed JSON' });
      this.readyState = 3;
      this.onclose?.({ code: 1007, reason: 'malformed JSON' });
    }, 0);
  }
  close(): void {
    this.readyState = 3;
  }
}

test('a keepalive ping that crossed the malformed message in flight: still the view of a session ended by that message', async () => {
  const g = globalThis as { WebSocket?: unknown };
  const before = g.WebSocket;
  g.WebSocket = CrossingSocket;
  let seen: ProbeSeen;
  try {
    seen = await probeSession({ ...script('ws://crossing.test/', MALFORMED), sendAtMs: 5, watchMs: 2000 });
  } finally {
    g.WebSocket = before;
  }
  const shown = JSON.stringify(seen);
  expect(seen.serverPings, shown).toBe(1);
  expect(seen.code, shown).toBe(1007);
  expect(viewOf(seen), shown).toEqual(MALFORMED.view);
});
