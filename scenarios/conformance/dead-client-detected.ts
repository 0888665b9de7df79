import { defineScenario, describeClose, fail, judgeCleanup, judgeDeadClient, type Keepalive, keepaliveName, keepalivesOf, pass, type TimelineEvent } from '../../harness/index.js';
import { connectionFailure, fmt, openSession, settleHealth } from '../session.js';
import { isKeepaliveOf } from './server-keepalive.js';

const boundOf = (k: Keepalive): number => k.intervalMs + k.timeoutMs + k.toleranceMs;

/**
 * Which declared keepalive closed the dead client: among those whose pings went unanswered,
 * the one whose first unanswered ping + timeout lies nearest the close (the last ping kind
 * seen before the close breaks a tie).
 */
export function closedBy(declared: readonly Keepalive[], pings: readonly TimelineEvent[], closeT: number): { keepalive: Keepalive; firstPingT: number } | undefined {
  const last = pings.at(-1);
  const candidates = declared.flatMap((k) => {
    const own = pings.filter(isKeepaliveOf(k));
    return own.length ? [{ keepalive: k, firstPingT: own[0]!.t, offMs: Math.abs(closeT - (own[0]!.t + k.timeoutMs)), last: last ? isKeepaliveOf(k)(last) : false }] : [];
  });
  candidates.sort((a, b) => a.offMs - b.offMs || Number(b.last) - Number(a.last));
  return candidates[0];
}

export default defineScenario({
  id: 'conformance/dead-client-detected',
  title: 'The server drops a client that stopped answering',
  description: 'After the welcome the probe stops answering pings (frames and app pings); the server must close it within interval + timeout + tolerance, and the health count must drop back.',
  needs: ['keepalive'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + Math.max(...keepalivesOf(p).map(boundOf)) + (p.health?.settleMs ?? 0) + 5000,
  async run(ctx) {
    const declared = keepalivesOf(ctx.profile);
    // The largest bound: any of the declared keepalives may be the one that notices.
    const ka = declared.reduce((a, b) => (boundOf(b) > boundOf(a) ? b : a));
    const baseline = await ctx.healthCount();
    const { probe, failure } = await openSession(ctx);
    if (failure) return fail(failure);
    probe.answerPings = false;
    probe.answerAppPings = undefined;
    const silentFrom = probe.elapsed();
    probe.note('probe stops answering pings');
    const during = baseline !== undefined ? await ctx.healthCount() : undefined;
    const bound = boundOf(ka);
    const close = await probe.waitFor('close', bound - (probe.elapsed() - silentFrom));
    const pings = probe.events.filter(
      (e) =>
        e.t >= silentFrom &&
        (!close || e.t <= close.t) &&
        declared.some((k) => isKeepaliveOf(k)(e)),
    );
    const observations: Record<string, unknown> = { boundMs: bound, unansweredPings: pings.length, healthBaseline: baseline, healthDuring: during };
    if (!close) return fail(judgeDeadClient({ bound: ka, unansweredPings: pings.length, close: undefined, connection: null }), observations);
    const dead = judgeDeadClient({ bound: ka, unansweredPings: pings.length, close, connection: pings.length === 0 ? connectionFailure(ctx, probe) : null });
    if (dead) return fail(dead, observations);
    const detectedMs = close.t - silentFrom;
    observations.detectedAfterMs = Number(fmt(detectedMs));
    observations.close = describeClose(close.code, close.reason);
    const by = closedBy(declared, pings, close.t);
    if (by) {
      observations.closedBy = keepaliveName(by.keepalive);
      observations.lastPingKind = pings.at(-1)!.kind === 'ping' ? 'protocol' : 'app';
      observations.closedAfterFirstUnansweredMs = Number(fmt(close.t - by.firstPingT));
    }
    if (baseline !== undefined) {
      const settled = await settleHealth(ctx, baseline);
      observations.healthAfter = settled.last;
      const leaked = judgeCleanup({ kind: 'dead-client', detectedMs }, { baseline, ...settled });
      if (leaked) return fail(leaked, observations);
    }
    return pass(observations);
  },
});
