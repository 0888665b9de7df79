import { diagnosis } from '../../harness/diagnose/codes';
import { defineScenario, fail, pass } from '../../harness/scenario';
import { fmt } from '../session';
import { proxied, sessionThrough } from './common';

export default defineScenario({
  id: 'chaos/half-open',
  title: 'The server detects a half-open link within its keepalive bound',
  description: 'A timeout toxic with timeout 0 swallows all traffic both ways without closing anything (a half-open link); the server must drop the connection — the health count back at its baseline — within keepalive interval + pong timeout + tolerance.',
  needs: ['toxiproxy', 'keepalive', 'health'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + p.keepalive!.intervalMs + p.keepalive!.timeoutMs + p.keepalive!.toleranceMs + 5000,
  async run(ctx) {
    const ka = ctx.profile.keepalive!;
    const baseline = await ctx.healthCount();
    if (baseline === undefined) return fail(diagnosis('SCENARIO_ERROR', 'the health endpoint gave no connection count'));
    const proxy = await proxied(ctx);
    const { probe, failure } = await sessionThrough(ctx, proxy);
    if (failure) return fail(failure);
    const during = await ctx.healthCount();
    await proxy.addToxic({ type: 'timeout', stream: 'upstream', attributes: { timeout: 0 } }, [probe]);
    await proxy.addToxic({ type: 'timeout', stream: 'downstream', attributes: { timeout: 0 } }, [probe]);
    const boundMs = ka.intervalMs + ka.timeoutMs + ka.toleranceMs;
    const start = performance.now();
    let count = during;
    for (let i = 0; i < 1000 && performance.now() - start < boundMs; i++) {
      count = await ctx.healthCount();
      if (count !== undefined && count <= baseline) break;
      if (!(await ctx.sleep(Math.min(50, boundMs / 20)))) break;
    }
    const waited = performance.now() - start;
    const observations = { boundMs, healthBaseline: baseline, healthDuring: during, healthAfter: count, waitedMs: Number(fmt(waited)) };
    if (count === undefined || count > baseline) {
      return fail(
        diagnosis(
          'DEAD_PEER_NOT_DETECTED',
          `the link went half-open and after ${fmt(waited)} ms the server still counts ${count} connection(s) (baseline ${baseline}); the bound is interval ${ka.intervalMs} + timeout ${ka.timeoutMs} + tolerance ${ka.toleranceMs} ms`,
        ),
        observations,
      );
    }
    return pass(observations);
  },
});
