import { defineScenario, diagnoseHandshake, fail, judgeCleanup, judgeHealthBaseline, pass, prefixSummary } from '../../harness/index.js';
import { LATE_WINDOW, awaitWelcome, closeSession, fmt, settleHealth, welcomeLatency, welcomeProblem } from '../session.js';

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

export default defineScenario({
  id: 'conformance/reconnect-storm',
  title: 'Rapid connect/close cycles are all welcomed and cleaned up',
  description: 'Open and close the profile\'s reconnectCycles connections back to back; every one must be welcomed, and the health count must return to its baseline.',
  needs: ['welcome', 'health'],
  timeoutMs: (p) => p.reconnectCycles * (p.timeouts.handshakeMs / 10 + 50) + p.welcome.budgetMs * 2 + p.timeouts.handshakeMs + p.health.settleMs + 10_000,
  async run(ctx) {
    const cycles = ctx.profile.reconnectCycles;
    const baseline = await ctx.healthCount();
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 1; i <= cycles; i++) {
      const probe = ctx.connect({ label: `cycle-${i}` });
      if ((await probe.opened) !== 'open') return fail(prefixSummary(`cycle ${i}/${cycles}`, diagnoseHandshake(probe.events)!), { completed: i - 1 });
      await awaitWelcome(ctx, probe, ctx.profile.welcome.budgetMs * LATE_WINDOW);
      const problem = welcomeProblem(ctx, probe);
      if (problem) return fail(prefixSummary(`cycle ${i}/${cycles}`, problem), { completed: i - 1 });
      latencies.push(welcomeLatency(ctx, probe)!);
      await closeSession(ctx, probe);
      probe.dispose();
    }
    const observations: Record<string, unknown> = {
      cycles,
      totalMs: Number(fmt(performance.now() - started)),
      welcomeP50Ms: Number(fmt(quantile(latencies, 0.5))),
      welcomeP99Ms: Number(fmt(quantile(latencies, 0.99))),
      healthBaseline: baseline,
    };
    if (baseline === undefined) return fail(judgeHealthBaseline(baseline), observations);
    const settled = await settleHealth(ctx, baseline);
    observations.healthAfter = settled.last;
    const leaked = judgeCleanup({ kind: 'cycles', cycles }, { baseline, ...settled });
    if (leaked) return fail(leaked, observations);
    return pass(observations);
  },
});
