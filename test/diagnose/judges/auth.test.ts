/** judgeInvalidAuth and judgeAuthVariants: every code an invalid credential can get, and how several variants combine. */
import { describe, expect, test } from 'vitest';
import { diagnosis } from '../../../harness/diagnose/codes.js';
import { judgeAuthVariants, judgeInvalidAuth } from '../../../harness/diagnose/judges/auth.js';
import type { TimelineEvent } from '../../../harness/timeline.js';
import { closed, inbound, opened, welcome, WELCOME } from './events.js';

const expectation = { expectHttpStatuses: [401, 403], expectCloseCodes: [1008] };
const criteria = { immediateDisconnectMs: 10, welcome: WELCOME };
const rejected = (status: number): TimelineEvent[] => [{ t: 0, kind: 'dial', url: 'ws://x' }, { t: 2, kind: 'rejected', status, headers: {}, body: '' }];
const asClose = (e: TimelineEvent) => (e.kind === 'close' ? { t: e.t, code: e.code, reason: e.reason, by: e.by } : undefined);

describe('judgeInvalidAuth', () => {
  test('an expected HTTP refusal passes; another status is HANDSHAKE_REJECTED', () => {
    expect(judgeInvalidAuth(rejected(401), expectation, criteria, undefined, 3)).toBeNull();
    expect(judgeInvalidAuth(rejected(500), expectation, criteria, undefined, 3)).toMatchObject({
      code: 'HANDSHAKE_REJECTED',
      summary: 'invalid token answered HTTP 500, not an auth refusal (401/403)',
    });
  });
  test('a dial that failed otherwise gets the handshake diagnosis', () => {
    const events: TimelineEvent[] = [{ t: 0, kind: 'dial', url: 'ws://x' }, { t: 1, kind: 'error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' }];
    expect(judgeInvalidAuth(events, expectation, criteria, undefined, 2)?.code).toBe('CONNECT_FAILED');
  });
  test('an expected close code from the server before any app data passes', () => {
    const c = closed(8, 1008, 'invalid token');
    expect(judgeInvalidAuth([...opened(5), c], expectation, criteria, asClose(c), 9)).toBeNull();
  });
  test('the welcome or app data is AUTH_NOT_ENFORCED, timed from open', () => {
    expect(judgeInvalidAuth([...opened(5), welcome(12)], expectation, criteria, undefined, 100)).toMatchObject({
      code: 'AUTH_NOT_ENFORCED',
      summary: 'invalid token got a live session: the welcome arrived 7.00 ms after open',
    });
    const c = closed(30, 1008);
    expect(judgeInvalidAuth([...opened(5), inbound(10, '{"type":"chat"}'), c], expectation, criteria, asClose(c), 31)?.summary).toBe('invalid token got a live session: 1 message(s) arrived 5.00 ms after open');
  });
  test('a connection left open with no refusal is AUTH_NOT_ENFORCED', () => {
    expect(judgeInvalidAuth(opened(5), expectation, criteria, undefined, 2005)?.summary).toBe('invalid token: the connection stayed open 2000 ms with no refusal');
  });
  test('a close with another code is the connection diagnosis, or PREMATURE_CLOSE naming the expected codes', () => {
    const crash = closed(40, 1011, 'boom');
    expect(judgeInvalidAuth([...opened(5), crash], expectation, criteria, asClose(crash), 41)?.code).toBe('INTERNAL_ERROR_BEFORE_WELCOME');
    const noWelcome = { immediateDisconnectMs: 10 };
    const normal = closed(40, 1000, 'bye');
    const d = judgeInvalidAuth([...opened(5), normal], expectation, noWelcome, asClose(normal), 41);
    expect(d?.code).toBe('PREMATURE_CLOSE');
  });
  test('a close the client started is not the refusal: PREMATURE_CLOSE with the expected codes', () => {
    const mine = closed(40, 1000, 'done', 'client');
    expect(judgeInvalidAuth([...opened(5), mine], expectation, criteria, asClose(mine), 41)).toMatchObject({
      code: 'PREMATURE_CLOSE',
      summary: expect.stringMatching(/^invalid token closed with 1000.*, expected 1008$/),
    });
  });
});

describe('judgeAuthVariants', () => {
  const refusedWrong = diagnosis('HANDSHAKE_REJECTED', 'invalid token answered HTTP 500');
  const gotIn = diagnosis('AUTH_NOT_ENFORCED', 'invalid token got a live session');
  test('all refused passes', () => expect(judgeAuthVariants([{ name: 'expired', diagnosis: null }, { name: 'none', diagnosis: null }])).toBeNull());
  test('a variant that got in outweighs one refused the wrong way; the others are listed', () => {
    const j = judgeAuthVariants([{ name: 'garbage', diagnosis: refusedWrong }, { name: 'expired', diagnosis: gotIn }, { name: 'none', diagnosis: null }]);
    expect(j?.failedVariant).toBe('expired');
    expect(j?.diagnosis).toMatchObject({ code: 'AUTH_NOT_ENFORCED', summary: 'variant "expired": invalid token got a live session; also failed: "garbage" HANDSHAKE_REJECTED' });
  });
  test('otherwise the first failing variant, alone', () => {
    expect(judgeAuthVariants([{ name: 'none', diagnosis: null }, { name: 'garbage', diagnosis: refusedWrong }])?.diagnosis.summary).toBe('variant "garbage": invalid token answered HTTP 500');
  });
});
