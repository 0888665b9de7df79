import { defineScenario, fail, judgeDeadServer, maxDelayMs, pass, recommendedNoteFor, withNote } from '../../harness/index.js';
import { awaitFirstOpen, ms } from './watch.js';

/** The server stops answering app pings (incident 000's keepalive, seen from the client). */
const DEAD = 'no-app-pong';
const OPEN_BOUND_MS = 5000;

export default defineScenario({
  kind: 'client',
  id: 'client/detects-dead-server',
  title: 'The client notices a server that stopped answering its pings, and reconnects',
  description:
    'The server stops answering app pings; the client must close the connection within ping interval + pong timeout, then dial again. A profile without ping is judged against the recommended heartbeat (20 s + 10 s, scaled); ping: null opts out.',
  needs: ['ping'],
  timeoutMs: (p) => OPEN_BOUND_MS + p.ping.intervalMs + p.ping.timeoutMs + maxDelayMs(p.maxRetries + 1, p.backoff) + 2 * p.toleranceMs + 10_000,
  async run(ctx) {
    const { policy } = ctx;
    const ping = policy.ping;
    await ctx.begin({ faults: [DEAD] });
    const opened = await awaitFirstOpen(ctx, OPEN_BOUND_MS);
    const redialMs = maxDelayMs(policy.maxRetries + 1, policy.backoff) + policy.toleranceMs;
    const bound = opened.openMs + ping.intervalMs + ping.timeoutMs + policy.toleranceMs + redialMs + 50 - ctx.elapsed();
    await ctx.until(() => {
      const a = ctx.attempts();
      const first = a[opened.n - 1]!;
      return first.endMs !== undefined && (a.length > opened.n || first.closedBy !== 'client');
    }, bound);
    const attempts = ctx.attempts();
    const first = attempts[opened.n - 1]!;
    const next = attempts[opened.n];
    const note = recommendedNoteFor(policy.recommended, ['ping']);
    const observations = {
      judgedAgainst: note ?? "the profile's ping",
      fault: DEAD,
      clientPings: first.clientPings,
      closedAfterOpenMs: first.endMs === undefined ? null : ms(first.endMs - opened.openMs),
      closeCode: first.closeCode ?? null,
      closedBy: first.closedBy ?? null,
      redialAfterMs: next && first.endMs !== undefined ? ms(next.dialMs - first.endMs) : null,
      boundMs: ping.intervalMs + ping.timeoutMs + policy.toleranceMs,
    };
    const d = judgeDeadServer(first, next, policy, ctx.elapsed());
    return d ? fail(withNote(d, note), observations) : pass(observations);
  },
});
