/** judgeWelcome and judgeWelcomeUnderLatency: on time, late (at the budget boundary, with the harness's lateness), missing, silent. */
import { describe, expect, test } from 'vitest';
import { judgeWelcome, judgeWelcomeUnderLatency } from '../../../harness/diagnose/judges/welcome.js';
import { LATENESS_BLIND_MS } from '../../../harness/clock.js';
import { closed, inbound, opened, welcome, WELCOME } from './events.js';

const criteria = { match: WELCOME, budgetMs: 100, immediateDisconnectMs: 10 };

describe('judgeWelcome', () => {
  test('a welcome within the budget is on time', () => {
    expect(judgeWelcome([...opened(5), welcome(50)], criteria, 60)).toBeNull();
  });
  test('exactly at the budget plus the blind spot is still on time; a hair past it is WELCOME_LATE', () => {
    expect(judgeWelcome([...opened(0), welcome(100 + LATENESS_BLIND_MS)], criteria, 200)).toBeNull();
    const d = judgeWelcome([...opened(0), welcome(100 + LATENESS_BLIND_MS + 0.01)], criteria, 200);
    expect(d?.code).toBe('WELCOME_LATE');
    expect(d?.summary).toBe('welcome arrived 106 ms after open; the budget is 100 ms');
  });
  test('a late welcome the harness may have stamped late is on time; a late one states the uncertainty', () => {
    expect(judgeWelcome([...opened(0), welcome(150, 60)], criteria, 200)).toBeNull();
    const d = judgeWelcome([...opened(0), welcome(150, 20)], criteria, 200);
    expect(d?.code).toBe('WELCOME_LATE');
    expect(d?.summary).toContain('(± 20 ms: the harness was busy)');
  });
  test('no message at all on an open connection is SILENT_SERVER, with how long it was watched', () => {
    const d = judgeWelcome(opened(5), criteria, 205);
    expect(d?.code).toBe('SILENT_SERVER');
    expect(d?.summary).toBe('connection open for 200 ms and the server sent nothing at all (no welcome, no error, no close)');
  });
  test('messages, none of them the welcome, is WELCOME_MISSING and shows them', () => {
    const d = judgeWelcome([...opened(5), inbound(20, '{"type":"error"}')], criteria, 105);
    expect(d?.code).toBe('WELCOME_MISSING');
    expect(d?.summary).toBe('1 message(s) in 100 ms, none matching {"type":"connection_established"}: {"type":"error"}');
  });
  test('a connection that failed before the welcome gets the connection diagnosis', () => {
    expect(judgeWelcome([...opened(5), closed(40, 1011, 'not ready')], criteria, 60)?.code).toBe('INTERNAL_ERROR_BEFORE_WELCOME');
  });
  test('a probe that never opened is judged by the connection (no welcome to wait for)', () => {
    expect(judgeWelcome([{ t: 0, kind: 'dial', url: 'ws://x' }, { t: 2, kind: 'rejected', status: 500, headers: {}, body: '' }], criteria, 10)?.code).toBe('HANDSHAKE_REJECTED');
  });
});

describe('judgeWelcomeUnderLatency', () => {
  const base = { budgetMs: 100, latencyMs: 25, waitedMs: 250 };
  test('within budget + latency, and exactly at it, passes', () => {
    expect(judgeWelcomeUnderLatency({ ...base, welcomeMs: 90 })).toBeNull();
    expect(judgeWelcomeUnderLatency({ ...base, welcomeMs: 125 })).toBeNull();
  });
  test('past budget + latency is WELCOME_LATE with the bound', () => {
    const d = judgeWelcomeUnderLatency({ ...base, welcomeMs: 125.5 });
    expect(d?.code).toBe('WELCOME_LATE');
    expect(d?.summary).toBe('with 25 ms latency each way the welcome took 126 ms from open; the bound is budget 100 + latency 25 ms');
  });
  test('no welcome is WELCOME_MISSING with how long it waited', () => {
    const d = judgeWelcomeUnderLatency({ ...base, welcomeMs: undefined });
    expect(d?.code).toBe('WELCOME_MISSING');
    expect(d?.summary).toBe('no welcome within 250 ms with 25 ms latency each way');
  });
});
