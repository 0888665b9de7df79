import { defineScenario, fail, judgeAttemptLimit, pass, recommendedNoteFor, withNote } from '../../harness/index.js';
import { attemptsBoundMs, ms, quietMs, watchAttempts } from './watch.js';

/** The catalogue fault that refuses every upgrade (HTTP 500, incident 000). */
const REFUSE = 'orchestrator-init-failure';

export default defineScenario({
  kind: 'client',
  id: 'client/reconnect-limit',
  title: 'The client stops after its maximum number of attempts',
  description:
    "Every handshake is refused; the client may make maxRetries + 1 attempts in all, then must stop. A profile without maxRetries, or with maxRetries: 'unlimited', is judged against the recommended 5 retries (opt out with optOut).",
  needs: [],
  timeoutMs: (p) => attemptsBoundMs(p, p.maxAttempts + 2) + 10_000,
  async run(ctx) {
    const { policy } = ctx;
    await ctx.begin({ faults: [REFUSE] });
    const w = await watchAttempts(ctx, policy.maxAttempts, quietMs(policy), attemptsBoundMs(policy, policy.maxAttempts + 2));
    const note = policy.unlimitedRetries
      ? `judged against the recommended policy (the profile claims unlimited retries, maxRetries: 'unlimited'; the recommendation is ${policy.maxRetries}; opt out with optOut["client/reconnect-limit"])`
      : recommendedNoteFor(policy.recommended, ['maxRetries']);
    const observations = {
      fault: REFUSE,
      attempts: w.attempts.length,
      maxAttempts: policy.maxAttempts,
      settled: w.settled,
      lastDialMs: ms(w.attempts.at(-1)?.dialMs ?? 0),
      judgedAgainst: note ?? "the profile's maxRetries",
    };
    const d = judgeAttemptLimit(w.attempts, policy, 'failing');
    return d ? fail(withNote(d, note), observations) : pass(observations);
  },
});
