/** judgeAppPong, judgeResponse, judgeProtocolPong: the missing-reply codes and their evidence. */
import { describe, expect, test } from 'vitest';
import { judgeAppPong, judgeProtocolPong, judgeResponse } from '../../../harness/diagnose/judges/replies.js';

describe('judgeAppPong', () => {
  const o = { request: { type: 'ping', id: 'a' }, expect: { type: 'pong', id: 'a' }, budgetMs: 500 };
  test('an answered ping passes', () => expect(judgeAppPong({ ...o, answered: true, otherMessages: 0 })).toBeNull());
  test('no pong is APP_PONG_MISSING, saying whether anything else arrived', () => {
    expect(judgeAppPong({ ...o, answered: false, otherMessages: 0 })).toMatchObject({
      code: 'APP_PONG_MISSING',
      summary: 'no {"type":"pong","id":"a"} within 500 ms of {"type":"ping","id":"a"}; nothing else arrived either',
    });
    expect(judgeAppPong({ ...o, answered: false, otherMessages: 2 }).summary).toMatch(/; 2 other message\(s\) arrived$/);
  });
});

describe('judgeResponse', () => {
  const o = { expect: { type: 'chat' }, budgetMs: 300 };
  test('an answered request passes', () => expect(judgeResponse({ ...o, answered: true, others: [] })).toBeNull());
  test('no response is RESPONSE_MISSING, with what came instead (clipped to 100 characters)', () => {
    expect(judgeResponse({ ...o, answered: false, others: [] }).summary).toBe('no {"type":"chat"} within 300 ms of the request');
    const d = judgeResponse({ ...o, answered: false, others: ['{"type":"error"}', 'y'.repeat(150)] });
    expect(d.code).toBe('RESPONSE_MISSING');
    expect(d.summary).toBe(`no {"type":"chat"} within 300 ms of the request; got: {"type":"error"} | ${'y'.repeat(100)}`);
  });
});

describe('judgeProtocolPong', () => {
  test('an answered ping passes', () => expect(judgeProtocolPong({ payloadBytes: 125, budgetMs: 200, answered: true })).toBeNull());
  test('no pong, or one with another payload, is PROTOCOL_PONG_MISSING saying which', () => {
    expect(judgeProtocolPong({ payloadBytes: 125, budgetMs: 200, answered: false }).summary).toBe('no pong within 200 ms for a ping of 125 bytes');
    const d = judgeProtocolPong({ payloadBytes: 125, budgetMs: 200, answered: false, wrongPongBytes: 0 });
    expect(d.code).toBe('PROTOCOL_PONG_MISSING');
    expect(d.summary).toBe('ping of 125 bytes answered with a pong of another payload (0 bytes)');
  });
});
