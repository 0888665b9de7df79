import { defineScenario, diagnoseHandshake, fail, pass } from '../../harness/index.js';
import { LATE_WINDOW, awaitWelcome, closeSession, welcomeLatency, welcomeProblem } from '../session.js';

export default defineScenario({
  id: 'conformance/welcome-timing',
  title: 'The welcome arrives within its budget',
  description: 'Open a session and time the welcome message from open; late (up to twice the budget), missing, or a silent server each get their own diagnosis.',
  needs: ['welcome'],
  timeoutMs: (p) => p.timeouts.handshakeMs + p.welcome.budgetMs * LATE_WINDOW + 3000,
  async run(ctx) {
    const budget = ctx.profile.welcome.budgetMs;
    const probe = ctx.connect({ label: 'main' });
    if ((await probe.opened) !== 'open') return fail(diagnoseHandshake(probe.events)!);
    const refused = await awaitWelcome(ctx, probe, budget * LATE_WINDOW);
    if (refused) return fail(refused);
    const latency = welcomeLatency(ctx, probe);
    const observations = { welcomeMs: latency, budgetMs: budget };
    const problem = welcomeProblem(ctx, probe);
    if (problem) return fail(problem, observations);
    await closeSession(ctx, probe);
    return pass(observations);
  },
});
