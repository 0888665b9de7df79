/**
 * The one interpreter of the behaviour vocabulary, driven by a fake clock and a recording port:
 * the server keepalive judged per ping (a healthy client whose answer lands after the next ping
 * went out is never closed), the early end before auth, the credential check holding messages,
 * mute, request/reply and its unordered-replies jitter.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { EndAction, FaultBehaviour } from '../../harness/faults/behaviour.js';
import { playSession } from '../../harness/faults/interpret.js';
import { REFERENCE_VOCABULARY } from '../../harness/faults/messages.js';
import type { KeepaliveSettings, PlayedSession, SessionClock, SessionOptions, SessionPort } from '../../harness/faults/session-port.js';

/** Timers fire in time order when `advance` moves the clock; nothing runs on its own. */
function fakeClock(): SessionClock & { advance(ms: number): void; pending(): number } {
  let t = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => t,
    setTimeout: (fn, ms) => (timers.set(++seq, { at: t + ms, fn }), seq),
    clearTimeout: (h) => void timers.delete(h as number),
    pending: () => timers.size,
    advance(ms: number) {
      const until = t + ms;
      for (let guard = 0; guard < 100_000; guard++) {
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!next || next[1].at > until) break;
        timers.delete(next[0]);
        t = next[1].at;
        next[1].fn();
      }
      t = until;
    },
  };
}

function recordingPort(clock: SessionClock, o: { closeIsFinal?: boolean } = {}) {
  const sent: Array<{ at: number; msg: Record<string, unknown> }> = [];
  const ends: Array<{ at: number; action: EndAction }> = [];
  const pongFrames: string[] = [];
  const port: SessionPort = {
    closeIsFinal: o.closeIsFinal,
    sendText: (text) => void sent.push({ at: clock.now(), msg: JSON.parse(text) as Record<string, unknown> }),
    sendPingFrame: () => undefined,
    sendPongFrame: (p) => void pongFrames.push(p.toString()),
    end: (action) => void ends.push({ at: clock.now(), action }),
  };
  return { port, sent, ends, pongFrames };
}

const KEEPALIVE: KeepaliveSettings = { kind: 'app', intervalMs: 100, timeoutMs: 320, onTimeout: 'close' };

function start(clock: ReturnType<typeof fakeClock>, behaviour: FaultBehaviour, extra: Partial<SessionOptions> = {}) {
  const rec = recordingPort(clock, { closeIsFinal: true });
  const session = playSession(rec.port, {
    behaviour,
    activatedAt: clock.now(),
    keepalive: KEEPALIVE,
    vocabulary: REFERENCE_VOCABULARY,
    clock,
    connectionId: 'c-1',
    zeroDelayEnd: 'now',
    ...extra,
  });
  return { ...rec, session };
}

/** A client that answers each server ping `delayMs` after it, through the fake clock. */
function answerPings(clock: ReturnType<typeof fakeClock>, r: { sent: Array<{ msg: Record<string, unknown> }>; session: PlayedSession }, delayMs: number): void {
  let seen = 0;
  const poll = (): void => {
    for (const { msg } of r.sent.slice(seen)) {
      if (msg.type === 'ping') clock.setTimeout(() => r.session.onMessage(JSON.stringify({ type: 'pong', id: msg.id })), delayMs);
    }
    seen = r.sent.length;
    clock.setTimeout(poll, 1);
  };
  poll();
}

let spy: { mockRestore(): void } | undefined;
afterEach(() => spy?.mockRestore());

describe('server keepalive, each ping judged on its own', () => {
  test('a client that answers every ping within the timeout, after the next ping went out, is never closed', () => {
    const clock = fakeClock();
    const r = start(clock, {});
    // Pings every 100 ms, each answered 190 ms later: at any ping's deadline a newer ping is
    // usually still unanswered (a single "awaiting pong" flag would close this healthy client).
    answerPings(clock, r, 190);
    clock.advance(3000);
    expect(r.sent.filter((s) => s.msg.type === 'ping').length).toBeGreaterThanOrEqual(25);
    expect(r.ends).toEqual([]);
    r.session.dispose();
  });

  test('a client that stops answering is closed 1011 at the first unanswered ping plus the timeout', () => {
    const clock = fakeClock();
    const r = start(clock, {});
    clock.advance(1000);
    expect(r.ends).toEqual([{ at: 100 + 320, action: { kind: 'close', code: 1011, reason: 'keepalive timeout' } }]);
    expect(clock.pending()).toBe(0);
  });

  test('onTimeout terminate drops instead; a protocol pong frame counts as an answer', () => {
    const clock = fakeClock();
    const r = start(clock, {}, { keepalive: { ...KEEPALIVE, kind: 'both', onTimeout: 'terminate' } });
    clock.advance(150);
    r.session.onPongFrame();
    clock.advance(1000);
    expect(r.ends).toEqual([{ at: 200 + 320, action: { kind: 'drop' } }]);
  });

  test('no-dead-client-detection: the pings go on, the silent client is never closed', () => {
    const clock = fakeClock();
    const r = start(clock, { enforcePongTimeout: false });
    clock.advance(1000);
    expect(r.sent.filter((s) => s.msg.type === 'ping')).toHaveLength(10);
    expect(r.ends).toEqual([]);
    r.session.dispose();
  });
});

