import { defineScenario, fail, judgeJitter, matches, parseJson, pass } from '../../harness/index.js';
import { closeSession, connectionFailure, fmt } from '../session.js';
import { proxied, sessionThrough } from './common.js';

const COUNT = 20;

export default defineScenario({
  id: 'chaos/jitter',
  title: 'Under jittered latency, messages keep their order and none is lost',
  description: `Latency 20 ms ± 20 ms both ways; ${COUNT} requests sent back to back (each tagged in the profile's request.correlationField) must all be answered, and in order when the replies echo that field; when they do not, the verdict says the order was not checked.`,
  needs: ['toxiproxy', 'request'],
  timeoutMs: (p) => p.timeouts.handshakeMs * 2 + (p.welcome?.budgetMs ?? 0) * 2 + p.request.budgetMs + 3000,
  async run(ctx) {
    const spec = ctx.profile.request;
    const proxy = await proxied(ctx);
    await proxy.addToxic({ type: 'latency', stream: 'downstream', attributes: { latency: 20, jitter: 20 } });
    await proxy.addToxic({ type: 'latency', stream: 'upstream', attributes: { latency: 20, jitter: 20 } });
    const { probe, failure } = await sessionThrough(ctx, proxy);
    if (failure) return fail(failure);
    const field = spec.correlationField;
    const sentAt = probe.elapsed();
    // Each request is tagged 1..COUNT in the profile's correlation field, when it names one.
    for (let seq = 1; seq <= COUNT; seq++) probe.send(field ? { ...spec.send, [field]: seq } : spec.send);
    const isReply = (text: string): boolean => matches(parseJson(text), spec.expect);
    const replies = () => probe.events.filter((e) => e.kind === 'message' && e.dir === 'in' && e.t >= sentAt && isReply(e.text));
    const deadline = performance.now() + spec.budgetMs + 40 * COUNT;
    for (let i = 0; i < 1000 && replies().length < COUNT && performance.now() < deadline && !probe.isClosed; i++) {
      await probe.waitFor('message', deadline - performance.now(), (e) => e.dir === 'in' && isReply(e.text), probe.elapsed());
    }
    const dead = connectionFailure(ctx, probe);
    if (dead) return fail(dead);
    const got = replies();
    const tags = got.map((e) => (e.kind === 'message' && field ? (parseJson(e.text) as Record<string, unknown> | undefined)?.[field] : undefined));
    const checked = field !== undefined && got.length > 0 && tags.every((s) => typeof s === 'number');
    const order = checked
      ? tags
      : field
        ? `order not checked: replies carry no correlation field "${field}"`
        : 'order not checked: the profile names no request.correlationField';
    const observations = { sent: COUNT, received: got.length, spanMs: got.length ? Number(fmt(got[got.length - 1]!.t - sentAt)) : undefined, order, orderChecked: checked };
    const broken = judgeJitter({ sent: COUNT, received: got.length, waitedMs: spec.budgetMs + 40 * COUNT, tags: checked ? tags : undefined, field });
    if (broken) return fail(broken, observations);
    await closeSession(ctx, probe);
    return pass(observations);
  },
});
