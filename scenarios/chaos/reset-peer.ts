import { defineScenario, fail, judgeCleanup, judgeHealthBaseline, judgeToxicActed, pass, prefixSummary } from '../../harness/index.js';
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
    if (baseline === undefined) return fail(judgeHealthBaseline(baseline));
    const proxy = await proxied(ctx);
    const { probe, failure } = await sessionThrough(ctx, proxy);
    if (failure) return fail(failure);
    await proxy.addToxic({ type: 'reset_peer', stream: 'upstream', attributes: { timeout: 0 } }, [probe]);
    probe.send(ctx.profile.request?.send ?? ctx.profile.appPing?.request ?? { [ctx.profile.typeField]: 'ws-chaos-trigger' });
    const cut = await probe.waitClosed(ctx.profile.timeouts.closeMs + 1000);
    const observations: Record<string, unknown> = { healthBaseline: baseline, cut: cut ? `${cut.code} after ${fmt(cut.t)} ms` : 'not cut' };
    const uncut = judgeToxicActed(Boolean(cut), 'the reset_peer toxic did not cut the connection');
    if (uncut) return fail(uncut, observations);
    const settled = await settleHealth(ctx, baseline);
    observations.healthAfter = settled.last;
    const leaked = judgeCleanup({ kind: 'reset' }, { baseline, ...settled });
    if (leaked) return fail(leaked, observations);
    const fresh = await openSession(ctx, { label: 'after-reset' });
    if (fresh.failure) return fail(prefixSummary('after the reset', fresh.failure), observations);
    const w = welcomeProblem(ctx, fresh.probe);
    if (w) return fail(prefixSummary('after the reset', w), observations);
    await closeSession(ctx, fresh.probe);
    return pass(observations);
  },
});
