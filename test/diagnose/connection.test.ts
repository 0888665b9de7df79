import { describe, expect, test } from 'vitest';
import { diagnoseConnection, diagnoseHandshake } from '../../harness/diagnose/connection.js';
import type { TimelineEvent } from '../../harness/timeline.js';

const WELCOME = { type: 'connection_established' };
const criteria = { immediateDisconnectMs: 10, welcome: WELCOME };
const opened = (t = 5): TimelineEvent[] => [
  { t: 0, kind: 'dial', url: 'ws://x/ws' },
  { t: 1, kind: 'tcp-connect' },
  { t: t - 0.1, kind: 'upgrade', status: 101, headers: {} },
  { t, kind: 'open', protocol: '' },
];
const welcome = (t: number): TimelineEvent => ({ t, kind: 'message', dir: 'in', text: '{"type":"connection_established"}', bytes: 33, binary: false });
const close = (t: number, code: number, reason = '', by: 'server' | 'client' | 'transport' = code === 1006 ? 'transport' : 'server'): TimelineEvent => ({
  t,
  kind: 'close',
  code,
  reason,
  wasClean: code !== 1006,
  by,
});

describe('diagnoseHandshake', () => {
  test('no TCP connection is CONNECT_FAILED with the error code', () => {
    const d = diagnoseHandshake([{ t: 0, kind: 'dial', url: 'ws://x' }, { t: 1, kind: 'error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' }]);
    expect(d?.code).toBe('CONNECT_FAILED');
    expect(d?.summary).toContain('ECONNREFUSED');
  });
  test('a non-101 answer is HANDSHAKE_REJECTED with the status and body', () => {
    const d = diagnoseHandshake([{ t: 0, kind: 'dial', url: 'ws://x' }, { t: 2, kind: 'rejected', status: 500, headers: {}, body: '{"detail":"boom"}' }]);
    expect(d?.code).toBe('HANDSHAKE_REJECTED');
    expect(d?.summary).toMatch(/HTTP 500/);
    expect(d?.summary).toContain('boom');
  });
  test('TCP connected but no upgrade answer is HANDSHAKE_TIMEOUT', () => {
    const d = diagnoseHandshake([{ t: 0, kind: 'dial', url: 'ws://x' }, { t: 1, kind: 'tcp-connect' }, { t: 3000, kind: 'error', message: 'Opening handshake has timed out', code: 'HANDSHAKE_TIMEOUT' }]);
    expect(d?.code).toBe('HANDSHAKE_TIMEOUT');
  });
  test('an open connection has no handshake problem', () => {
    expect(diagnoseHandshake(opened())).toBeNull();
  });
});

describe('diagnoseConnection', () => {
  test('a healthy, still-open connection is fine', () => {
    expect(diagnoseConnection([...opened(), welcome(6)], criteria)).toBeNull();
  });
  test('a close the client started is not a server failure', () => {
    expect(diagnoseConnection([...opened(), welcome(6), close(20, 1000, '', 'client')], criteria)).toBeNull();
  });
  test('1006 within the immediate window, before any message, is IMMEDIATE_DISCONNECT (incident 004)', () => {
    expect(diagnoseConnection([...opened(5), close(5.53, 1006)], criteria)?.code).toBe('IMMEDIATE_DISCONNECT');
  });
  test('1006 after the window and before the welcome is DROPPED_BEFORE_WELCOME (incident 000)', () => {
    expect(diagnoseConnection([...opened(5), close(35, 1006)], criteria)?.code).toBe('DROPPED_BEFORE_WELCOME');
  });
  test('1005 is CLOSED_WITHOUT_STATUS, before or after the welcome', () => {
    expect(diagnoseConnection([...opened(5), close(35, 1005)], criteria)?.code).toBe('CLOSED_WITHOUT_STATUS');
    expect(diagnoseConnection([...opened(5), welcome(6), close(35, 1005)], criteria)?.code).toBe('CLOSED_WITHOUT_STATUS');
  });
  test('1011 before the welcome is INTERNAL_ERROR_BEFORE_WELCOME and quotes the reason (incident 003)', () => {
    const d = diagnoseConnection([...opened(5), close(68, 1011, 'Internal error')], criteria);
    expect(d?.code).toBe('INTERNAL_ERROR_BEFORE_WELCOME');
    expect(d?.summary).toContain('"Internal error"');
    expect(d?.summary).toContain('63.0 ms after open');
    expect(d?.hint).toMatch(/readiness check/);
  });
  test('an error message before the 1011 is quoted as evidence', () => {
    const err: TimelineEvent = { t: 20, kind: 'message', dir: 'in', text: '{"type":"error","error":"init failed"}', bytes: 30, binary: false };
    expect(diagnoseConnection([...opened(5), err, close(25, 1011, 'x')], criteria)?.summary).toContain('init failed');
  });
  test('1011 after the welcome, or any other server close, is PREMATURE_CLOSE', () => {
    expect(diagnoseConnection([...opened(5), welcome(6), close(100, 1011, 'keepalive timeout')], criteria)?.code).toBe('PREMATURE_CLOSE');
    expect(diagnoseConnection([...opened(5), welcome(6), close(150, 1000, 'session ended')], criteria)?.code).toBe('PREMATURE_CLOSE');
    expect(diagnoseConnection([...opened(5), welcome(6), close(150, 1006)], criteria)?.code).toBe('PREMATURE_CLOSE');
  });
  test('a fast close after a message is not immediate', () => {
    const msg: TimelineEvent = { t: 5.2, kind: 'message', dir: 'in', text: '{"type":"hello"}', bytes: 16, binary: false };
    expect(diagnoseConnection([...opened(5), msg, close(5.5, 1006)], criteria)?.code).toBe('DROPPED_BEFORE_WELCOME');
  });
  test('without a welcome in the profile, 1011 is a PREMATURE_CLOSE', () => {
    expect(diagnoseConnection([...opened(5), close(68, 1011, 'x')], { immediateDisconnectMs: 10 })?.code).toBe('PREMATURE_CLOSE');
  });
  test('the immediate window is the profile\'s', () => {
    expect(diagnoseConnection([...opened(5), close(25, 1006)], { ...criteria, immediateDisconnectMs: 30 })?.code).toBe('IMMEDIATE_DISCONNECT');
  });

});

