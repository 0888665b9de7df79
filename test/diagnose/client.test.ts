import { describe, expect, test } from 'vitest';
import {
  judgeAttemptLimit,
  judgeBackoff,
  judgeClientDialled,
  judgeDeadServer,
  judgeFatalClose,
  judgeRecovery,
  judgeServerPings,
  summarizeAttempts,
  wireDelays,
  type AttemptSummary,
} from '../../harness/diagnose/client.js';
import { expectedDelayMs, firstCappedRetry, retryWindowMs, scaledPolicy, type ClientPolicy } from '../../harness/client/policy.js';
import { parseClientProfile } from '../../harness/client/profile.js';
import type { ConnectionTimeline, TimelineEvent } from '../../harness/timeline.js';

const SHAPES = { ping: { type: 'ping' }, pong: { type: 'pong' }, idField: 'id' };

/** Incident 002's policy at timeScale 0.05: base 50, ×2, cap 500, ±10 %, 5 retries; ping 1000/500; tolerance 150. */
const POLICY: ClientPolicy = scaledPolicy(
  parseClientProfile({
    name: 'unit',
    timeScale: 0.05,
    reconnect: { maxRetries: 5, backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0.1 } },
    ping: { intervalMs: 20_000, timeoutMs: 10_000 },
    toleranceMs: 150,
  }),
);
const NO_JITTER: ClientPolicy = { ...POLICY, backoff: { ...POLICY.backoff, jitterRatio: 0 } };

const tl = (events: TimelineEvent[], n = 1): ConnectionTimeline => ({ label: `attempt-${n}`, url: 'ws://x/ws', startedAt: '', origin: 0, events });
const refused = (dial: number, n = 1): ConnectionTimeline =>
  tl([{ t: dial, kind: 'dial', url: 'ws://x/ws' }, { t: dial + 1, kind: 'rejected', status: 500, headers: {}, body: '' }], n);
const flapped = (dial: number, lived: number, code = 1005, by: 'server' | 'client' = 'server'): ConnectionTimeline =>
  tl([
    { t: dial, kind: 'dial', url: 'ws://x/ws' },
    { t: dial + 2, kind: 'open', protocol: '' },
    { t: dial + 2 + lived, kind: 'close', code, reason: '', wasClean: true, by },
  ]);
const msg = (t: number, dir: 'in' | 'out', body: unknown): TimelineEvent => ({ t, kind: 'message', dir, text: JSON.stringify(body), bytes: 0, binary: false });

/** Attempts refused back to back with the given gaps between them. */
function refusedWithGaps(gaps: number[]): AttemptSummary[] {
  const out: ConnectionTimeline[] = [refused(0)];
  let t = 1;
  for (const [i, g] of gaps.entries()) {
    t += g;
    out.push(refused(t, i + 2));
    t += 1;
  }
  return summarizeAttempts(out, SHAPES);
}

