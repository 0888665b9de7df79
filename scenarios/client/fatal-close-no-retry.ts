import { defineScenario, fail, judgeFatalClose, pass, recommendedNoteFor, withNote } from '../../harness/index.js';
import { attemptsBoundMs, ms, quietMs, watchAttempts } from './watch.js';

const CLOSE_AFTER_MS = 20;

export default defineScenario({
  kind: 'client',
  id: 'client/fatal-close-no-retry',
  title: 'After a fatal close code (1008) the client does not reconnect',
  description:
    "The server welcomes the client, then closes with the policy's first fatal code (1008 when the profile names none: the recommended policy), as an auth failure; the client must not dial again. fatalCloseCodes: [] opts out.",
  needs: ['fatalCloseCodes'],
  timeoutMs: (p) => attemptsBoundMs(p, 2) + 10_000,
  async run(ctx) {
    const { policy } = ctx;
    const code = policy.fatalCloseCodes[0];
    await ctx.begin({ faults: [{ name: 'flap', params: { afterMs: CLOSE_AFTER_MS, code } }] });
    const w = await watchAttempts(ctx, 1, quietMs(policy), attemptsBoundMs(policy, 2));
    const first = w.attempts[0];
    const note = recommendedNoteFor(policy.recommended, ['fatalCloseCodes']);
    const observations = {
      judgedAgainst: note ?? "the profile's fatalCloseCodes",
      fault: `flap:afterMs=${CLOSE_AFTER_MS}:code=${code}`,
      attempts: w.attempts.length,
      firstClose: first?.closeCode,
      quietMs: quietMs(policy),
      settled: w.settled,
      redialAfterMs: w.attempts[1] && first?.endMs !== undefined ? ms(w.attempts[1].dialMs - first.endMs) : null,
    };
    if (!first || first.closeCode !== code) {
      throw new Error(`the first attempt was not closed with ${code} (attempts: ${w.attempts.length}, first close: ${first?.closeCode ?? first?.rejectedStatus ?? 'none'})`);
    }
    const d = judgeFatalClose(w.attempts, policy);
    return d ? fail(withNote(d, note), observations) : pass(observations);
  },
});
