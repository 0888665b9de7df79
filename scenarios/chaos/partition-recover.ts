import { defineScenario, diagnoseHandshake, fail, judgeToxicActed, pass, prefixSummary } from '../../harness/index.js';
import { awaitWelcome, closeSession, fmt, welcomeProblem } from '../session.js';
import { proxied, sessionThrough } from './common.js';

export default defineScenario({
  id: 'chaos/partition-recover',
  title: 'After a partition heals, new connections succeed',
  description: 'The proxy is disabled (every connection through it drops, new ones are refused), then enabled again; a new connection through it must be welcomed.',
  needs: ['toxiproxy'],
  timeoutMs: (p) => p.timeouts.handshakeMs * 3 + (p.welcome?.budgetMs ?? 0) * 2 + p.timeouts.closeMs + 5000,
  async run(ctx) {
    const proxy = await proxied(ctx);
    const { probe, failure } = await sessionThrough(ctx, proxy, 'before');
    if (failure) return fail(failure);
    await proxy.setEnabled(false, [probe]);
    const dropped = await probe.waitClosed(ctx.profile.timeouts.closeMs + 1000);
    const during = ctx.connect({ label: 'during', url: proxy.url });
    const duringOutcome = await during.opened;
    await proxy.setEnabled(true, [probe, during]);
    const after = ctx.connect({ label: 'after', url: proxy.url });
    const observations: Record<string, unknown> = {
      liveConnection: dropped ? `${dropped.code} ${fmt(dropped.t)} ms` : 'not dropped',
      duringPartition: duringOutcome,
    };
    if ((await after.opened) !== 'open') {
      return fail(prefixSummary('after the partition healed', diagnoseHandshake(after.events)!), observations);
    }
    await awaitWelcome(ctx, after);
    const w = welcomeProblem(ctx, after);
    if (w) return fail(prefixSummary('after the partition healed', w), observations);
    const leaky = judgeToxicActed(duringOutcome !== 'open', 'a connection opened through the disabled proxy');
    if (leaky) return fail(leaky, observations);
    await closeSession(ctx, after);
    return pass(observations);
  },
});
