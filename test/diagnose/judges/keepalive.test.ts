/** judgeKeepalives and judgeDeadClient: KEEPALIVE_MISSING, DEAD_CLIENT_NOT_DETECTED and a close without any ping. */
import { describe, expect, test } from 'vitest';
import { diagnosis } from '../../../harness/diagnose/codes.js';
import { judgeDeadClient, judgeKeepalives } from '../../../harness/diagnose/judges/keepalive.js';

describe('judgeKeepalives', () => {
  const app = { kind: 'app' as const, match: { type: 'ping' }, intervalMs: 300, toleranceMs: 100 };
  const frames = { kind: 'protocol' as const, intervalMs: 500, toleranceMs: 50 };
  test('nothing missing passes', () => expect(judgeKeepalives([], 2)).toBeNull());
  test('one declared keepalive missing is KEEPALIVE_MISSING with its bound, unnamed', () => {
    expect(judgeKeepalives([{ name: 'app ping', keepalive: app }], 1)).toMatchObject({
      code: 'KEEPALIVE_MISSING',
      summary: 'no app ping {"type":"ping"} within 400 ms of open (interval 300 ms + tolerance 100 ms)',
    });
  });
  test('with several declared, each missing one is named', () => {
    const d = judgeKeepalives([{ name: 'app ping', keepalive: app }, { name: 'ping frames', keepalive: frames }], 2);
    expect(d?.summary).toBe('"app ping": no app ping {"type":"ping"} within 400 ms of open (interval 300 ms + tolerance 100 ms); "ping frames": no ping frame within 550 ms of open (interval 500 ms + tolerance 50 ms)');
    expect(judgeKeepalives([{ name: 'k', keepalive: { ...frames, kind: 'either' } }], 1)?.summary).toMatch(/^no keepalive \(ping frame or app ping\) within/);
  });
});

describe('judgeDeadClient', () => {
  const bound = { intervalMs: 300, timeoutMs: 200, toleranceMs: 100 };
  test('closed after unanswered pings is detected', () => {
    expect(judgeDeadClient({ bound, unansweredPings: 2, close: { code: 1011, reason: 'pong timeout' }, connection: null })).toBeNull();
  });
  test('not closed within the bound is DEAD_CLIENT_NOT_DETECTED, saying whether it pinged', () => {
    expect(judgeDeadClient({ bound, unansweredPings: 3, close: undefined, connection: null })).toMatchObject({
      code: 'DEAD_CLIENT_NOT_DETECTED',
      summary: 'server sent 3 unanswered ping(s) but had not closed after 600 ms (interval 300 + timeout 200 + tolerance 100)',
    });
    expect(judgeDeadClient({ bound, unansweredPings: 0, close: undefined, connection: null }).summary).toBe('server sent no ping in 600 ms and never closed: a dead client cannot be noticed');
  });
  test('closed without any ping is not detection: the connection diagnosis, or PREMATURE_CLOSE', () => {
    const conn = diagnosis('PREMATURE_CLOSE', 'server closed 1001');
    expect(judgeDeadClient({ bound, unansweredPings: 0, close: { code: 1001, reason: '' }, connection: conn })).toBe(conn);
    expect(judgeDeadClient({ bound, unansweredPings: 0, close: { code: 1001, reason: '' }, connection: null })?.summary).toMatch(/^server closed 1001.* before any keepalive$/);
  });
});
