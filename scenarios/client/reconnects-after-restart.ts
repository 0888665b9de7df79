/**
 * client/reconnects-after-restart: a graceful restart. The server welcomes the client, then
 * closes with 1001 (going away) and, in a second phase with the client restarted, with 1012
 * (service restart), and is healthy again right after; the client must dial again within the
 * stop window (issue 10 item 3). A client that treats 1001 as final fails.
 */
import { defineScenario, fail, judgeGracefulRestart, pass, SkipScenario, type RestartPhase } from '../../harness/index.js';
import { quietMs } from './watch.js';

export const RESTART_CODES = [1001, 1012] as const;
const CLOSE_AFTER_MS = 40;
const OPEN_BOUND_MS = 5000;

export default defineScenario({
  kind: 'client',
  id: 'client/reconnects-after-restart',
  title: 'After a graceful restart (1001, 1012) the client reconnects',
  description:
    'The server welcomes the client, then closes with 1001 (going away), and in a second run with 1012 (service restart), and is healthy again at once; the client must dial again within two capped delays + tolerance. Codes the profile lists as fatal are not played.',
  needs: [],
  timeoutMs: (p) => RESTART_CODES.length * (OPEN_BOUND_MS + CLOSE_AFTER_MS + quietMs(p) + 5000) + 10_000,
  async run(ctx) {
    const { policy } = ctx;
    const codes = RESTART_CODES.filter((c) => !policy.fatalCloseCodes.includes(c));
    if (codes.length === 0) throw new SkipScenario(`the profile lists ${RESTART_CODES.join(' and ')} as fatal close codes`);
    const redialBoundMs = quietMs(policy);
    const phases: RestartPhase[] = [];
    for (const [i, code] of codes.entries()) {
      const from = ctx.attempts().length;
      const faults = [{ name: 'flap', params: { afterMs: CLOSE_AFTER_MS, code } }];
      if (i === 0) await ctx.begin({ faults });
      else {
        ctx.play({ faults });
        await ctx.client.start();
      }
      const closedNow = () => ctx.attempts().slice(from).find((a) => a.closedBy === 'server' && a.closeCode === code && a.endMs !== undefined);
      await ctx.until(() => closedNow() !== undefined, OPEN_BOUND_MS + CLOSE_AFTER_MS + policy.toleranceMs);
      // Back at once: the restart is over.
      ctx.play({});
      const closed = closedNow();
      if (closed?.endMs !== undefined) {
        const closedAt = closed.endMs;
        await ctx.until(() => ctx.attempts().slice(from).some((a) => a.dialMs > closedAt), closedAt + redialBoundMs - ctx.elapsed());
      }
      await ctx.client.stop();
      phases.push({ code, attempts: ctx.attempts().slice(from) });
      if (ctx.signal.aborted) break;
    }
    const j = judgeGracefulRestart(phases, redialBoundMs);
    const observations = { codes, closeAfterMs: CLOSE_AFTER_MS, redialBoundMs, phases: j.phases };
    return j.diagnosis ? fail(j.diagnosis, observations) : pass(observations);
  },
});
