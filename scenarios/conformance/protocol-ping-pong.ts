import { randomBytes } from 'node:crypto';
import { all, defineScenario, fail, judgeProtocolPong, pass } from '../../harness/index.js';
import { closeSession, connectionFailure, fmt, openSession } from '../session.js';

export default defineScenario({
  id: 'conformance/protocol-ping-pong',
  title: 'Ping frames are answered with the same payload',
  description: 'Send a short ping frame and one with the largest legal payload (125 bytes, Autobahn case 2.4); each must get a pong echoing its payload.',
  needs: ['protocolPing'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + 2 * p.protocolPing.budgetMs + 3000,
  async run(ctx) {
    const budget = ctx.profile.protocolPing.budgetMs;
    const { probe, failure } = await openSession(ctx);
    if (failure) return fail(failure);
    const payloads = [`ws-chaos-${randomBytes(4).toString('hex')}`, 'x'.repeat(109) + randomBytes(8).toString('hex')];
    const rtts: number[] = [];
    for (const payload of payloads) {
      const sentAt = probe.elapsed();
      probe.ping(payload);
      const pong = await probe.waitFor('pong', budget, (e) => e.dir === 'in' && e.payload === payload, sentAt);
      const dead = connectionFailure(ctx, probe);
      if (dead) return fail(dead);
      if (!pong) {
        const wrong = all(probe.events, 'pong').find((e) => e.dir === 'in' && e.t >= sentAt);
        return fail(judgeProtocolPong({ payloadBytes: payload.length, budgetMs: budget, answered: false, wrongPongBytes: wrong?.bytes }), { budgetMs: budget });
      }
      rtts.push(Number(fmt(pong.t - sentAt)));
    }
    await closeSession(ctx, probe);
    return pass({ rttMs: rtts, payloadBytes: payloads.map((p) => p.length) });
  },
});
