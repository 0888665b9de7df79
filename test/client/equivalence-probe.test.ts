/**
 * The equivalence probe's session view must not depend on when the client's own clock
 * started. A real socket in a busy Chromium can dispatch `open` tens of ms after the server
 * accepted it and started its keepalive clock (seen in enactor-equivalence: a 1007 for a
 * malformed message, yet a keepalive ping seen first). Here the same thing, made
 * deterministic in Node: the probe sends its malformed message well after the server's first
 * keepalive ping, as a client whose open came late would. The view of a session the server
 * ends for that message is still "no keepalive", the one every enactor shows.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startBackendEnactor, type BackendEnactor } from '../../mock-backend/client-enactor.js';
import { installWebSocketGlobal } from '../../harness/client/msw.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';
import { script, SESSION_CASES, viewOf } from './equivalence-cases.js';
import { probeSession } from './equivalence-probe.js';

/** After the 0.04 time scale: a ping every 300 ms, a pong due within 2 s (the probe answers at once). */
const INTERVAL_MS = 300;
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
  const c = SESSION_CASES.find((x) => x.id === 'healthy server, a malformed message')!;
  backend!.play({});
  // Halfway between the first ping (300 ms) and the second (600 ms): 150 ms from either.
  const seen = await probeSession({ ...script(backend!.dialUrl, c), sendAtMs: INTERVAL_MS * 1.5, watchMs: 3000 });
  backend!.endSessions();
  const shown = JSON.stringify(seen);
  // The late send really came after a ping (else this test shows nothing), and the server ended
  // the session for it at once, with no ping after.
  expect(seen.serverPings, shown).toBe(1);
  expect(seen.serverPingsAfterSend, shown).toBe(0);
  expect(viewOf(seen), shown).toEqual(c.view);
});

test('a healthy session still shows the keepalive going on after the probe spoke', async () => {
  const c = SESSION_CASES.find((x) => x.id === 'healthy server, a talking client')!;
  backend!.play({});
  const seen = await probeSession({ ...script(backend!.dialUrl, c), watchMs: INTERVAL_MS * 3.5 });
  backend!.endSessions();
  expect(seen.serverPingsAfterSend, JSON.stringify(seen)).toBe(3);
  expect(viewOf(seen).serverPings).toBe(true);
});
