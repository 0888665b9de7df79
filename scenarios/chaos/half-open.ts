import { defineScenario, fail, judgeHalfOpen, judgeHealthBaseline, pass } from '../../harness/index.js';
import { fmt } from '../session.js';
import { proxied, sessionThrough } from './common.js';

/** The hint moved to its judge; re-exported for the tests that check its wording. */
export { halfOpenHint } from '../../harness/index.js';

export default defineScenario({
  id: 'chaos/half-open',
  title: 'The server detects a half-open link within its keepalive bound',
  description: 'A timeout toxic with timeout 0 swallows all traffic both ways without closing anything (a half-open link); the server must drop the connection — the health count back at its baseline — within keepalive interval + pong timeout + the server\'s close timeout (timeouts.serverCloseMs) + tolerance.',
  needs: ['toxiproxy', 'keepalive', 'health'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + p.keepalive.intervalMs + p.keepalive.timeoutMs + (p.timeouts.serverCloseMs ?? 0) + p.keepalive.toleranceMs + 5000,
  async run(ctx) {
    const ka = ctx.profile.keepalive;
    const baseline = await ctx.healthCount();
    if (baseline === undefined) return fail(judgeHealthBaseline(baseline));
    const proxy = await proxied(ctx);
    const { probe, failure } = await sessionThrough(ctx, proxy);
    if (failure) return fail(failure);
    const during = await ctx.healthCount();
    await proxy.addToxic({ type: 'timeout', stream: 'upstream', attributes: { timeout: 0 } }, [probe]);
    await proxy.addToxic({ type: 'timeout', stream: 'downstream', attributes: { timeout: 0 } }, [probe]);
    const serverCloseMs = ctx.profile.timeouts.serverCloseMs ?? 0;
    const boundMs = ka.intervalMs + ka.timeoutMs + serverCloseMs + ka.toleranceMs;
    const start = performance.now();
    let count = during;
    for (let i = 0; i < 1000 && performance.now() - start < boundMs; i++) {
      count = await ctx.healthCount();
      if (count !== undefined && count <= baseline) break;
      if (!(await ctx.sleep(Math.min(50, boundMs / 20)))) break;
    }
    const waited = performance.now() - start;
    const observations = { boundMs, serverCloseMs, healthBaseline: baseline, healthDuring: during, healthAfter: count, waitedMs: Number(fmt(waited)) };
    const alive = judgeHalfOpen({ keepalive: ka, serverCloseMs, baseline, count, waitedMs: waited });
    return alive ? fail(alive, observations) : pass(observations);
  },
});
