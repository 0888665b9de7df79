/**
 * Aggregation of per-connection diagnoses in a load run: each light connection's few stamps are
 * judged by the same judges as a conformance scenario (harness/load/judge.ts), and the tally
 * (harness/load/tally.ts) counts per code with the first example, when it came and how many
 * connections were open then; tallies of parts merge (counts add, the earliest first wins).
 */
import { describe, expect, test } from 'vitest';
import { diagnoseConnection } from '../../harness/diagnose/connection.js';
import { judgeLoadConnection } from '../../harness/load/judge.js';
import { describeCount, DiagnosisTally, groupDigits } from '../../harness/load/tally.js';
import type { TimelineEvent } from '../../harness/timeline.js';

const WELCOME = { type: 'connection_established' };
const criteria = { immediateDisconnectMs: 20, welcome: { match: WELCOME, budgetMs: 2000 } };
const opened: TimelineEvent[] = [
  { t: 0, kind: 'dial', url: 'ws://127.0.0.1:1/ws' },
  { t: 0.4, kind: 'tcp-connect' },
  { t: 1, kind: 'upgrade', status: 101, headers: {} },
  { t: 1.1, kind: 'open', protocol: '' },
];
const welcome = (t: number): TimelineEvent => ({ t, kind: 'message', dir: 'in', text: JSON.stringify({ ...WELCOME, id: 'x' }), bytes: 40, binary: false });

describe('judgeLoadConnection: the conformance judges on a load connection', () => {
  test('a 1011 before the welcome is what diagnoseConnection says it is', () => {
    const events: TimelineEvent[] = [...opened, { t: 52, kind: 'close-frame', code: 1011, reason: 'Service unavailable' }, { t: 53, kind: 'close', code: 1011, reason: 'Service unavailable', wasClean: true, by: 'server' }];
    const d = judgeLoadConnection(events, criteria, 60);
    expect(d).toEqual(diagnoseConnection(events, { immediateDisconnectMs: 20, welcome: WELCOME }));
    expect(d?.code).toBe('INTERNAL_ERROR_BEFORE_WELCOME');
    expect(d?.summary).toMatch(/1011.*"Service unavailable" 50\.9 ms after open, before the welcome/);
  });

  test('a late welcome is WELCOME_LATE; a timely one, then the client closing, is nothing', () => {
    expect(judgeLoadConnection([...opened, welcome(2600)], criteria, 3000)?.code).toBe('WELCOME_LATE');
    const fine: TimelineEvent[] = [...opened, welcome(5), { t: 900, kind: 'close-sent', code: 1000, reason: '' }, { t: 901, kind: 'close-frame', code: 1000, reason: '' }, { t: 902, kind: 'close', code: 1000, reason: '', wasClean: true, by: 'client' }];
    expect(judgeLoadConnection(fine, criteria, 903)).toBeNull();
  });

  test('no welcome is judged only once its budget has passed', () => {
    expect(judgeLoadConnection(opened, criteria, 1500)).toBeNull();
    expect(judgeLoadConnection(opened, criteria, 2500)?.code).toBe('SILENT_SERVER');
  });

  test('a refused upgrade is HANDSHAKE_REJECTED', () => {
    const events: TimelineEvent[] = [opened[0], opened[1], { t: 2, kind: 'rejected', status: 503, headers: {}, body: 'busy' }];
    expect(judgeLoadConnection(events, criteria, 3)?.code).toBe('HANDSHAKE_REJECTED');
  });
});

describe('DiagnosisTally', () => {
  test('counts per code, the first example with when and how many were open, most frequent first', () => {
    const t = new DiagnosisTally();
    t.add('WELCOME_LATE', 'welcome arrived 2600 ms after open', 3000, 180);
    t.add('INTERNAL_ERROR_BEFORE_WELCOME', 'server closed 1011 "Service unavailable" 51 ms after open, before the welcome', 4200, 2300);
    t.add('INTERNAL_ERROR_BEFORE_WELCOME', 'later one', 5000, 2500);
    t.add('INTERNAL_ERROR_BEFORE_WELCOME', 'an earlier one reported late', 4100, 2200);
    expect(t.failed).toBe(4);
    expect(t.count('INTERNAL_ERROR_BEFORE_WELCOME')).toBe(3);
    const [top, next] = t.counts();
    expect(top).toEqual({ code: 'INTERNAL_ERROR_BEFORE_WELCOME', count: 3, first: { atMs: 4100, openAtFirst: 2200, summary: 'an earlier one reported late' } });
    expect(next.code).toBe('WELCOME_LATE');
  });

  test('the aggregate line, as the issue words it', () => {
    const line = describeCount({ code: 'INTERNAL_ERROR_BEFORE_WELCOME', count: 312, first: { atMs: 4200, openAtFirst: 2300, summary: `server closed 1011 'Service unavailable' 51 ms after open` } }, 10_000);
    expect(line).toBe("312 of 10 000 connections: INTERNAL_ERROR_BEFORE_WELCOME (server closed 1011 'Service unavailable' 51 ms after open), first at 4.2 s, when 2 300 were open");
    expect(groupDigits(1234567)).toBe('1 234 567');
  });

  test('tallies of parts merge: counts add up, the earliest first example wins', () => {
    const a = new DiagnosisTally();
    const b = new DiagnosisTally();
    a.add('PREMATURE_CLOSE', 'a', 900, 10);
    b.add('PREMATURE_CLOSE', 'b', 300, 5);
    b.add('PREMATURE_CLOSE', 'b2', 400, 6);
    b.add('WELCOME_LATE', 'w', 100, 1);
    const merged = DiagnosisTally.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    for (const c of b.toJSON()) merged.merge(c);
    expect(merged.counts()).toEqual([
      { code: 'PREMATURE_CLOSE', count: 3, first: { atMs: 300, openAtFirst: 5, summary: 'b' } },
      { code: 'WELCOME_LATE', count: 1, first: { atMs: 100, openAtFirst: 1, summary: 'w' } },
    ]);
  });
});