describe('policy', () => {
  test('incident 002 at scale 0.05: 50, 100, 200, 400, then capped at 500', () => {
    expect(POLICY.maxAttempts).toBe(6);
    expect([1, 2, 3, 4, 5, 6].map((n) => expectedDelayMs(n, POLICY.backoff))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(firstCappedRetry(POLICY)).toBe(5);
    expect(retryWindowMs(2, NO_JITTER.backoff)).toBe(150);
  });
  test('a policy that never reaches its cap within maxRetries says so', () => {
    expect(firstCappedRetry({ ...POLICY, maxRetries: 3 })).toBeUndefined();
  });
});

describe('summarizeAttempts and wireDelays', () => {
  test('open, close, pings and pongs are read per attempt; gaps run from one end to the next dial', () => {
    const a = summarizeAttempts(
      [
        tl([
          { t: 0, kind: 'dial', url: 'ws://x' },
          { t: 2, kind: 'open', protocol: '' },
          msg(10, 'in', { type: 'ping', id: 1 }),
          msg(11, 'out', { type: 'pong', id: 1 }),
          msg(12, 'out', { type: 'ping', id: 'c-1' }),
          { t: 20, kind: 'close', code: 1011, reason: 'x', wasClean: true, by: 'server' },
        ]),
        refused(120, 2),
      ],
      SHAPES,
    );
    expect(a[0]).toMatchObject({ n: 1, openMs: 2, endMs: 20, closeCode: 1011, closedBy: 'server', clientPings: 1 });
    expect(a[0]!.serverPings).toEqual([{ id: 1, t: 10 }]);
    expect(a[0]!.clientPongs).toEqual([{ id: 1, t: 11 }]);
    expect(a[1]).toMatchObject({ n: 2, rejectedStatus: 500, endMs: 121 });
    expect(wireDelays(a)).toEqual([{ retry: 1, delayMs: 100 }]);
  });
});

describe('judgeAttemptLimit', () => {
  test('maxRetries + 1 attempts pass; one more is RECONNECT_UNBOUNDED', () => {
    expect(judgeAttemptLimit(refusedWithGaps([50, 100, 200, 400, 500]), POLICY, 'failing')).toBeNull();
    const d = judgeAttemptLimit(refusedWithGaps([50, 100, 200, 400, 500, 500]), POLICY, 'failing');
    expect(d?.code).toBe('RECONNECT_UNBOUNDED');
    expect(d?.summary).toContain('7 attempts');
    expect(d?.summary).toContain('allows 6 (maxRetries 5 after the first)');
  });
  test('flapping at the base delay: the counter resets on every open (incident 000)', () => {
    const attempts = summarizeAttempts([0, 1, 2, 3, 4, 5, 6].map((i) => flapped(i * 82, 30)), SHAPES);
    const d = judgeAttemptLimit(attempts, POLICY, 'flapping');
    expect(d?.code).toBe('RECONNECT_UNBOUNDED');
    expect(d?.summary).toContain('the counter resets on every open');
  });
  test('flapping with delays grown to the cap: no maximum at all', () => {
    const attempts = summarizeAttempts([0, 1, 2, 3, 4, 5, 6].map((i) => flapped(i * 600, 30)), SHAPES);
    const d = judgeAttemptLimit(attempts, POLICY, 'flapping', [50, 100, 200, 400, 500, 500].map((delayMs, i) => ({ retry: i + 1, delayMs })));
    expect(d?.summary).toContain('ignores its maximum');
  });
});

describe('judgeBackoff', () => {
  const sched = (ds: number[]) => ds.map((delayMs, i) => ({ retry: i + 1, delayMs }));
  test('the policy delays, with jitter inside the ratio, pass', () => {
    // To the ms on the schedule although the policy claims ±10 %: no jitter (BACKOFF_UNSOUND, test/client/backoff-judge.test.ts).
    expect(judgeBackoff(sched([50, 100, 200, 400, 500]), POLICY, 'scheduled')?.code).toBe('BACKOFF_UNSOUND');
    expect(judgeBackoff(sched([46, 108, 181, 437, 548]), POLICY, 'scheduled')).toBeNull();
  });
  test('an uncapped fifth retry (800 ms) is BACKOFF_VIOLATION naming the cap', () => {
    const d = judgeBackoff(sched([50, 100, 200, 400, 800]), POLICY, 'scheduled');
    expect(d?.code).toBe('BACKOFF_VIOLATION');
    expect(d?.summary).toContain('retry 5 waited 800 ms, policy 500 ms (800 capped at 500)');
  });
  test('no backoff at all (a fixed short delay) is caught on later retries', () => {
    expect(judgeBackoff(sched([50, 50, 50, 50, 50]), NO_JITTER, 'scheduled')?.summary).toMatch(/^retry 2 waited 50 ms/);
  });
  test('wire gaps get a tolerance that scales with the delay (0.25 × 500 + 20 ms); scheduled delays do not', () => {
    // Inside the tolerance, so not a violation; the schedule itself has no jitter, so unsound.
    expect(judgeBackoff(sched([50, 100, 200, 400, 640]), NO_JITTER, 'wire')?.code).toBe('BACKOFF_UNSOUND');
    expect(judgeBackoff(sched([50, 100, 200, 400, 640]), NO_JITTER, 'scheduled')?.code).toBe('BACKOFF_VIOLATION');
    expect(judgeBackoff(sched([50, 100, 200, 400, 660]), NO_JITTER, 'wire')?.code).toBe('BACKOFF_VIOLATION');
  });
});

describe('judgeFatalClose', () => {
  test('no attempt after a 1008 passes; a redial is RETRY_ON_FATAL_CLOSE', () => {
    expect(judgeFatalClose(summarizeAttempts([flapped(0, 20, 1008)], SHAPES), POLICY)).toBeNull();
    const d = judgeFatalClose(summarizeAttempts([flapped(0, 20, 1008), flapped(80, 20, 1008)], SHAPES), POLICY);
    expect(d?.code).toBe('RETRY_ON_FATAL_CLOSE');
    expect(d?.summary).toContain('closed attempt 1 with 1008');
    expect(d?.summary).toContain('58 ms later');
  });
  test('a retry after a non-fatal close is none of its business', () => {
    expect(judgeFatalClose(summarizeAttempts([flapped(0, 20, 1011), flapped(80, 20, 1011)], SHAPES), POLICY)).toBeNull();
  });
});

describe('judgeServerPings', () => {
  const attempt = (events: TimelineEvent[]) => summarizeAttempts([tl([{ t: 0, kind: 'dial', url: 'ws://x' }, { t: 1, kind: 'open', protocol: '' }, ...events])], SHAPES)[0]!;
  test('every ping answered with its id within budget', () => {
    const j = judgeServerPings(attempt([msg(100, 'in', { type: 'ping', id: 1 }), msg(101, 'out', { type: 'pong', id: 1 }), msg(200, 'in', { type: 'ping', id: 2 }), msg(203, 'out', { type: 'pong', id: 2 })]), 1000, 5000);
    expect(j).toEqual({ diagnosis: null, answered: 2, judged: 2 });
  });
  test('an unanswered ping past its budget is CLIENT_PONG_MISSING, with the server close that followed', () => {
    const j = judgeServerPings(
      attempt([msg(100, 'in', { type: 'ping', id: 1 }), { t: 1100, kind: 'close', code: 1011, reason: 'keepalive timeout', wasClean: true, by: 'server' }]),
      1000,
      1200,
    );
    expect(j.diagnosis?.code).toBe('CLIENT_PONG_MISSING');
    expect(j.diagnosis?.summary).toContain('1011 "keepalive timeout"');
  });
  test('a pong with the wrong id does not count; a ping younger than its budget is not judged yet', () => {
    expect(judgeServerPings(attempt([msg(100, 'in', { type: 'ping', id: 1 }), msg(101, 'out', { type: 'pong', id: 9 })]), 1000, 2000).diagnosis?.code).toBe('CLIENT_PONG_MISSING');
    expect(judgeServerPings(attempt([msg(100, 'in', { type: 'ping', id: 1 })]), 1000, 500)).toEqual({ diagnosis: null, answered: 0, judged: 0 });
  });
});

describe('judgeDeadServer', () => {
  const open = (closeAt?: number, by: 'client' | 'server' = 'client'): AttemptSummary => ({
    n: 1,
    dialMs: 0,
    openMs: 10,
    endMs: closeAt,
    closeCode: closeAt === undefined ? undefined : 4000,
    closedBy: closeAt === undefined ? undefined : by,
    serverPings: [],
    clientPongs: [],
    clientPings: 2,
  });
  const next = (dial: number): AttemptSummary => ({ n: 2, dialMs: dial, serverPings: [], clientPongs: [], clientPings: 0 });
  test('closed by the client within interval + timeout + tolerance, then redialled: pass', () => {
    expect(judgeDeadServer(open(1520), next(1575), POLICY, 1600)).toBeNull();
  });
  test('still open past the bound is DEAD_SERVER_NOT_DETECTED', () => {
    const d = judgeDeadServer(open(), undefined, POLICY, 2400);
    expect(d?.code).toBe('DEAD_SERVER_NOT_DETECTED');
    expect(d?.summary).toContain('2 ping(s) went unanswered');
  });
  test('closed too late, or closed but never redialled, is DEAD_SERVER_NOT_DETECTED too', () => {
    expect(judgeDeadServer(open(1900), next(1950), POLICY, 2000)?.summary).toContain('bound is 1650 ms');
    expect(judgeDeadServer(open(1520), undefined, POLICY, 2500)?.summary).toContain('did not reconnect');
  });
  test('a server that ended the connection first makes the check inconclusive', () => {
    expect(judgeDeadServer(open(600, 'server'), next(700), POLICY, 800)?.code).toBe('SCENARIO_ERROR');
  });
});

describe('judgeRecovery', () => {
  const attempts = (opens: Array<number | undefined>): AttemptSummary[] =>
    opens.map((openMs, i) => ({ n: i + 1, dialMs: i * 100, openMs, endMs: openMs === undefined ? i * 100 + 1 : undefined, rejectedStatus: openMs === undefined ? 500 : undefined, serverPings: [], clientPongs: [], clientPings: 0 }));
  test('an attempt that opens after the outage within the capped delay + tolerance: pass', () => {
    expect(judgeRecovery(attempts([undefined, undefined, undefined, 352]), 250, POLICY)).toBeNull();
  });
  test('a client that gave up during the outage is NO_RECOVERY', () => {
    const d = judgeRecovery(attempts([undefined, undefined]), 250, POLICY);
    expect(d?.code).toBe('NO_RECOVERY');
    expect(d?.summary).toContain('no attempt opened by 950 ms');
  });
  test('reconnecting, but far too late, is NO_RECOVERY with the times', () => {
    expect(judgeRecovery(attempts([undefined, 2000]), 250, POLICY)?.summary).toContain('reconnected only at 2000 ms');
  });
});

describe('judgeClientDialled', () => {
  test('one dial is enough to judge', () => expect(judgeClientDialled(1, 5000, 'to the enactor\'s URL')).toBeNull());
  test('no dial at all is CLIENT_NEVER_CONNECTED, saying which sockets were watched and for how long', () => {
    expect(judgeClientDialled(0, 5000, 'matching client.page.wsPattern **/ws')).toMatchObject({
      code: 'CLIENT_NEVER_CONNECTED',
      summary: "no WebSocket matching client.page.wsPattern **/ws was opened within 5000 ms of the client's start, so nothing could be judged",
    });
  });
});
