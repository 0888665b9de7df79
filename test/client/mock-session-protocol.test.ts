/**
 * The mocked server of a client scenario speaks the client's protocol as the profile states
 * it (issue 10 item 6): a plain-text heartbeat ("ping" answered with "pong", the server
 * keepalive sent as "ping" and its text "pong" counted), and never a 1007 "malformed JSON" for
 * the heartbeat the profile states; other text stays the played server's protocol (1007, as the
 * reference backend answers it: test/client/enactor-equivalence.test.ts).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { resolvePlan } from '../../harness/client/enactors/plan.js';
import { startMockSession, type MockSession } from '../../harness/client/enactors/mock-session.js';
import { AttemptRecorder } from '../../harness/client/enactors/recorder.js';
import { parseClientProfile } from '../../harness/client/profile.js';

const textProfile = parseClientProfile({ name: 'text heartbeat', messages: { text: { ping: 'ping', pong: 'pong' } } }, {});
const jsonProfile = parseClientProfile({ name: 'json heartbeat' }, {});

let sessions: MockSession[] = [];
afterEach(() => {
  for (const s of sessions) s.dispose();
  sessions = [];
});

async function session(profile = textProfile, faults: string[] = [], serverPing: { intervalMs: number; timeoutMs: number } | null = null) {
  const sent: string[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  const s = startMockSession(
    { open: async () => undefined, send: (t) => sent.push(t), close: (code, reason) => void closes.push({ code, reason }), refuse: () => undefined },
    { behaviour: resolvePlan(faults).behaviour, activatedAt: performance.now(), log: new AttemptRecorder().begin('ws://x/'), messages: profile.messages, serverPing },
  );
  sessions.push(s);
  await s.ready;
  return { s, sent, closes };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the mocked server speaks a plain-text heartbeat', () => {
  test('a text "ping" gets a text "pong", and the connection stays open', async () => {
    const { s, sent, closes } = await session();
    s.onClientMessage('ping');
    await wait(30);
    expect(sent.filter((t) => t === 'pong')).toHaveLength(1);
    expect(closes).toEqual([]);
  });

  test('no-app-pong silences the text pong too, and still does not close', async () => {
    const { s, sent, closes } = await session(textProfile, ['no-app-pong']);
    s.onClientMessage('ping');
    await wait(30);
    expect(sent).not.toContain('pong');
    expect(closes).toEqual([]);
  });

  test('the server keepalive goes out as the text "ping", and a text "pong" answers it', async () => {
    const { s, sent, closes } = await session(textProfile, [], { intervalMs: 30, timeoutMs: 60 });
    for (let i = 0; i < 8; i++) {
      await wait(25);
      if (sent.includes('ping')) s.onClientMessage('pong');
    }
    expect(sent.filter((t) => t === 'ping').length).toBeGreaterThanOrEqual(2);
    expect(sent.some((t) => t.includes('"ping"'))).toBe(false);
    expect(closes).toEqual([]);
  });
});

describe('the mocked server never ends the connection for the client\'s own protocol', () => {
  test('the stated text heartbeat is never malformed JSON: no 1007, whatever comes after it', async () => {
    const { s, closes } = await session(textProfile, [], { intervalMs: 30, timeoutMs: 1000 });
    for (let i = 0; i < 3; i++) {
      s.onClientMessage('ping');
      s.onClientMessage('pong');
      await wait(15);
    }
    expect(closes).toEqual([]);
  });

  test('a text the profile does not state is the played server\'s protocol: 1007 as the reference backend answers it', async () => {
    const { s, closes } = await session(jsonProfile);
    s.onClientMessage('ping');
    await wait(30);
    expect(closes.map((c) => c.code)).toEqual([1007]);
  });

  test('crash-on-malformed-json still drops it', async () => {
    const { s, closes } = await session(jsonProfile, ['crash-on-malformed-json']);
    s.onClientMessage('hello');
    await wait(30);
    expect(closes.map((c) => c.code)).toEqual([1006]);
  });
});
