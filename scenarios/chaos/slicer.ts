import { defineScenario, fail, isReplyTo, judgeSlicedReply, pass, tagged } from '../../harness/index.js';
import { closeSession, connectionFailure, fmt, welcomeProblem } from '../session.js';
import { proxied, sessionThrough } from './common.js';

export default defineScenario({
  id: 'chaos/slicer',
  title: 'The handshake and messages survive TCP fragmentation',
  description: 'A slicer toxic cuts every chunk both ways into ~8-byte pieces with 1 ms between them; the upgrade, the welcome and a request/response (or an app ping) must still work.',
  needs: ['toxiproxy'],
  timeoutMs: (p) => p.timeouts.handshakeMs * 3 + (p.welcome?.budgetMs ?? 0) * 3 + (p.request?.budgetMs ?? 2000) * 2 + 3000,
  async run(ctx) {
    const proxy = await proxied(ctx);
    const slicer = { average_size: 8, size_variation: 4, delay: 1000 };
    await proxy.addToxic({ type: 'slicer', stream: 'upstream', attributes: slicer });
    await proxy.addToxic({ type: 'slicer', stream: 'downstream', attributes: slicer });
    const { probe, failure, welcomeMs } = await sessionThrough(ctx, proxy);
    probe.note('slicer: ~8-byte pieces, 1 ms apart, both ways');
    if (failure) return fail(failure);
    const late = welcomeProblem(ctx, probe);
    if (late && late.code !== 'WELCOME_LATE') return fail(late);
    const ask = ctx.profile.request ?? (ctx.profile.appPing ? { send: ctx.profile.appPing.request, expect: ctx.profile.appPing.response, budgetMs: ctx.profile.appPing.budgetMs } : undefined);
    const observations: Record<string, unknown> = { welcomeMs: welcomeMs === undefined ? undefined : Number(fmt(welcomeMs)) };
    if (ask) {
      const sentAt = probe.elapsed();
      const field = ctx.profile.request?.correlationField;
      const tag = `ws-chaos-slicer-${Math.round(sentAt)}`;
      probe.send(tagged(ask.send, field, tag));
      // Fragmentation costs ~1 ms per 8 bytes each way: give the reply that much more time.
      const bound = ask.budgetMs * 2;
      const reply = await probe.waitFor('message', bound, (e) => e.dir === 'in' && isReplyTo(e.text, ask.expect, field, tag), sentAt);
      const dead = connectionFailure(ctx, probe);
      if (dead) return fail(dead, observations);
      if (!reply) return fail(judgeSlicedReply({ answered: false, expect: ask.expect, boundMs: bound }), observations);
      observations.replyMs = Number(fmt(reply.t - sentAt));
    }
    await closeSession(ctx, probe);
    return pass(observations);
  },
});
