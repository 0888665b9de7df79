import { defineScenario, fail, pass } from '../../harness/index.js';
import { closeSession, connectionFailure, openSession } from '../session.js';

export default defineScenario({
  id: 'conformance/stays-open',
  title: 'No server close inside the stay-open window',
  description: 'Open a session, answer keepalives like a good client, and watch for a server close for the profile\'s stayOpenMs.',
  needs: [],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + p.stayOpenMs + 3000,
  async run(ctx) {
    const { probe, failure, welcomeMs } = await openSession(ctx);
    if (failure) return fail(failure, { welcomeMs });
    await probe.waitFor('close', ctx.profile.stayOpenMs);
    const after = connectionFailure(ctx, probe);
    if (after) return fail(after, { welcomeMs, windowMs: ctx.profile.stayOpenMs });
    await closeSession(ctx, probe);
    return pass({ welcomeMs, windowMs: ctx.profile.stayOpenMs });
  },
});
