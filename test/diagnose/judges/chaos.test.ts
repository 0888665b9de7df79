/** The chaos judges: each code they return, the fall-back to the connection diagnosis, and the bounds. */
import { describe, expect, test } from 'vitest';
import { diagnosis } from '../../../harness/diagnose/codes.js';
import {
  halfOpenHint,
  judgeBandwidth,
  judgeHalfOpen,
  judgeIdleCut,
  judgeJitter,
  judgeLatencyKeepalive,
  judgePongLoss,
  judgeSlicedReply,
  judgeToxicActed,
  keepaliveClose,
} from '../../../harness/diagnose/judges/chaos.js';

const conn = diagnosis('PREMATURE_CLOSE', 'server closed 1001 "going away"');
const end = (code: number, reason = '', by: 'server' | 'client' | 'transport' = 'server') => ({ t: 420.4, code, reason, by });

describe('keepaliveClose', () => {
  test('reasons that name the keepalive', () => {
    for (const r of ['keepalive timeout', 'keep-alive', 'pong not received', 'heartbeat', 'Timeout']) expect(keepaliveClose(r), r).toBe(true);
    expect(keepaliveClose('going away')).toBe(false);
  });
});

describe('judgeHalfOpen', () => {
  const base = { keepalive: { intervalMs: 300, timeoutMs: 200, toleranceMs: 100 }, serverCloseMs: 0, baseline: 1, waitedMs: 612.3 };
  test('back at the baseline (or below) passes', () => {
    expect(judgeHalfOpen({ ...base, count: 1 })).toBeNull();
    expect(judgeHalfOpen({ ...base, count: 0 })).toBeNull();
  });
  test('still counted, or no count, is DEAD_PEER_NOT_DETECTED with both causes in the hint', () => {
    const d = judgeHalfOpen({ ...base, serverCloseMs: 10_000, count: 2 });
    expect(d?.code).toBe('DEAD_PEER_NOT_DETECTED');
    expect(d?.summary).toBe('the link went half-open and after 612 ms the server still counts 2 connection(s) (baseline 1); the bound is interval 300 + pong timeout 200 + server close timeout 10000 + tolerance 100 ms');
    expect(d?.hint).toBe(halfOpenHint(10_000));
    expect(judgeHalfOpen({ ...base, count: undefined })?.code).toBe('DEAD_PEER_NOT_DETECTED');
  });
});

describe('judgeIdleCut', () => {
  test('no close passes; a transport 1006 is IDLE_TIMEOUT_RISK; any other close is the connection diagnosis', () => {
    expect(judgeIdleCut(undefined, 0, 200, 600, conn)).toBeNull();
    expect(judgeIdleCut(end(1006, '', 'transport'), 601.2, 200, 600, conn)).toMatchObject({
      code: 'IDLE_TIMEOUT_RISK',
      summary: 'the emulated load balancer cut the connection after 601 ms without traffic to the client; the keepalive interval is 200 ms, the idle timeout 600 ms',
    });
    expect(judgeIdleCut(end(1006, '', 'server'), 601, 200, 600, conn)).toBe(conn);
    expect(judgeIdleCut(end(1001), 601, 200, 600, conn)).toBe(conn);
  });
});

describe('judgeLatencyKeepalive', () => {
  const base = { latencyMs: 25, pongTimeoutMs: 200, connection: conn };
  test('no close, or the client closing, passes', () => {
    expect(judgeLatencyKeepalive({ ...base, close: undefined })).toBeNull();
    expect(judgeLatencyKeepalive({ ...base, close: end(1000, '', 'client') })).toBeNull();
  });
  test('a keepalive close or a drop is KEEPALIVE_INTOLERANT; another close is the connection diagnosis', () => {
    expect(judgeLatencyKeepalive({ ...base, close: end(1011, 'pong timeout') })).toMatchObject({
      code: 'KEEPALIVE_INTOLERANT',
      summary: expect.stringMatching(/^with a 50 ms round trip \(pong timeout 200 ms\) the server closed 1011.* after 420 ms, although every ping was answered$/),
    });
    expect(judgeLatencyKeepalive({ ...base, close: end(1006, '', 'transport') })?.code).toBe('KEEPALIVE_INTOLERANT');
    expect(judgeLatencyKeepalive({ ...base, close: end(1001, 'going away') })).toBe(conn);
  });
});

