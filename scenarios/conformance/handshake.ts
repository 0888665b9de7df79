import { defineScenario, diagnoseHandshake, fail, first, negotiationProblem, pass } from '../../harness/index.js';
import { closeSession } from '../session.js';

export default defineScenario({
  id: 'conformance/handshake',
  title: 'The upgrade succeeds with valid auth',
  description: 'Dial with the profile\'s valid credential; the server must answer 101, select the offered subprotocol and answer permessage-deflate as the profile says (upgrade), and the socket must open; the server\'s first message is read (up to the welcome budget) before closing.',
  needs: [],
  timeoutMs: (p) => p.timeouts.handshakeMs + p.timeouts.closeMs + 2000,
  async run(ctx) {
    const probe = ctx.connect({ label: 'main' });
    const outcome = await probe.opened;
    const tcp = first(probe.events, 'tcp-connect');
    const upgrade = first(probe.events, 'upgrade');
    const open = first(probe.events, 'open');
    const subprotocol = upgrade?.headers['sec-websocket-protocol'];
    const extensions = upgrade?.headers['sec-websocket-extensions'];
    const observations = { outcome, tcpConnectMs: tcp?.t, upgradeStatus: upgrade?.status, openMs: open?.t, ...(subprotocol ? { subprotocol } : {}), ...(extensions ? { extensions } : {}) };
    // The subprotocol and permessage-deflate answer as the profile's upgrade part says (ws itself fails an unechoed subprotocol).
    const negotiated = negotiationProblem(ctx.profile, probe.events);
    if (negotiated) {
      probe.dispose();
      return fail(negotiated, observations);
    }
    if (outcome !== 'open') return fail(diagnoseHandshake(probe.events)!, observations);
    // The server's first message is read before closing (up to the welcome budget): otherwise whether
    // it is seen — and checked against an AsyncAPI contract — would depend on how fast the server is.
    if (ctx.profile.welcome) await probe.waitFor('message', ctx.profile.welcome.budgetMs, (e) => e.dir === 'in');
    await closeSession(ctx, probe);
    return pass(observations);
  },
});
