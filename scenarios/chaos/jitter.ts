import { diagnosis } from '../../harness/diagnose/codes';
import { matches, parseJson } from '../../harness/match';
import { defineScenario, fail, pass } from '../../harness/scenario';
import { closeSession, connectionFailure, fmt } from '../session';
import { proxied, sessionThrough } from './common';

const COUNT = 20;

export default defineScenario({
  id: 'chaos/jitter',
  title: 'Under jittered latency, messages keep their order and none is lost',
  description: `Latency 20 ms ± 20 ms both ways; ${COUNT} requests sent back to back (each with a "seq") must all be answered, in order when the replies echo "seq".`,
  needs: ['toxiproxy', 'request'],
  timeoutMs: (p) => p.timeouts.handshakeMs * 2 + (p.welcome?.budgetMs ?? 0) * 2 + p.request!.budgetMs + 3000,
  async run(ctx) {
    const spec = ctx.profile.request!;
    const proxy = await proxied(ctx);
    await proxy.addToxic({ type: 'latency', stream: 'downstream', attributes: { latency: 20, jitter: 20 } });
    await proxy.addToxic({ type: 'latency', stream: 'upstream', attributes: { latency: 20, jitter: 20 } });
    const { probe, failure } = await sessionThrough(ctx, proxy);
    if (failure) return fail(failure);
    const sentAt = probe.elapsed();
    for (let seq = 1; seq <= COUNT; seq++) probe.send({ ...spec.send, seq });
    const isReply = (text: string): boolean => matches(parseJson(text), spec.expect);
    const replies = () => probe.events.filter((e) => e.kind === 'message' && e.dir === 'in' && e.t >= sentAt && isReply(e.text));
    const deadline = performance.now() + spec.budgetMs + 40 * COUNT;
    for (let i = 0; i < 1000 && replies().length < COUNT && performance.now() < deadline && !probe.isClosed; i++) {
      await probe.waitFor('message', deadline - performance.now(), (e) => e.dir === 'in' && isReply(e.text), probe.elapsed());
    }
    const dead = connectionFailure(ctx, probe);
    if (dead) return fail(dead);
    const got = replies();
    const seqs = got.map((e) => (e.kind === 'message' ? (parseJson(e.text) as Record<string, unknown>).seq : undefined));
    const observations = { sent: COUNT, received: got.length, spanMs: got.length ? Number(fmt(got[got.length - 1]!.t - sentAt)) : undefined, order: seqs.every((s) => typeof s === 'number') ? seqs : 'replies do not echo seq' };
    if (got.length < COUNT) {
      return fail(diagnosis('MESSAGE_LOST', `${COUNT - got.length} of ${COUNT} requests got no reply within ${spec.budgetMs + 40 * COUNT} ms under jitter`), observations);
    }
    if (seqs.every((s) => typeof s === 'number')) {
      const firstOut = seqs.findIndex((s, i) => s !== i + 1);
      if (firstOut >= 0) {
        return fail(diagnosis('MESSAGE_ORDER_VIOLATED', `replies arrived in the order ${seqs.join(',')}: reply ${firstOut + 1} carried seq ${String(seqs[firstOut])}`), observations);
      }
    }
    await closeSession(ctx, probe);
    return pass(observations);
  },
});
