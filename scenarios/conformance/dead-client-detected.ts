import { describeClose } from '../../harness/close-codes';
import { diagnosis } from '../../harness/diagnose/codes';
import { matches, parseJson } from '../../harness/match';
import { defineScenario, fail, pass } from '../../harness/scenario';

import { connectionFailure, fmt, openSession, settleHealth } from '../session';

export default defineScenario({
  id: 'conformance/dead-client-detected',
  title: 'The server drops a client that stopped answering',
  description: 'After the welcome the probe stops answering pings (frames and app pings); the server must close it within interval + timeout + tolerance, and the health count must drop back.',
  needs: ['keepalive'],
  timeoutMs: (p) =>
    p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + p.keepalive!.intervalMs + p.keepalive!.timeoutMs + p.keepalive!.toleranceMs + (p.health?.settleMs ?? 0) + 5000,
  async run(ctx) {
    const ka = ctx.profile.keepalive!;
    const baseline = await ctx.healthCount();
    const { probe, failure } = await openSession(ctx);
    if (failure) return fail(failure);
    probe.answerPings = false;
    probe.answerAppPings = undefined;
    const silentFrom = probe.elapsed();
    probe.note('probe stops answering pings');
    const during = baseline !== undefined ? await ctx.healthCount() : undefined;
    const bound = ka.intervalMs + ka.timeoutMs + ka.toleranceMs;
    const close = await probe.waitFor('close', bound - (probe.elapsed() - silentFrom));
    const pings = probe.events.filter(
      (e) =>
        e.t >= silentFrom &&
        (!close || e.t <= close.t) &&
        ((e.kind === 'ping' && e.dir === 'in') || (e.kind === 'message' && e.dir === 'in' && matches(parseJson(e.text), ka.match))),
    );
    const observations: Record<string, unknown> = { boundMs: bound, unansweredPings: pings.length, healthBaseline: baseline, healthDuring: during };
    if (!close) {
      return fail(
        diagnosis(
          'DEAD_CLIENT_NOT_DETECTED',
          pings.length
            ? `server sent ${pings.length} unanswered ping(s) but had not closed after ${bound} ms (interval ${ka.intervalMs} + timeout ${ka.timeoutMs} + tolerance ${ka.toleranceMs})`
            : `server sent no ping in ${bound} ms and never closed: a dead client cannot be noticed`,
        ),
        observations,
      );
    }
    if (pings.length === 0) {
      // Closed, but not because it noticed anything: the server never pinged the silent client.
      return fail(connectionFailure(ctx, probe) ?? diagnosis('PREMATURE_CLOSE', `server closed ${describeClose(close.code, close.reason)} before any keepalive`), observations);
    }
    const detectedMs = close.t - silentFrom;
    observations.detectedAfterMs = Number(fmt(detectedMs));
    observations.close = describeClose(close.code, close.reason);
    if (baseline !== undefined) {
      const settled = await settleHealth(ctx, baseline);
      observations.healthAfter = settled.last;
      if (!settled.settled) {
        return fail(
          diagnosis('CONNECTIONS_LEAKED', `the dead client was closed after ${fmt(detectedMs)} ms, but the health count stayed at ${settled.last} (baseline ${baseline}) for ${fmt(settled.waitedMs)} ms`),
          observations,
        );
      }
    }
    return pass(observations);
  },
});
