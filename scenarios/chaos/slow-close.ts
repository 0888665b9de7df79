import { defineScenario, describeClose, fail, first, judgeCleanClose, judgeCleanup, pass } from '../../harness/index.js';
import { connectionFailure, fmt, settleHealth } from '../session.js';
import { proxied, sessionThrough } from './common.js';

export default defineScenario({
  id: 'chaos/slow-close',
  title: 'A close handshake completes cleanly over a slow-closing link',
  description: 'A slow_close toxic holds the TCP close towards the client for half the close budget; a client close (1000) must still end cleanly with the server\'s close frame, and the server must release the connection.',
  needs: ['toxiproxy'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + p.timeouts.closeMs * 2 + (p.health?.settleMs ?? 0) + 5000,
  async run(ctx) {
    const baseline = await ctx.healthCount();
    const delayMs = Math.max(1, Math.round(ctx.profile.timeouts.closeMs / 2));
    const proxy = await proxied(ctx);
    await proxy.addToxic({ type: 'slow_close', stream: 'downstream', attributes: { delay: delayMs } });
    const { probe, failure } = await sessionThrough(ctx, proxy);
    probe.note(`slow_close ${delayMs} ms towards the client`);
    if (failure) return fail(failure);
    probe.close(1000, 'normal closure by ws-chaos');
    const sent = first(probe.events, 'close-sent');
    // The server ended the connection before our close went out: that is the connection's diagnosis.
    const waitedMs = ctx.profile.timeouts.closeMs + delayMs + 1000;
    if (!sent) return fail(judgeCleanClose({ sentT: undefined, close: undefined, waitedMs, connection: connectionFailure(ctx, probe), missing: 'end' }));
    const close = await probe.waitClosed(waitedMs);
    const observations: Record<string, unknown> = { delayMs };
    if (!close) return fail(judgeCleanClose({ sentT: sent.t, close: undefined, waitedMs, connection: null, missing: 'end' }), observations);
    observations.close = describeClose(close.code, close.reason);
    observations.closeHandshakeMs = Number(fmt(close.t - sent.t));
    const unclean = judgeCleanClose({ sentT: sent.t, close, waitedMs, connection: null, missing: 'end' });
    if (unclean) return fail(unclean, observations);
    if (baseline !== undefined) {
      const settled = await settleHealth(ctx, baseline);
      observations.healthAfter = settled.last;
      const leaked = judgeCleanup({ kind: 'clean-close' }, { baseline, ...settled });
      if (leaked) return fail(leaked, observations);
    }
    return pass(observations);
  },
});
