import { defineScenario, expectedDelayMs, fail, firstCappedRetry, judgeBackoff, pass, recommendedNoteFor, wireDelays, withNote } from '../../harness/index.js';
import { attemptsBoundMs, ms, quietMs, watchAttempts } from './watch.js';

const REFUSE = 'orchestrator-init-failure';

export default defineScenario({
  kind: 'client',
  id: 'client/backoff',
  title: 'Reconnect delays follow a sound backoff: the stated schedule, growing, with jitter',
  description:
    'Every handshake is refused; each delay must follow the schedule the profile states (base × factor^n capped, an explicit list, an immediate first retry...), within the jitter, and that schedule must grow and spread clients with jitter (else BACKOFF_UNSOUND). Judged on the delays the client scheduled when it exposes them (Chromium throttles handshakes), else on the wire.',
  needs: ['retries'],
  timeoutMs: (p) => attemptsBoundMs(p, p.maxAttempts + 2) + 10_000,
  async run(ctx) {
    const { policy } = ctx;
    await ctx.begin({ faults: [REFUSE] });
    const w = await watchAttempts(ctx, policy.maxAttempts, quietMs(policy), attemptsBoundMs(policy, policy.maxAttempts + 2));
    const wire = wireDelays(w.attempts).slice(0, policy.maxRetries);
    const scheduled = (await ctx.scheduled())?.slice(0, policy.maxRetries);
    const source = scheduled && scheduled.length > 0 ? 'scheduled' : 'wire';
    const delays = scheduled && scheduled.length > 0 ? scheduled : wire;
    const capRetry = firstCappedRetry(policy);
    const note = recommendedNoteFor(policy.recommended, ['jitterRatio', 'maxRetries']);
    const observations = {
      source,
      delaysMs: delays.map((d) => ms(d.delayMs)),
      wireDelaysMs: wire.map((d) => ms(d.delayMs)),
      expectedMs: delays.map((d) => ms(expectedDelayMs(d.retry, policy.backoff))),
      capExercised: capRetry !== undefined && delays.some((d) => d.retry >= capRetry),
      judgedAgainst: note ?? "the profile's stated schedule",
    };
    const d = judgeBackoff(delays, policy, source);
    return d ? fail(withNote(d, note), observations) : pass(observations);
  },
});
