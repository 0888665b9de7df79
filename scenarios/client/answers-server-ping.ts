import { defineScenario, fail, judgeServerPings, pass } from '../../harness/index.js';
import { awaitFirstOpen, ms } from './watch.js';

const PINGS = 2;
const OPEN_BOUND_MS = 5000;

export default defineScenario({
  kind: 'client',
  id: 'client/answers-server-ping',
  title: "The client answers the server's app pings",
  description: `A healthy server pings every serverPing.intervalMs; each of the first ${PINGS} pings must get a pong with its id within serverPing.timeoutMs.`,
  needs: ['serverPing'],
  timeoutMs: (p) => OPEN_BOUND_MS + PINGS * p.serverPing.intervalMs + p.serverPing.timeoutMs + 10_000,
  async run(ctx) {
    const sp = ctx.policy.serverPing;
    await ctx.begin({});
    const opened = await awaitFirstOpen(ctx, OPEN_BOUND_MS);
    const bound = opened.openMs + PINGS * sp.intervalMs + sp.timeoutMs + ctx.policy.toleranceMs - ctx.elapsed();
    const judge = () => judgeServerPings(ctx.attempts()[opened.n - 1]!, sp.timeoutMs, ctx.elapsed());
    await ctx.until(() => {
      const j = judge();
      const a = ctx.attempts()[opened.n - 1]!;
      return j.diagnosis !== null || j.judged >= PINGS || a.endMs !== undefined;
    }, bound);
    const a = ctx.attempts()[opened.n - 1]!;
    const j = judge();
    const observations = {
      serverPings: a.serverPings.length,
      answered: j.answered,
      pongRttMs: a.serverPings.flatMap((p) => {
        const pong = a.clientPongs.find((q) => q.t >= p.t && q.id === p.id);
        return pong ? [ms(pong.t - p.t)] : [];
      }),
      budgetMs: sp.timeoutMs,
    };
    if (j.diagnosis) return fail(j.diagnosis, observations);
    if (j.judged < PINGS) {
      throw new Error(`only ${j.judged} server ping(s) could be judged (connection ${a.endMs === undefined ? 'open' : `closed ${a.closeCode ?? ''} by the ${a.closedBy}`})`);
    }
    return pass(observations);
  },
});
