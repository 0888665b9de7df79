import { defineScenario, fail, judgeAttemptLimit, pass } from '../../harness/index.js';
import { attemptsBoundMs, ms, quietMs, watchAttempts } from './watch.js';

/** The catalogue fault that refuses every upgrade (HTTP 500, incident 000). */
const REFUSE = 'orchestrator-init-failure';

export default defineScenario({
  kind: 'client',
  id: 'client/reconnect-limit',
  title: 'The client stops after its maximum number of attempts',
  description: 'Every handshake is refused; the client may make maxRetries + 1 attempts in all, then must stop.',
  needs: [],
  timeoutMs: (p) => attemptsBoundMs(p, p.maxAttempts + 2) + 10_000,
  async run(ctx) {
    const { policy } = ctx;
    await ctx.begin({ faults: [REFUSE] });
    const w = await watchAttempts(ctx, policy.maxAttempts, quietMs(policy), attemptsBoundMs(policy, policy.maxAttempts + 2));
    const observations = {
      fault: REFUSE,
      attempts: w.attempts.length,
      maxAttempts: policy.maxAttempts,
      settled: w.settled,
      lastDialMs: ms(w.attempts.at(-1)?.dialMs ?? 0),
    };
    const d = judgeAttemptLimit(w.attempts, policy, 'failing');
    return d ? fail(d, observations) : pass(observations);
  },
});
