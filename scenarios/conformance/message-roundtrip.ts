import { defineScenario, fail, judgeResponse, matches, parseJson, pass } from '../../harness/index.js';
import { closeSession, connectionFailure, fmt, openSession } from '../session.js';

export default defineScenario({
  id: 'conformance/message-roundtrip',
  title: "The profile's request gets its response",
  description: 'Send the profile\'s request message (a chat message for the reference backend) and wait for a response that matches.',
  needs: ['request'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + p.request.budgetMs + 3000,
  async run(ctx) {
    const spec = ctx.profile.request;
    const { probe, failure } = await openSession(ctx);
    if (failure) return fail(failure);
    const sentAt = probe.elapsed();
    probe.send(spec.send);
    const reply = await probe.waitFor('message', spec.budgetMs, (e) => e.dir === 'in' && matches(parseJson(e.text), spec.expect), sentAt);
    const dead = connectionFailure(ctx, probe);
    if (dead) return fail(dead);
    if (!reply) {
      const others = probe.events.flatMap((e) => (e.kind === 'message' && e.dir === 'in' && e.t >= sentAt ? [e.text] : []));
      return fail(judgeResponse({ expect: spec.expect, budgetMs: spec.budgetMs, answered: false, others }), { budgetMs: spec.budgetMs });
    }
    await closeSession(ctx, probe);
    return pass({ responseMs: Number(fmt(reply.t - sentAt)) });
  },
});