describe('the rest of the session', () => {
  test('before-auth with 0 ms ends at once on a real server, on the next task on a mocked socket', () => {
    const end = { kind: 'drop' } as const;
    const b: FaultBehaviour = { withholdWelcome: true, afterOpen: { phase: 'before-auth', delayMs: 0, end } };
    const now = fakeClock();
    expect(start(now, b).ends).toEqual([{ at: 0, action: end }]);
    const next = fakeClock();
    const r = start(next, b, { zeroDelayEnd: 'next-task' });
    expect(r.ends).toEqual([]);
    next.advance(0);
    expect(r.ends).toEqual([{ at: 0, action: end }]);
    expect(r.sent).toEqual([]);
  });

  test('messages before the credential check are held; a refusal closes 1008 unless auth-bypass', async () => {
    const clock = fakeClock();
    const refused = start(clock, {}, { authorize: async () => 'bad token' });
    refused.session.onMessage('{"type":"ping","id":1}');
    await Promise.resolve();
    await Promise.resolve();
    expect(refused.sent).toEqual([]);
    expect(refused.ends).toEqual([{ at: 0, action: { kind: 'close', code: 1008, reason: 'bad token' } }]);

    const bypass = start(clock, { acceptAnyToken: true }, { authorize: async () => 'bad token' });
    bypass.session.onMessage('{"type":"ping","id":1}');
    await Promise.resolve();
    await Promise.resolve();
    expect(bypass.sent.map((s) => s.msg.type)).toEqual(['connection_established', 'pong']);
    expect(bypass.sent[1]!.msg.id).toBe(1);
    bypass.session.dispose();
  });

  test('mute: nothing at all goes out, not even the keepalive; protocol pongs still do', () => {
    const clock = fakeClock();
    const r = start(clock, { mute: true });
    r.session.onMessage('{"type":"ping","id":1}');
    r.session.onPingFrame(Buffer.from('p1'));
    clock.advance(1000);
    expect(r.sent).toEqual([]);
    expect(r.ends).toEqual([]);
    expect(r.pongFrames).toEqual(['p1']);
    r.session.dispose();
  });

  test('request/reply: chat is echoed in order; with unordered-replies a slow reply is overtaken', () => {
    const clock = fakeClock();
    const ordered = start(clock, {}, { keepalive: null });
    for (const seq of [1, 2, 3]) ordered.session.onMessage(JSON.stringify({ type: 'chat', message: `m${seq}`, seq }));
    expect(ordered.sent.filter((s) => s.msg.type === 'chat_response').map((s) => [s.msg.seq, s.msg.message])).toEqual([
      [1, 'echo: m1'],
      [2, 'echo: m2'],
      [3, 'echo: m3'],
    ]);
    const draws = [0.9, 0.5, 0.1];
    spy = vi.spyOn(Math, 'random').mockImplementation(() => draws.shift() ?? 0);
    const jittered = start(clock, { replyJitterMs: 40 }, { keepalive: null });
    for (const seq of [1, 2, 3]) jittered.session.onMessage(JSON.stringify({ type: 'chat', message: `m${seq}`, seq }));
    clock.advance(50);
    expect(jittered.sent.filter((s) => s.msg.type === 'chat_response').map((s) => s.msg.seq)).toEqual([3, 2, 1]);
  });

  test('malformed JSON: an error and close 1007, or a drop with crash-on-malformed-json; unknown types get an error only where the vocabulary says so', () => {
    const clock = fakeClock();
    const strict = start(clock, {}, { keepalive: null });
    strict.session.onMessage('{"type":"subscribe"}');
    strict.session.onMessage('not json');
    expect(strict.sent.map((s) => s.msg.code)).toEqual([undefined, 'unknown_type', 'bad_json']);
    expect(strict.ends.map((e) => e.action)).toEqual([{ kind: 'close', code: 1007, reason: 'malformed JSON' }]);
    const lenient = start(clock, { dropOnMalformedJson: true }, { keepalive: null, vocabulary: { ...REFERENCE_VOCABULARY, unknownMessages: 'ignore' } });
    lenient.session.onMessage('{"type":"subscribe"}');
    lenient.session.onMessage('[1]');
    expect(lenient.sent.map((s) => s.msg.type)).toEqual(['connection_established']);
    expect(lenient.ends.map((e) => e.action)).toEqual([{ kind: 'drop' }]);
  });
});
