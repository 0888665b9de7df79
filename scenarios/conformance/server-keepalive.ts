import { diagnosis } from '../../harness/diagnose/codes';
import { matches, parseJson } from '../../harness/match';
import { defineScenario, fail, pass } from '../../harness/scenario';
import { first, type TimelineEvent } from '../../harness/timeline';
import { closeSession, connectionFailure, fmt, openSession } from '../session';

export default defineScenario({
  id: 'conformance/server-keepalive',
  title: 'The server keepalive arrives within its interval',
  description: 'Stay connected and wait for the keepalive the profile promises (app ping message or ping frame) within interval + tolerance of open.',
  needs: ['keepalive'],
  timeoutMs: (p) => p.timeouts.handshakeMs + p.keepalive!.intervalMs + p.keepalive!.toleranceMs + 3000,
  async run(ctx) {
    const ka = ctx.profile.keepalive!;
    const { probe, failure } = await openSession(ctx);
    if (failure) return fail(failure);
    const isKeepalive = (e: TimelineEvent): boolean =>
      (ka.kind !== 'app' && e.kind === 'ping' && e.dir === 'in') ||
      (ka.kind !== 'protocol' && e.kind === 'message' && e.dir === 'in' && matches(parseJson(e.text), ka.match));
    const open = first(probe.events, 'open')!;
    const bound = ka.intervalMs + ka.toleranceMs;
    const remaining = open.t + bound - probe.elapsed();
    const seen = probe.events.find(isKeepalive) ?? (await Promise.race([
      probe.waitFor('ping', remaining, (e) => isKeepalive(e)),
      probe.waitFor('message', remaining, (e) => isKeepalive(e)),
    ]));
    const dead = connectionFailure(ctx, probe);
    if (dead) return fail(dead);
    if (!seen) {
      const what = ka.kind === 'app' ? `app ping ${JSON.stringify(ka.match)}` : ka.kind === 'protocol' ? 'ping frame' : 'keepalive (ping frame or app ping)';
      return fail(diagnosis('KEEPALIVE_MISSING', `no ${what} within ${bound} ms of open (interval ${ka.intervalMs} ms + tolerance ${ka.toleranceMs} ms)`), { boundMs: bound });
    }
    const atMs = seen.t - open.t;
    await closeSession(ctx, probe);
    return pass({ firstKeepaliveMs: Number(fmt(atMs)), kind: seen.kind === 'ping' ? 'protocol' : 'app', intervalMs: ka.intervalMs });
  },
});
