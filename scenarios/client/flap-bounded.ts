import { defineScenario, fail, judgeAttemptLimit, pass } from '../../harness/index.js';
import { attemptsBoundMs, ms, quietMs, watchAttempts } from './watch.js';

/** Incident 000 as the client saw it: open, then a close without status (1005) right away. */
const FLAP = 'close-without-status';
const DEFAULT_FLAP_MS = 30;

export default defineScenario({
  kind: 'client',
  id: 'client/flap-bounded',
  title: 'A server that closes every connection right after open does not keep the client retrying forever',
  description:
    'Each connection opens and is closed without status a few ms later (incident 000); a connection that short must not reset the retry counter, so the client stops after maxRetries + 1 attempts.',
  needs: [],
  timeoutMs: (p) => attemptsBoundMs(p, p.maxAttempts + 2) + 10_000,
  async run(ctx) {
    const { policy } = ctx;
    // Far shorter than the stable time that may reset the counter.
    const afterMs = policy.resetAfterStableMs === null ? DEFAULT_FLAP_MS : Math.max(0, Math.min(DEFAULT_FLAP_MS, Math.floor(policy.resetAfterStableMs / 4)));
    await ctx.begin({ faults: [{ name: FLAP, params: { afterMs } }] });
    const w = await watchAttempts(ctx, policy.maxAttempts, quietMs(policy) + afterMs, attemptsBoundMs(policy, policy.maxAttempts + 2) + policy.maxAttempts * afterMs);
    const observations = {
      fault: `${FLAP}:afterMs=${afterMs}`,
      attempts: w.attempts.length,
      opened: w.attempts.filter((a) => a.openMs !== undefined).length,
      maxAttempts: policy.maxAttempts,
      closeCodes: [...new Set(w.attempts.map((a) => a.closeCode).filter((c) => c !== undefined))],
      settled: w.settled,
      lastDialMs: ms(w.attempts.at(-1)?.dialMs ?? 0),
    };
    const d = judgeAttemptLimit(w.attempts, policy, 'flapping', await ctx.scheduled());
    return d ? fail(d, observations) : pass(observations);
  },
});
