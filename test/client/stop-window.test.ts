/**
 * "The client stopped" is decided after a window that scales with the capped delay (issue 10
 * item 8): a client that makes its allowed attempts and then one more, a capped delay + 400 ms
 * after the last (later than the old cap + tolerance window, inside two capped delays), fails
 * client/reconnect-limit, and the verdict counts every attempt the record holds.
 */
import WS from 'ws';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { scaledPolicy, maxDelayMs } from '../../harness/client/policy.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';
import { runClientScenario } from '../../harness/client/run-client-scenario.js';
import { defineClientUnderTest } from '../../harness/client/subject.js';
import { startBackendEnactor, type BackendEnactor } from '../../mock-backend/client-enactor.js';
import { getClientScenario } from '../../scenarios/client/index.js';
import { quietMs } from '../../scenarios/client/watch.js';

// A 400 ms cap (10 s × 0.04), pinned: the old window (cap + tolerance) and the new one (2 caps + tolerance) are then 440 ms apart.
const profile = referenceClientProfile({ reconnect: { maxRetries: 5, backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0.1 }, resetAfterStableMs: 5000, fatalCloseCodes: [1008] } });
const policy = scaledPolicy(profile);
const capMs = maxDelayMs(policy.maxRetries + 1, policy.backoff);
// The old window was the capped delay + tolerance; this attempt comes 150 ms after it.
const LATE_MS = Math.round(capMs + policy.toleranceMs + 150);

let enactor: BackendEnactor;
beforeAll(async () => {
  enactor = await startBackendEnactor(profile);
});
afterAll(async () => {
  await enactor?.close();
});

/** Dials with the policy's delays, then once more LATE_MS after its last allowed attempt. */
function lateExtraAttemptClient(url: string) {
  const delays = [...Array.from({ length: policy.maxRetries }, (_, i) => Math.min(policy.backoff.capMs, policy.backoff.baseMs * policy.backoff.factor ** i)), LATE_MS];
  let timer: NodeJS.Timeout | undefined;
  let socket: WS | undefined;
  let stopped = false;
  const dial = (k: number): void => {
    if (stopped) return;
    const ws = new WS(url);
    socket = ws;
    let ended = false;
    const end = (): void => {
      if (ended || stopped) return;
      ended = true;
      const d = delays[k];
      if (d !== undefined) timer = setTimeout(() => dial(k + 1), d);
    };
    ws.on('error', end);
    ws.on('close', end);
    ws.on('unexpected-response', (req) => {
      req.destroy();
      end();
    });
  };
  return defineClientUnderTest({
    label: 'late extra attempt (test client)',
    runtime: 'node',
    start: async () => dial(0),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      socket?.terminate();
    },
  });
}

test('the stop window is wide enough to see an attempt a capped delay + 400 ms late', () => {
  expect(quietMs(policy)).toBeGreaterThanOrEqual(LATE_MS + 250);
});

test('a client that dials once more after the old stop window fails client/reconnect-limit', async () => {
  const r = await runClientScenario(getClientScenario('client/reconnect-limit')!, { profile, enactor, client: ({ dialUrl }) => lateExtraAttemptClient(dialUrl!) });
  expect(r.status, JSON.stringify(r.observations)).toBe('failed');
  expect(r.diagnosis?.code).toBe('RECONNECT_UNBOUNDED');
  expect(r.observations.attempts).toBe(policy.maxAttempts + 1);
  expect(r.timelines.length).toBe(policy.maxAttempts + 1);
});