describe('judgeBandwidth', () => {
  const base = { close: undefined, transferMs: 66.6, connection: null, bytes: 32_800, rateKBps: 493, boundMs: 600.4, replyBytes: 32_800, echoesPadding: true, paddingBytes: 32_768 };
  test('a whole reply with the connection up passes; exactly the padding size is whole', () => {
    expect(judgeBandwidth(base)).toBeNull();
    expect(judgeBandwidth({ ...base, replyBytes: 32_768 })).toBeNull();
    expect(judgeBandwidth({ ...base, replyBytes: 10, echoesPadding: false })).toBeNull();
  });
  test('a keepalive close during the transfer is KEEPALIVE_INTOLERANT; another close is the connection diagnosis', () => {
    expect(judgeBandwidth({ ...base, close: { ...end(1011, 'keepalive timeout'), afterSendMs: 40.2 } })?.summary).toMatch(/ 40 ms into a 67 ms transfer: the pong was queued behind the upload$/);
    expect(judgeBandwidth({ ...base, close: { ...end(1001), afterSendMs: 40 }, connection: conn })).toBe(conn);
  });
  test('no reply, or a truncated echo, is MESSAGE_LOST', () => {
    expect(judgeBandwidth({ ...base, replyBytes: undefined })).toMatchObject({ code: 'MESSAGE_LOST', summary: 'no reply within 600 ms for a 32800-byte request at 493 KB/s' });
    expect(judgeBandwidth({ ...base, replyBytes: 32_767 })?.summary).toBe('the echoed reply was 32767 bytes for a 32800-byte request: truncated');
  });
});

describe('judgeJitter', () => {
  const base = { sent: 3, received: 3, waitedMs: 900, field: 'seq' };
  test('all replies, in order or unchecked, pass', () => {
    expect(judgeJitter({ ...base, tags: [1, 2, 3] })).toBeNull();
    expect(judgeJitter({ ...base, tags: undefined })).toBeNull();
  });
  test('missing replies are MESSAGE_LOST before any order check', () => {
    expect(judgeJitter({ ...base, received: 2, tags: [2, 1] })).toMatchObject({ code: 'MESSAGE_LOST', summary: '1 of 3 requests got no reply within 900 ms under jitter' });
  });
  test('out of order is MESSAGE_ORDER_VIOLATED naming the first reply out of place', () => {
    expect(judgeJitter({ ...base, tags: [1, 3, 2] })).toMatchObject({ code: 'MESSAGE_ORDER_VIOLATED', summary: 'replies arrived in the order 1,3,2: reply 2 carried seq 3' });
  });
});

describe('judgeSlicedReply, judgeToxicActed', () => {
  test('the sliced reply', () => {
    expect(judgeSlicedReply({ answered: true, expect: { type: 'pong' }, boundMs: 400 })).toBeNull();
    expect(judgeSlicedReply({ answered: false, expect: { type: 'pong' }, boundMs: 400 })).toMatchObject({ code: 'MESSAGE_LOST', summary: 'no {"type":"pong"} within 400 ms of the request through the slicer' });
  });
  test("a toxic that did not act is the harness's SCENARIO_ERROR", () => {
    expect(judgeToxicActed(true, 'x')).toBeNull();
    expect(judgeToxicActed(false, 'the reset_peer toxic did not cut the connection')).toMatchObject({ code: 'SCENARIO_ERROR', summary: 'the reset_peer toxic did not cut the connection' });
  });
});

describe('judgePongLoss', () => {
  const base = { boundMs: 600, pings: 2, connection: null };
  test('a valid close frame from the server passes', () => {
    expect(judgePongLoss({ ...base, close: { ...end(1011, 'pong timeout'), afterMs: 500 } })).toBeNull();
  });
  test('no close is DEAD_PEER_NOT_DETECTED; a drop is UNCLEAN_CLOSE', () => {
    expect(judgePongLoss({ ...base, close: undefined })).toMatchObject({ code: 'DEAD_PEER_NOT_DETECTED', summary: 'every pong was lost for 600 ms (2 ping(s) answered in vain) and the server kept the connection open' });
    expect(judgePongLoss({ ...base, close: { ...end(1006, '', 'transport'), afterMs: 512.3 } })?.summary).toBe('the server gave up on the connection after 512 ms but dropped it without a close frame (1006)');
  });
  test('another close is the connection diagnosis, or INVALID_CLOSE_CODE', () => {
    expect(judgePongLoss({ ...base, close: { ...end(1005), afterMs: 500 }, connection: conn })).toBe(conn);
    expect(judgePongLoss({ ...base, close: { ...end(1005), afterMs: 500 } })).toMatchObject({ code: 'INVALID_CLOSE_CODE', summary: expect.stringMatching(/^the server closed with 1005/) });
  });
});
