import { defineScenario, fail, isReplyTo, judgeResponse, parseJson, pass, tagged } from '../../harness/index.js';
import { closeSession, connectionFailure, fmt, openSession } from '../session.js';

export default defineScenario({
  id: 'conformance/message-roundtrip',
  title: "The profile's request gets its response",
  description: 'Send the profile\'s request message (a chat message for the reference backend), tagged in request.correlationField when the profile names one, and wait for a response that matches; the verdict says whether the reply echoed the tag.',
  needs: ['request'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + p.request.budgetMs + 3000,
  async run(ctx) {
    const spec = ctx.profile.request;
    const { probe, failure } = await openSession(ctx);
    if (failure) return fail(failure);
    const sentAt = probe.elapsed();
    // Tagged in the profile's correlation field (seq, id, ref...), so the reply is known to answer this request.
    const field = spec.correlationField;
    const tag = `ws-chaos-${Math.round(sentAt)}`;
    probe.send(tagged(spec.send, field, tag));
    const reply = await probe.waitFor('message', spec.budgetMs, (e) => e.dir === 'in' && isReplyTo(e.text, spec.expect, field, tag), sentAt);
    const dead = connectionFailure(ctx, probe);
    if (dead) return fail(dead);
    if (!reply) {
      const others = probe.events.flatMap((e) => (e.kind === 'message' && e.dir === 'in' && e.t >= sentAt ? [e.text] : []));
      return fail(judgeResponse({ expect: spec.expect, budgetMs: spec.budgetMs, answered: false, others }), { budgetMs: spec.budgetMs });
    }
    const echoed = field ? (parseJson(reply.text) as Record<string, unknown> | undefined)?.[field] : undefined;
    const correlation = !field
      ? 'not checked: the profile names no request.correlationField'
      : echoed === tag
        ? `checked: the reply echoes ${field}`
        : `not checked: the reply carries ${echoed === undefined ? `no "${field}"` : `"${field}" ${JSON.stringify(echoed)}, not the request's ${JSON.stringify(tag)}`}`;
    await closeSession(ctx, probe);
    return pass({ responseMs: Number(fmt(reply.t - sentAt)), correlation });
  },
});
