/**
 * The mocked server (route and msw enactors) tells client messages apart by the profile's
 * shapes, matched as a subset of the whole message, whatever the field names (issue 8 item 9):
 * a small client speaking {"op":"ping"} / {"op":"pong"} gets its pings answered, and its
 * pongs to the server's keepalive are taken as pongs, not as pings.
 */
import { afterEach, expect, test } from 'vitest';
import { startMockSession, type MockSession } from '../../harness/client/enactors/mock-session.js';
import { AttemptRecorder } from '../../harness/client/enactors/recorder.js';

const messages = { ping: { op: 'ping' }, pong: { op: 'pong' }, idField: 'ref', welcome: { op: 'hello' } };
let session: MockSession | undefined;
afterEach(() => session?.dispose());

/** A tiny client of the {"op":...} protocol: answers server pings with their ref, records what it got. */
function opClient() {
  const got: Array<Record<string, unknown>> = [];
  const closes: Array<{ code: number; reason: string }> = [];
  const transport = {
    open: async () => undefined,
    send: (text: string) => {
      const msg = JSON.parse(text) as Record<string, unknown>;
      got.push(msg);
      if (msg.op === 'ping') queueMicrotask(() => session?.onClientMessage(JSON.stringify({ op: 'pong', ref: msg.ref })));
    },
    close: (code: number, reason: string) => void closes.push({ code, reason }),
    refuse: () => undefined,
  };
  return { got, closes, transport };
}

test('a client ping {"op":"ping"} gets a pong {"op":"pong"} with its ref', async () => {
  const c = opClient();
  const recorder = new AttemptRecorder();
  session = startMockSession(c.transport, { behaviour: {}, activatedAt: performance.now(), log: recorder.begin('ws://x'), messages, serverPing: null });
  await session.ready;
  session.onClientMessage(JSON.stringify({ op: 'ping', ref: 'c-1' }));
  session.onClientMessage(JSON.stringify({ op: 'subscribe', ref: 'c-2' }));
  const pongs = c.got.filter((m) => m.op === 'pong');
  expect(pongs.map((p) => p.ref)).toEqual(['c-1']);
  expect(c.got[0]).toMatchObject({ op: 'hello' });
});

test("the client's {\"op\":\"pong\"} answers the server keepalive: no pong back, no keepalive timeout", async () => {
  const c = opClient();
  const recorder = new AttemptRecorder();
  session = startMockSession(c.transport, { behaviour: {}, activatedAt: performance.now(), log: recorder.begin('ws://x'), messages, serverPing: { intervalMs: 40, timeoutMs: 150 } });
  await session.ready;
  // Five pings and at least three pong timeouts' worth of time.
  await new Promise((r) => setTimeout(r, 600));
  const pings = c.got.filter((m) => m.op === 'ping');
  expect(pings.length).toBeGreaterThanOrEqual(3);
  // Before: every client message was taken for a ping (no `type` field equals no `type` field),
  // so each pong was answered with a pong and never cleared the keepalive, which closed 1011.
  expect(c.got.filter((m) => m.op === 'pong')).toEqual([]);
  expect(c.closes).toEqual([]);
});
