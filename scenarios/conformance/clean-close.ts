import { defineScenario, describeClose, fail, first, judgeCleanClose, pass } from '../../harness/index.js';
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
    const waitedMs = ctx.profile.timeouts.closeMs + 500;
    if (!sent) return fail(judgeCleanClose({ sentT: undefined, close: undefined, waitedMs, connection: connectionFailure(ctx, probe), missing: 'answer' }));
    const close = await probe.waitClosed(waitedMs);
    if (!close) return fail(judgeCleanClose({ sentT: sent.t, close: undefined, waitedMs, connection: null, missing: 'answer' }));
    const unclean = judgeCleanClose({ sentT: sent.t, close, waitedMs, connection: null, missing: 'answer' });
    const observations = { close: describeClose(close.code, close.reason), closeHandshakeMs: Number(fmt(close.t - sent.t)), wasClean: close.wasClean };
    return unclean ? fail(unclean, observations) : pass(observations);
  },
});
