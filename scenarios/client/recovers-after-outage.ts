import { type ClientPolicy, defineScenario, fail, judgeRecovery, maxDelayMs, pass } from '../../harness/index.js';
import { attemptsBoundMs, ms, quietMs, wasOpened } from './watch.js';

const DOWN = 'orchestrator-init-failure';
const FIRST_DIAL_BOUND_MS = 5000;

/**
 * How many refused attempts the outage lasts: about half the retries the policy allows, and
 * always fewer than all of them, so a client that follows its policy is still retrying when
 * the server comes back. Counted in attempts, not ms: a busy page can take hundreds of ms
 * longer per attempt than the policy's delays, and an outage timed in ms would then end
 * before a client that gives up early had given up.
 */
export function outageAttemptsFor(p: ClientPolicy): number {
  return Math.max(1, Math.min(p.maxRetries, Math.floor(p.maxRetries / 2) + 1));
}

export default defineScenario({
  kind: 'client',
  id: 'client/recovers-after-outage',
  title: 'The client reconnects when the server comes back after an outage',
  description:
    'The server refuses every handshake for about half the retries the policy allows (or until the client falls quiet), then is healthy; the client must connect at its next scheduled attempt.',
  needs: ['retries'],
  timeoutMs: (p) => FIRST_DIAL_BOUND_MS + attemptsBoundMs(p, outageAttemptsFor(p) + 1) + maxDelayMs(p.maxRetries + 1, p.backoff) + p.toleranceMs + 10_000,
  async run(ctx) {
    const { policy } = ctx;
    const outageAttempts = outageAttemptsFor(policy);
    await ctx.begin({ faults: [DOWN] });
    if (!(await ctx.until(() => ctx.attempts().length > 0, FIRST_DIAL_BOUND_MS))) {
      throw new Error(`the client made no connection attempt within ${FIRST_DIAL_BOUND_MS} ms: check the URL it dials (or client.page.wsPattern for a page)`);
    }
    // Down until that many attempts were refused, or the client fell quiet (it gave up).
    const quiet = quietMs(policy);
    const refused = (): number => ctx.attempts().filter((a) => a.rejectedStatus !== undefined).length;
    await ctx.until(() => {
      const last = ctx.attempts().at(-1);
      return refused() >= outageAttempts || (last?.endMs !== undefined && ctx.elapsed() - last.endMs >= quiet);
    }, attemptsBoundMs(policy, outageAttempts + 1));
    const firstDialMs = ctx.attempts()[0]!.dialMs;
    const healthyAt = ctx.play({}).activatedMs;
    const deadline = healthyAt + maxDelayMs(policy.maxRetries + 1, policy.backoff) + policy.toleranceMs;
    await ctx.until(() => ctx.attempts().some((a) => a.openMs !== undefined && a.openMs >= healthyAt), deadline + 50 - ctx.elapsed());
    const attempts = ctx.attempts();
    const recovered = attempts.filter(wasOpened).find((a) => a.openMs >= healthyAt);
    const outageMs = ms(healthyAt - firstDialMs);
    const observations = {
      fault: `${DOWN} for ${outageAttempts} refused attempt(s) (${outageMs} ms)`,
      outageMs,
      outageAttempts,
      refusedDuringOutage: refused(),
      attempts: attempts.length,
      recoveredAfterMs: recovered ? ms(recovered.openMs - healthyAt) : null,
      boundMs: ms(deadline - healthyAt),
    };
    if (refused() === 0) {
      throw new Error(`no attempt was refused during the outage: the client dialled too late to test recovery`);
    }
    const d = judgeRecovery(attempts, healthyAt, policy);
    return d ? fail(d, observations) : pass(observations);
  },
});
