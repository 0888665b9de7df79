import { judgeRecovery } from '../../harness/diagnose/client';
import { expectedDelayMs, maxDelayMs, type ClientPolicy } from '../../harness/client/policy';
import { defineClientScenario } from '../../harness/client/scenario';
import { fail, pass } from '../../harness/scenario';
import { ms } from './watch';

const DOWN = 'orchestrator-init-failure';
const FIRST_DIAL_BOUND_MS = 5000;

/**
 * An outage that ends half-way through the delay after the (maxRetries/2)-th retry, and well
 * inside the shortest retry window the policy allows: a client that follows its policy is
 * still retrying when the server comes back.
 */
export function outageMsFor(p: ClientPolicy): number {
  const k = Math.max(1, Math.floor(p.maxRetries / 2));
  let t = 0;
  for (let i = 1; i <= k; i++) t += expectedDelayMs(i, p.backoff);
  t += expectedDelayMs(k + 1, p.backoff) / 2;
  let window = 0;
  for (let i = 1; i <= p.maxRetries; i++) window += expectedDelayMs(i, p.backoff) * (1 - p.backoff.jitterRatio);
  return Math.max(1, Math.round(Math.min(t, window / 2)));
}

export default defineClientScenario({
  id: 'client/recovers-after-outage',
  title: 'The client reconnects when the server comes back after an outage',
  description: 'The server refuses every handshake for a while (shorter than the retry window), then is healthy; the client must connect at its next scheduled attempt.',
  needs: ['retries'],
  timeoutMs: (p) => FIRST_DIAL_BOUND_MS + outageMsFor(p) + maxDelayMs(p.maxRetries + 1, p.backoff) + p.toleranceMs + 10_000,
  async run(ctx) {
    const { policy } = ctx;
    const outageMs = outageMsFor(policy);
    // The outage is timed from the client's first attempt, not from when it was started
    // (a page takes a while to load).
    await ctx.begin({ faults: [DOWN] });
    if (!(await ctx.until(() => ctx.attempts().length > 0, FIRST_DIAL_BOUND_MS))) {
      throw new Error(`the client made no connection attempt within ${FIRST_DIAL_BOUND_MS} ms: check the URL it dials (or client.page.wsPattern for a page)`);
    }
    const firstDialMs = ctx.attempts()[0]!.dialMs;
    const healthyAt = ctx.play({ faults: [DOWN], forMs: Math.max(1, Math.round(firstDialMs + outageMs - ctx.elapsed())) }).healthyAtMs!;
    const deadline = healthyAt + maxDelayMs(policy.maxRetries + 1, policy.backoff) + policy.toleranceMs;
    await ctx.until(() => ctx.attempts().some((a) => a.openMs !== undefined && a.openMs >= healthyAt), deadline + 50 - ctx.elapsed());
    const attempts = ctx.attempts();
    const recovered = attempts.find((a) => a.openMs !== undefined && a.openMs >= healthyAt);
    const observations = {
      fault: `${DOWN} for ${outageMs} ms`,
      outageMs,
      refusedDuringOutage: attempts.filter((a) => a.rejectedStatus !== undefined).length,
      attempts: attempts.length,
      recoveredAfterMs: recovered ? ms(recovered.openMs! - healthyAt) : null,
      boundMs: ms(deadline - healthyAt),
    };
    if (!attempts.some((a) => a.rejectedStatus !== undefined)) {
      throw new Error(`no attempt was refused during the ${outageMs} ms outage: the client dialled too late to test recovery`);
    }
    const d = judgeRecovery(attempts, healthyAt, policy);
    return d ? fail(d, observations) : pass(observations);
  },
});