describe('diagnoseConnection when the harness was busy (issue 13 item 1)', () => {
  const late = (e: TimelineEvent, lateMs: number): TimelineEvent => ({ ...e, lateMs }) as TimelineEvent;
  test('a drop stamped 50 ms after open but possibly 48 ms late is not called DROPPED: the margin is smaller than the lateness', () => {
    const d = diagnoseConnection([...opened(5), late({ t: 55, kind: 'tcp-end' }, 48), late(close(56, 1006), 49)], criteria);
    expect(d?.code).toBe('IMMEDIATE_DISCONNECT');
    expect(d?.summary).toContain('closed without a close frame (1006) 50.0 ms after open (± 48.0 ms: the harness was busy)');
    expect(d?.summary).toMatch(/too busy to tell whether that is within the 10 ms immediate window/);
  });
  test('a drop 8.5 ms after an open stamped 30 ms late may really be 38 ms: said, and reported immediate by the documented tie-break', () => {
    const events = [...opened(5).slice(0, 3), late({ t: 5, kind: 'open', protocol: '' }, 30), close(13.5, 1006)];
    const d = diagnoseConnection(events, criteria);
    expect(d?.code).toBe('IMMEDIATE_DISCONNECT');
    expect(d?.summary).toContain('8.50 ms after open (± 30.0 ms: the harness was busy)');
    expect(d?.summary).toMatch(/too busy/);
  });
  test('a late stamp that still leaves the gap outside the window keeps DROPPED_BEFORE_WELCOME and states the uncertainty', () => {
    const d = diagnoseConnection([...opened(5), late({ t: 455, kind: 'tcp-end' }, 150), close(456, 1006)], criteria);
    expect(d?.code).toBe('DROPPED_BEFORE_WELCOME');
    expect(d?.summary).toContain('450 ms after open (± 150 ms: the harness was busy)');
  });
  test('a close that carries a code is classified without the clock, so its summary does not blame a busy harness', () => {
    const d = diagnoseConnection([...opened(5), late(close(55, 1011, 'Service unavailable'), 20)], criteria);
    expect(d?.code).toBe('INTERNAL_ERROR_BEFORE_WELCOME');
    expect(d?.summary).toContain('50.0 ms after open, before the welcome');
    expect(d?.summary).not.toMatch(/busy/);
  });
  test('a message before the drop is clock-free evidence: never immediate, however late the stamps', () => {
    const msg: TimelineEvent = { t: 6, kind: 'message', dir: 'in', text: '{"type":"hello"}', bytes: 16, binary: false };
    expect(diagnoseConnection([...opened(5), msg, late(close(60, 1006), 60)], criteria)?.code).toBe('DROPPED_BEFORE_WELCOME');
  });
  test('the end is timed by the FIN as read, not the teardown', () => {
    const d = diagnoseConnection([...opened(5), { t: 6, kind: 'tcp-end' }, close(2006, 1006)], criteria);
    expect(d?.code).toBe('IMMEDIATE_DISCONNECT');
    expect(d?.summary).toContain('1.00 ms after open');
  });
  test('a close frame read before the teardown is diagnosed at once, with its code, even while the socket is still up', () => {
    const d = diagnoseConnection([...opened(5), welcome(6), { t: 100, kind: 'close-frame', code: 1009, reason: 'too big' }], criteria);
    expect(d?.code).toBe('PREMATURE_CLOSE');
    expect(d?.summary).toContain('1009 (message too big) "too big" 95.0 ms after open');
  });
  test('a close the client started first is not a server failure, even before the teardown', () => {
    const events: TimelineEvent[] = [...opened(5), welcome(6), { t: 50, kind: 'close-sent', code: 1000, reason: '' }, { t: 51, kind: 'close-frame', code: 1000, reason: '' }];
    expect(diagnoseConnection(events, criteria)).toBeNull();
  });
  test('a gap this close to the window is undecided even when no stall was seen: the heartbeat cannot see stalls under 6 ms', () => {
    const d = diagnoseConnection([...opened(5), close(13, 1006)], criteria);
    expect(d?.code).toBe('IMMEDIATE_DISCONNECT');
    expect(d?.summary).toContain('8.00 ms after open, before any message; the harness cannot time closer than 6 ms, too coarse to tell');
    expect(d?.summary).not.toContain('busy');
  });
});
