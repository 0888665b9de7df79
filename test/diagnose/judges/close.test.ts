/** judgeCleanClose and judgeProvokedClose: every code, the advice for an empty reason, and which problem wins. */
import { describe, expect, test } from 'vitest';
import { diagnosis } from '../../../harness/diagnose/codes.js';
import { judgeCleanClose, judgeProvokedClose } from '../../../harness/diagnose/judges/close.js';

const clean = { t: 30, code: 1000, reason: 'bye', by: 'server' as const, wasClean: true };

describe('judgeCleanClose', () => {
  const base = { waitedMs: 1500, connection: null, missing: 'answer' as const };
  test("the server's 1000 close frame back is clean", () => {
    expect(judgeCleanClose({ ...base, sentT: 10, close: clean })).toBeNull();
  });
  test('a server that ended the connection first gets the connection diagnosis, or PREMATURE_CLOSE', () => {
    const conn = diagnosis('PREMATURE_CLOSE', 'server closed 1011');
    expect(judgeCleanClose({ ...base, sentT: undefined, close: undefined, connection: conn })).toBe(conn);
    expect(judgeCleanClose({ ...base, sentT: undefined, close: undefined })).toMatchObject({
      code: 'PREMATURE_CLOSE',
      summary: 'the server ended the connection before the client could start its close',
    });
  });
  test('no end to the handshake is UNCLEAN_CLOSE, said the way the scenario waited', () => {
    expect(judgeCleanClose({ ...base, sentT: 10, close: undefined }).summary).toBe('the server did not answer the close frame within 1500 ms');
    expect(judgeCleanClose({ ...base, missing: 'end', sentT: 10, close: undefined }).summary).toBe('no end to the close handshake within 1500 ms');
  });
  test('an end without the close frame, or with another code, is UNCLEAN_CLOSE with the timing', () => {
    const d = judgeCleanClose({ ...base, sentT: 10, close: { t: 14.5, code: 1006, reason: '', by: 'transport', wasClean: false } });
    expect(d?.code).toBe('UNCLEAN_CLOSE');
    expect(d?.summary).toMatch(/^after the client's 1000 the connection ended 1006.* 4\.50 ms later, without the server's close frame$/);
    expect(judgeCleanClose({ ...base, sentT: 10, close: { ...clean, code: 1001 } })?.code).toBe('UNCLEAN_CLOSE');
  });
});

describe('judgeProvokedClose', () => {
  const base = { name: 'malformed JSON', waitedMs: 1000, requireReason: false };
  const close = (code: number, reason = 'bad', by: 'server' | 'transport' = 'server') => ({ t: 20, code, reason, by });
  test('an expected code with a reason passes with no advice', () => {
    expect(judgeProvokedClose({ ...base, expect: [1003, 1007], close: close(1007) })).toEqual({ problem: null });
  });
  test('no expectation and a valid code passes', () => {
    expect(judgeProvokedClose({ ...base, expect: undefined, close: close(1008) }).problem).toBeNull();
  });
  test('staying open is a problem only when a close was expected', () => {
    expect(judgeProvokedClose({ ...base, expect: undefined, close: undefined }).problem).toBeNull();
    expect(judgeProvokedClose({ ...base, expect: 'stays-open', close: undefined }).problem).toBeNull();
    expect(judgeProvokedClose({ ...base, expect: [1007], close: undefined }).problem).toMatchObject({ code: 'UNEXPECTED_CLOSE_CODE', summary: expect.stringMatching(/^malformed JSON: stayed open 1000 ms, expected a close 1007/) });
  });
  test('1006, 1005 and codes never sent on the wire are INVALID_CLOSE_CODE, each said', () => {
    expect(judgeProvokedClose({ ...base, expect: undefined, close: close(1006, '', 'transport') }).problem?.summary).toBe('malformed JSON: the server dropped the connection without a close frame (1006)');
    expect(judgeProvokedClose({ ...base, expect: undefined, close: close(1005, '') }).problem?.summary).toBe("malformed JSON: the server's close frame carried no status code (1005)");
    const d = judgeProvokedClose({ ...base, expect: undefined, close: close(1015) }).problem;
    expect(d).toMatchObject({ code: 'INVALID_CLOSE_CODE', summary: 'malformed JSON: close code 1015 must never be sent on the wire' });
  });
  test('another code than expected is UNEXPECTED_CLOSE_CODE; a normal close is no refusal of stays-open', () => {
    expect(judgeProvokedClose({ ...base, expect: [1007], close: close(1011) }).problem?.code).toBe('UNEXPECTED_CLOSE_CODE');
    expect(judgeProvokedClose({ ...base, expect: 'stays-open', close: close(1003) }).problem?.summary).toMatch(/expected the connection to stay open/);
    expect(judgeProvokedClose({ ...base, expect: 'stays-open', close: close(1000) }).problem).toBeNull();
  });
  test('an empty reason is advice, or CLOSE_REASON_MISSING when required; an earlier problem wins', () => {
    const advised = judgeProvokedClose({ ...base, expect: [1007], close: close(1007, ' ') });
    expect(advised.problem).toBeNull();
    expect(advised.advice).toMatch(/carried no reason; a short reason helps/);
    expect(judgeProvokedClose({ ...base, requireReason: true, expect: [1007], close: close(1007, '') }).problem?.code).toBe('CLOSE_REASON_MISSING');
    expect(judgeProvokedClose({ ...base, requireReason: true, expect: [1007], close: close(1011, '') }).problem?.code).toBe('UNEXPECTED_CLOSE_CODE');
  });
  test('a close before the provocation was sent is fatal: the connection diagnosis, or PREMATURE_CLOSE', () => {
    const conn = diagnosis('DROPPED_BEFORE_WELCOME', 'dropped');
    expect(judgeProvokedClose({ ...base, expect: [1007], close: close(1007), sentT: 25, connection: conn }).fatal).toBe(conn);
    expect(judgeProvokedClose({ ...base, expect: [1007], close: close(1007), sentT: 25 }).fatal?.summary).toBe('malformed JSON: the connection closed before the provocation was sent');
    expect(judgeProvokedClose({ ...base, expect: [1007], close: close(1007), sentT: 20 }).fatal).toBeUndefined();
  });
});
