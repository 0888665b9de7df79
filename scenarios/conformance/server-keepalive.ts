/**
 * conformance/server-keepalive: every keepalive the profile declares (app ping messages, ping
 * frames, or either) arrives within its interval + tolerance of open.
 */
import { defineScenario, fail, first, judgeKeepalives, type Keepalive, keepaliveName, keepalivesOf, matches, parseJson, pass, type TimelineEvent } from '../../harness/index.js';
import { closeSession, connectionFailure, fmt, openSession } from '../session.js';

/** Whether `e` is a ping of keepalive `ka`. */
export const isKeepaliveOf =
  (ka: Keepalive) =>
  (e: TimelineEvent): boolean =>
    (ka.kind !== 'app' && e.kind === 'ping' && e.dir === 'in') ||
    (ka.kind !== 'protocol' && e.kind === 'message' && e.dir === 'in' && matches(parseJson(e.text), ka.match));

export default defineScenario({
  id: 'conformance/server-keepalive',
  title: 'The server keepalive arrives within its interval',
  description: 'Stay connected and wait for each keepalive the profile promises (app ping message or ping frame) within its interval + tolerance of open.',
  needs: ['keepalive'],
  timeoutMs: (p) => p.timeouts.handshakeMs + Math.max(...keepalivesOf(p).map((k) => k.intervalMs + k.toleranceMs)) + 3000,
  async run(ctx) {
    const declared = keepalivesOf(ctx.profile);
    const { probe, failure } = await openSession(ctx);
    if (failure) return fail(failure);
    const open = first(probe.events, 'open')!;
    const seen: Array<{ ka: Keepalive; event: TimelineEvent | undefined }> = [];
    // Waited in order of their bounds; each wait ends at its own keepalive's deadline.
    for (const ka of [...declared].sort((a, b) => a.intervalMs + a.toleranceMs - (b.intervalMs + b.toleranceMs))) {
      const isKeepalive = isKeepaliveOf(ka);
      const remaining = open.t + ka.intervalMs + ka.toleranceMs - probe.elapsed();
      const event =
        probe.events.find(isKeepalive) ??
        (remaining > 0
          ? await Promise.race([probe.waitFor('ping', remaining, isKeepalive), probe.waitFor('message', remaining, isKeepalive)])
          : undefined);
      seen.push({ ka, event });
      if (connectionFailure(ctx, probe)) break;
    }
    const dead = connectionFailure(ctx, probe);
    if (dead) return fail(dead);
    const keepalives = seen.map(({ ka, event }) => ({
      name: keepaliveName(ka),
      boundMs: ka.intervalMs + ka.toleranceMs,
      firstMs: event ? Number(fmt(event.t - open.t)) : null,
    }));
    const missing = seen.filter((s) => !s.event);
    const absent = judgeKeepalives(missing.map(({ ka }) => ({ name: keepaliveName(ka), keepalive: ka })), declared.length);
    if (absent) return fail(absent, { boundMs: missing[0]!.ka.intervalMs + missing[0]!.ka.toleranceMs, keepalives });
    const primary = seen.find((s) => s.ka === declared[0])!;
    await closeSession(ctx, probe);
    return pass({
      firstKeepaliveMs: Number(fmt(primary.event!.t - open.t)),
      kind: primary.event!.kind === 'ping' ? 'protocol' : 'app',
      intervalMs: primary.ka.intervalMs,
      keepalives,
    });
  },
});
