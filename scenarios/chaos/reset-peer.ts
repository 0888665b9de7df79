import { defineScenario, diagnosis, fail, pass } from '../../harness/index.js';
import { closeSession, fmt, openSession, settleHealth, welcomeProblem } from '../session.js';
import { proxied, sessionThrough } from './common.js';

export default defineScenario({
  id: 'chaos/reset-peer',
  title: 'After a TCP reset mid-session the server cleans up and a new connection works',
  description: 'A reset_peer toxic cuts a live session on its next message; the health count must return to its baseline and a fresh connection must be welcomed.',
  needs: ['toxiproxy', 'health'],
  timeoutMs: (p) => p.timeouts.handshakeMs * 3 + (p.welcome?.budgetMs ?? 0) * 3 + p.health.settleMs + 5000,
  async run(ctx) {
    const baseline = await ctx.healthCount();
    if (baseline === undefined) return fail(diagnosis('SCENARIO_ERROR', 'the health endpoint gave no connection count'));
    const proxy = await proxied(ctx);
    const { probe, failure } = await sessionThrough(ctx, proxy);
    if (failure) return fail(failure);
    await proxy.addToxic({ type: 'reset_peer', stream: 'upstream', attributes: { timeout: 0 } }, [probe]);
    probe.send(ctx.profile.request?.send ?? ctx.profile.appPing?.request ?? { type: 'ws-chaos-trigger' });
    const cut = await probe.waitClosed(ctx.profile.timeouts.closeMs + 1000);
    const observations: Record<string, unknown> = { healthBaseline: baseline, cut: cut ? `${cut.code} after ${fmt(cut.t)} ms` : 'not cut' };
    if (!cut) return fail(diagnosis('SCENARIO_ERROR', 'the reset_peer toxic did not cut the connection'), observations);
    const settled = await settleHealth(ctx, baseline);
    observations.healthAfter = settled.last;
    if (!settled.settled) {
      return fail(
        diagnosis('CONNECTIONS_LEAKED', `after the reset the health count stayed at ${settled.last} (baseline ${baseline}) for ${fmt(settled.waitedMs)} ms: the server kept the dead connection`),
        observations,
      );
    }
    const fresh = await openSession(ctx, { label: 'after-reset' });
    if (fresh.failure) return fail({ ...fresh.failure, summary: `after the reset: ${fresh.failure.summary}` }, observations);
    const w = welcomeProblem(ctx, fresh.probe);
    if (w) return fail({ ...w, summary: `after the reset: ${w.summary}` }, observations);
    await closeSession(ctx, fresh.probe);
    return pass(observations);
  },
});
