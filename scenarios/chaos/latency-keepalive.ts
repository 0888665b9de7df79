import { defineScenario, fail, judgeLatencyKeepalive, pass } from '../../harness/index.js';
import { closeSession, connectionFailure } from '../session.js';
import { proxied, sessionThrough } from './common.js';

export default defineScenario({
  id: 'chaos/latency-keepalive',
  title: 'Latency below the pong timeout does not get the client dropped',
  description: 'Latency of an eighth of the pong timeout each way (a round trip of a quarter of it); a client answering every ping must survive two keepalive cycles.',
  needs: ['toxiproxy', 'keepalive'],
  timeoutMs: (p) => p.timeouts.handshakeMs * 2 + (p.welcome?.budgetMs ?? 0) * 2 + 2 * p.keepalive.intervalMs + p.keepalive.timeoutMs + p.keepalive.toleranceMs + 3000,
  async run(ctx) {
    const ka = ctx.profile.keepalive;
    const latencyMs = Math.max(1, Math.round(ka.timeoutMs / 8));
    const proxy = await proxied(ctx);
    await proxy.addToxic({ type: 'latency', stream: 'downstream', attributes: { latency: latencyMs, jitter: 0 } });
    await proxy.addToxic({ type: 'latency', stream: 'upstream', attributes: { latency: latencyMs, jitter: 0 } });
    const { probe, failure } = await sessionThrough(ctx, proxy);
    probe.note(`latency ${latencyMs} ms each way (round trip ${2 * latencyMs} ms < pong timeout ${ka.timeoutMs} ms)`);
    if (failure) return fail(failure, { latencyMs });
    const windowMs = 2 * ka.intervalMs + ka.timeoutMs + ka.toleranceMs;
    const close = await probe.waitFor('close', windowMs);
    const pings = probe.events.filter((e) => e.kind === 'ping' && e.dir === 'in').length;
    const observations = { latencyMs, windowMs, pingsAnswered: pings };
    const dropped = judgeLatencyKeepalive({ latencyMs, pongTimeoutMs: ka.timeoutMs, close, connection: close && close.by !== 'client' ? connectionFailure(ctx, probe) : null });
    if (dropped) return fail(dropped, observations);
    await closeSession(ctx, probe);
    return pass(observations);
  },
});
