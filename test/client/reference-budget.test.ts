/**
 * `pnpm scenarios --client` must stay under 30 s on the reference client (issue 10, "Done
 * when"). Most of it is waiting the policy prescribes, not work: every restart of the client
 * waits out its retry window and then the stop window (2 capped delays + tolerance), and
 * client/flap-bounded restarts it once per phase. This pins that arithmetic for the reference
 * profile (no wall clock): with incident 002's 5 retries capped at 10 s (0.04 scale) the
 * waits alone were over 15 s; the run measured 34.6 s with them, 23.4 s without the excess.
 */
import { expect, test } from 'vitest';
import { maxDelayMs, retryWindowMs, scaledPolicy } from '../../harness/client/policy.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';
import { FLAP_PHASES } from '../../scenarios/client/flap-bounded.js';
import { quietMs } from '../../scenarios/client/watch.js';

const policy = scaledPolicy(referenceClientProfile());
/** One run of the client to its end: every allowed retry at its longest delay, then the stop window. */
const perRunMs = retryWindowMs(policy.maxRetries, policy.backoff) + quietMs(policy);
// flap-bounded's phases, reconnect-limit and backoff each run the client to its end.
const RUNS_TO_THE_END = FLAP_PHASES.length + 2;
const WAIT_BUDGET_MS = 10_000;

test(`the reference policy's prescribed waits for ${RUNS_TO_THE_END} runs to the end stay under ${WAIT_BUDGET_MS} ms`, () => {
  expect(perRunMs * RUNS_TO_THE_END).toBeLessThan(WAIT_BUDGET_MS);
});

test('the reference policy still reaches its cap before its last retry (client/backoff can catch a missing cap)', () => {
  const last = policy.maxRetries;
  const uncapped = policy.backoff.baseMs * policy.backoff.factor ** (last - 1);
  // Far apart: the uncapped delay (minus jitter) is beyond the capped one plus its tolerance.
  const slack = policy.backoff.capMs * policy.delayTolerance.ratio + policy.delayTolerance.floorMs;
  expect(uncapped * (1 - policy.backoff.jitterRatio)).toBeGreaterThan(maxDelayMs(last, policy.backoff) + slack);
});

test("the reference client's resume interval is far outside the stop window (client/reconnect-limit never sees it)", () => {
  expect(policy.resumeEveryMs).not.toBeNull();
  expect((policy.resumeEveryMs ?? 0) * (1 - policy.backoff.jitterRatio)).toBeGreaterThan(quietMs(policy) + 500);
});
