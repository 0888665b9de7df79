/**
 * judgeFlapPhases (issue 10 items 2, 8, 10): each way of closing judged on its own, the cause
 * taken from the delays (a counter that resets versus one that grows and never stops), and
 * never a verdict while the record holds an attempt no phase counted.
 */
import { describe, expect, test } from 'vitest';
import type { AttemptSummary } from '../../harness/diagnose/client.js';
import { flapCause, judgeFlapPhases } from '../../harness/diagnose/judges/client-flap.js';
import { scaledPolicy } from '../../harness/client/policy.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';

// base 40 ms ×2, cap 400 ms, 5 retries: 6 attempts allowed (pinned: the reference profile's own numbers may change).
const policy = scaledPolicy(
  referenceClientProfile({ reconnect: { maxRetries: 5, backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0.1 }, resetAfterStableMs: 5000, fatalCloseCodes: [1008] } }),
);

/** Attempts that each open and close after 20 ms, separated by `delaysMs`. */
function flapping(delaysMs: number[], t0 = 0): AttemptSummary[] {
  let t = t0;
  return [0, ...delaysMs].map((d, i) => {
    t += d;
    const a: AttemptSummary = { n: i + 1, dialMs: t, openMs: t + 2, endMs: t + 22, closeCode: 1011, closedBy: 'server', serverPings: [], clientPongs: [], clientPings: 0 };
    t += 22;
    return a;
  });
}

const grown13 = [40, 52, 68, 88, 114, 148, 193, 250];
const reset = [40, 41, 39, 42, 40, 43, 41, 40];

describe('flapCause: the explanation follows the evidence', () => {
  test('delays growing ×1.3 that never stop are "ignores its maximum", not a reset', () => {
    expect(flapCause(grown13, policy)).toBe('ignores-maximum');
  });
  test('delays back at the first one every time are a counter that resets on open', () => {
    expect(flapCause(reset, policy)).toBe('resets-on-open');
  });
});

describe('judgeFlapPhases', () => {
  test('names the codes the client is unbounded on, and the ones it is bounded on', () => {
    const phases = [
      { label: '1005', attempts: flapping([40, 80, 160, 320, 400]) },
      { label: '1011', attempts: flapping(grown13, 5000) },
      { label: 'refused handshake', attempts: flapping([40, 80, 160, 320, 400], 10_000) },
    ];
    const j = judgeFlapPhases(phases, policy, 6 + 9 + 6);
    expect(j.diagnosis?.code).toBe('RECONNECT_UNBOUNDED');
    expect(j.diagnosis?.summary).toMatch(/^unbounded on 1011 .*; bounded on 1005, refused handshake\. 1011: 9 attempts/);
    expect(j.diagnosis?.summary).toMatch(/the counter did not reset: the client never stops/);
    expect(j.diagnosis?.summary).not.toMatch(/resets on every open/);
    expect(j.diagnosis?.hint).toMatch(/the counter does not reset/);
    expect(j.phases.map((p) => p.bounded)).toEqual([true, false, true]);
  });

  test('a resetting client is explained as a reset, with its delay list', () => {
    const j = judgeFlapPhases([{ label: '1005', attempts: flapping(reset) }], policy, 9);
    expect(j.diagnosis?.summary).toMatch(/the delays stayed near the first one \(40, 41, 39, .* ms.*\): the counter resets on every open/);
  });

  test('every phase within the maximum passes', () => {
    const j = judgeFlapPhases([{ label: '1000', attempts: flapping([40, 80, 160, 320, 400]) }], policy, 6);
    expect(j.diagnosis).toBeNull();
  });

  test('an attempt in the record that no phase counted is never a pass', () => {
    expect(() => judgeFlapPhases([{ label: '1000', attempts: flapping([40, 80, 160, 320, 400]) }], policy, 7)).toThrow(/record holds 7 attempts but the phases counted 6/);
  });
});
