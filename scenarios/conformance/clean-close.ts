import { defineScenario, describeClose, diagnosis, fail, first, pass } from '../../harness/index.js';
import { connectionFailure, fmt, openSession } from '../session.js';

export default defineScenario({
  id: 'conformance/clean-close',
  title: 'A client close gets a close frame back',
  description: 'The probe closes with 1000; the server must answer with its own close frame so the connection ends cleanly (wasClean, 1000).',
  needs: [],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + p.timeouts.closeMs + 3000,
  async run(ctx) {
    const { probe, failure } = await openSession(ctx);
    if (failure) return fail(failure);
    probe.close(1000, 'normal closure by ws-chaos');
    const sent = first(probe.events, 'close-sent');
    // The server ended the connection before our close went out: that is the connection's diagnosis.
    if (!sent) return fail(connectionFailure(ctx, probe) ?? diagnosis('PREMATURE_CLOSE', 'the server ended the connection before the client could start its close'));
    const close = await probe.waitClosed(ctx.profile.timeouts.closeMs + 500);
    if (!close) {
      return fail(diagnosis('UNCLEAN_CLOSE', `the server did not answer the close frame within ${ctx.profile.timeouts.closeMs + 500} ms`));
    }
    const observations = { close: describeClose(close.code, close.reason), closeHandshakeMs: Number(fmt(close.t - sent.t)), wasClean: close.wasClean };
    if (!close.wasClean || close.code !== 1000) {
      return fail(
        diagnosis('UNCLEAN_CLOSE', `after the client's 1000 the connection ended ${describeClose(close.code, close.reason)} ${fmt(close.t - sent.t)} ms later, without the server's close frame`),
        observations,
      );
    }
    return pass(observations);
  },
});
