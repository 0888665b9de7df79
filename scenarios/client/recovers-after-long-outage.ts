/**
 * client/recovers-after-long-outage: an outage longer than the retry window (a deploy, a
 * failover; issue 10 item 3). The server refuses every handshake until the client has used
 * every attempt its policy allows and fallen quiet for the stop window, then is healthy. A
 * bounded burst is right, giving up for good is not: the client must dial again within its
 * resume interval (reconnect.resumeEveryMs; the recommended 60 s when the profile is silent,
 * scaled like every duration) and connect. `resumeEveryMs: null` opts out (a skip).
 */
import { defineScenario, fail, judgeLongOutage, maxDelayMs, pass, recommendedNoteFor, withNote } from '../../harness/index.js';
import { attemptsBoundMs, ms, quietMs, wasOpened } from './watch.js';

const DOWN = 'orchestrator-init-failure';
const FIRST_DIAL_BOUND_MS = 5000;

export default defineScenario({
  kind: 'client',
  id: 'client/recovers-after-long-outage',
  title: 'The client reconnects after an outage longer than its retry window',
  description:
    'The server refuses every handshake until the client has made every attempt it may and fallen quiet, then is healthy; the client must dial again within its resume interval (reconnect.resumeEveryMs, recommended 60 s) and connect. A client that gave up for good needs a page reload: NO_RECOVERY. resumeEveryMs: null opts out.',
  needs: ['retries', 'resumeEveryMs'],
  timeoutMs: (p) => FIRST_DIAL_BOUND_MS + attemptsBoundMs(p, p.maxAttempts + 1) + p.resumeEveryMs * 2 + 10_000,
  async run(ctx) {
    const { policy } = ctx;
    const { resumeEveryMs } = policy;
    await ctx.begin({ faults: [DOWN] });
    if (!(await ctx.until(() => ctx.attempts().length > 0, FIRST_DIAL_BOUND_MS))) {
      throw new Error(`the client made no connection attempt within ${FIRST_DIAL_BOUND_MS} ms: check the URL it dials (or client.page.wsPattern for a page)`);
    }
    // Down past the retry window: every allowed attempt refused and the stop window of silence
    // (a client that never stops is client/reconnect-limit's to judge: the bound ends the outage).
    const quiet = quietMs(policy);
    const quietNow = (): boolean => {
      const last = ctx.attempts().at(-1);
      return last?.endMs !== undefined && ctx.elapsed() - last.endMs >= quiet;
    };
    await ctx.until(() => ctx.attempts().length >= policy.maxAttempts && quietNow(), attemptsBoundMs(policy, policy.maxAttempts + 1));
    const duringOutage = ctx.attempts();
    const healthyAtMs = ctx.play({}).activatedMs;
    const lastEndMs = duringOutage.at(-1)?.endMs ?? healthyAtMs;
    const resumeBoundMs = resumeEveryMs * (1 + policy.backoff.jitterRatio) + policy.toleranceMs;
    const deadlineMs = Math.max(lastEndMs + resumeBoundMs, healthyAtMs + maxDelayMs(policy.maxRetries + 1, policy.backoff) + policy.toleranceMs);
    await ctx.until(() => ctx.attempts().some((a) => a.openMs !== undefined && a.openMs >= healthyAtMs), deadlineMs + 50 - ctx.elapsed());
    const attempts = ctx.attempts();
    const recovered = attempts.filter(wasOpened).find((a) => a.openMs >= healthyAtMs);
    const firstDialMs = duringOutage[0]?.dialMs ?? healthyAtMs;
    const note = recommendedNoteFor(policy.recommended, ['resumeEveryMs']);
    const observations = {
      fault: `${DOWN} for ${duringOutage.length} refused attempt(s), then ${ms(healthyAtMs - lastEndMs)} ms of silence`,
      outageMs: ms(healthyAtMs - firstDialMs),
      attemptsDuringOutage: duringOutage.length,
      triedForMs: ms((duringOutage.at(-1)?.dialMs ?? firstDialMs) - firstDialMs),
      resumeEveryMs,
      recoveredAfterMs: recovered ? ms(recovered.openMs - healthyAtMs) : null,
      boundMs: ms(deadlineMs - healthyAtMs),
      judgedAgainst: note ?? "the profile's reconnect.resumeEveryMs",
    };
    const d = judgeLongOutage(attempts, { healthyAtMs, deadlineMs, resumeEveryMs });
    return d ? fail(withNote(d, note), observations) : pass(observations);
  },
});
