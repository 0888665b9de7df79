import { defineScenario, diagnoseHandshake, fail, judgeWelcomeUnderLatency, pass } from '../../harness/index.js';
import { LATE_WINDOW, awaitWelcome, closeSession, connectionFailure, fmt, welcomeLatency } from '../session.js';
import { clamp, proxied } from './common.js';

export default defineScenario({
  id: 'chaos/latency-welcome',
  title: 'With latency injected, the welcome still arrives within budget + latency',
  description: 'A latency toxic on both directions (a quarter of the welcome budget or an eighth of the pong timeout, whichever is smaller, 20-300 ms); the welcome must arrive within its budget plus that latency.',
  needs: ['toxiproxy', 'welcome'],
  timeoutMs: (p) => p.timeouts.handshakeMs + p.welcome.budgetMs * (LATE_WINDOW + 1) + 2000,
  async run(ctx) {
    const budget = ctx.profile.welcome.budgetMs;
    // A quarter of the welcome budget, an eighth of the pong timeout: latency the backend promises to absorb.
    const latencyMs = Math.round(clamp(Math.min(budget / 4, (ctx.profile.keepalive?.timeoutMs ?? Infinity) / 8), 20, 300));
    const proxy = await proxied(ctx);
    await proxy.addToxic({ type: 'latency', stream: 'downstream', attributes: { latency: latencyMs, jitter: 0 } });
    await proxy.addToxic({ type: 'latency', stream: 'upstream', attributes: { latency: latencyMs, jitter: 0 } });
    const probe = ctx.connect({ label: 'main', url: proxy.url });
    probe.note(`latency ${latencyMs} ms each way`);
    if ((await probe.opened) !== 'open') return fail(diagnoseHandshake(probe.events)!, { latencyMs });
    const refused = await awaitWelcome(ctx, probe, (budget + latencyMs) * LATE_WINDOW);
    if (refused) return fail(refused, { latencyMs });
    const welcomeMs = welcomeLatency(ctx, probe);
    const observations = { latencyMs, welcomeMs: welcomeMs === undefined ? undefined : Number(fmt(welcomeMs)), boundMs: budget + latencyMs };
    const dead = connectionFailure(ctx, probe);
    if (dead) return fail(dead, observations);
    const late = judgeWelcomeUnderLatency({ welcomeMs, budgetMs: budget, latencyMs, waitedMs: (budget + latencyMs) * LATE_WINDOW });
    if (late) return fail(late, observations);
    await closeSession(ctx, probe);
    return pass(observations);
  },
});
