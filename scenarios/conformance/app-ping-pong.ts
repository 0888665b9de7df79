import { randomUUID } from 'node:crypto';
import { defineScenario, fail, judgeAppPong, matches, parseJson, pass } from '../../harness/index.js';
import { closeSession, connectionFailure, fmt, openSession } from '../session.js';

export default defineScenario({
  id: 'conformance/app-ping-pong',
  title: 'An app-level ping gets its pong',
  description: 'Send the profile\'s app ping (with a fresh id when the profile echoes one) and wait for the matching pong within its budget.',
  needs: ['appPing'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + p.appPing.budgetMs + 3000,
  async run(ctx) {
    const spec = ctx.profile.appPing;
    const { probe, failure } = await openSession(ctx);
    if (failure) return fail(failure);
    const { idField } = spec;
    const id = idField ? `ws-chaos-${randomUUID().slice(0, 8)}` : undefined;
    const request = idField && id ? { ...spec.request, [idField]: id } : spec.request;
    const expect = idField && id ? { ...spec.response, [idField]: id } : spec.response;
    const sentAt = probe.elapsed();
    probe.send(request);
    const pong = await probe.waitFor('message', spec.budgetMs, (e) => e.dir === 'in' && matches(parseJson(e.text), expect), sentAt);
    const dead = connectionFailure(ctx, probe);
    if (dead) return fail(dead);
    if (!pong) {
      const otherMessages = probe.events.filter((e) => e.kind === 'message' && e.dir === 'in' && e.t >= sentAt).length;
      return fail(judgeAppPong({ request, expect, budgetMs: spec.budgetMs, answered: false, otherMessages }), { budgetMs: spec.budgetMs });
    }
    const rttMs = pong.t - sentAt;
    await closeSession(ctx, probe);
    return pass({ rttMs: Number(fmt(rttMs)), budgetMs: spec.budgetMs });
  },
});
