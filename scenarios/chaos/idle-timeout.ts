import { defineScenario, describeClose, fail, judgeIdleCut, pass } from '../../harness/index.js';
import { closeSession, connectionFailure } from '../session.js';
import { proxied, sessionThrough } from './common.js';

export default defineScenario({
  id: 'chaos/idle-timeout',
  title: "A load balancer's idle timeout does not cut an idle session",
  description: 'An idle_timeout toxic (embedded Toxiproxy only) emulates a load balancer that cuts a connection after the profile\'s idleTimeoutMs (60 s in production, compressed for the reference backend) with no traffic towards the client; an idle session must survive twice that, kept alive by the server\'s keepalive.',
  needs: ['toxiproxy', 'keepalive'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + 2 * p.idleTimeoutMs + p.keepalive.toleranceMs + 5000,
  async run(ctx) {
    const ka = ctx.profile.keepalive;
    const idleMs = ctx.profile.idleTimeoutMs;
    const proxy = await proxied(ctx);
    const { probe, failure } = await sessionThrough(ctx, proxy);
    if (failure) return fail(failure);
    await proxy.addToxic({ type: 'idle_timeout', stream: 'downstream', attributes: { timeout: idleMs } }, [probe]);
    const from = probe.elapsed();
    const windowMs = 2 * idleMs + ka.toleranceMs;
    const close = await probe.waitFor('close', windowMs);
    const observations: Record<string, unknown> = { idleTimeoutMs: idleMs, keepaliveIntervalMs: ka.intervalMs, windowMs };
    if (close) {
      observations.close = describeClose(close.code, close.reason);
      const last = [...probe.events].reverse().find((e) => e.t < close.t && (e.kind === 'message' || e.kind === 'ping') && e.dir === 'in');
      const quiet = last ? close.t - last.t : close.t - from;
      const cut = judgeIdleCut(close, quiet, ka.intervalMs, idleMs, connectionFailure(ctx, probe));
      if (cut) return fail(cut, observations);
    }
    await closeSession(ctx, probe);
    return pass(observations);
  },
});
