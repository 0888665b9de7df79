import { defineScenario, diagnosis, fail, pass } from '../../harness/index.js';
import { fmt } from '../session.js';
import { proxied, sessionThrough } from './common.js';

/** The two causes a half-open link that outlives the bound has: say both, the user can tell them apart. */
export function halfOpenHint(serverCloseMs: number): string {
  return [
    'Either the server does not enforce a pong timeout (a peer counts as alive as long as TCP does not say otherwise, so a half-open link lives forever),',
    'or the server noticed and sent its close, but its close handshake waits for a close frame that never comes back through a half-open link',
    `(e.g. Python websockets' close_timeout, 10 s; the profile states ${serverCloseMs} ms).`,
    'Check the server log for a keepalive-timeout close; if there is one, set the library\'s close timeout shorter or state it in the profile as timeouts.serverCloseMs.',
  ].join(' ');
}

export default defineScenario({
  id: 'chaos/half-open',
  title: 'The server detects a half-open link within its keepalive bound',
  description: 'A timeout toxic with timeout 0 swallows all traffic both ways without closing anything (a half-open link); the server must drop the connection — the health count back at its baseline — within keepalive interval + pong timeout + the server\'s close timeout (timeouts.serverCloseMs) + tolerance.',
  needs: ['toxiproxy', 'keepalive', 'health'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + p.keepalive.intervalMs + p.keepalive.timeoutMs + (p.timeouts.serverCloseMs ?? 0) + p.keepalive.toleranceMs + 5000,
  async run(ctx) {
    const ka = ctx.profile.keepalive;
    const baseline = await ctx.healthCount();
    if (baseline === undefined) return fail(diagnosis('SCENARIO_ERROR', 'the health endpoint gave no connection count'));
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
    if (count === undefined || count > baseline) {
      return fail(
        diagnosis(
          'DEAD_PEER_NOT_DETECTED',
          `the link went half-open and after ${fmt(waited)} ms the server still counts ${count} connection(s) (baseline ${baseline}); the bound is interval ${ka.intervalMs} + pong timeout ${ka.timeoutMs} + server close timeout ${serverCloseMs} + tolerance ${ka.toleranceMs} ms`,
          halfOpenHint(serverCloseMs),
        ),
        observations,
      );
    }
    return pass(observations);
  },
});
