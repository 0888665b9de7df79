import { defineScenario, fail, isReplyTo, judgeBandwidth, parseJson, pass, tagged } from '../../harness/index.js';
import { closeSession, connectionFailure, fmt } from '../session.js';
import { proxied, sessionThrough } from './common.js';

const SIZE_BYTES = 32 * 1024;

/**
 * The rate makes one direction of the transfer take a third of the pong timeout (50 ms to 2 s):
 * slow enough to matter, short enough that a healthy server's keepalive never has to wait
 * longer than it promised for a pong queued behind the upload.
 */
function rateKBps(keepaliveTimeoutMs: number | undefined): number {
  const transferMs = Math.min(2000, Math.max(50, (keepaliveTimeoutMs ?? 3000) / 3));
  return Math.ceil(SIZE_BYTES / transferMs);
}

/** The request with SIZE_BYTES of padding: in its `message` string when it has one, else a `padding` field. */
function padded(send: Record<string, unknown>): Record<string, unknown> {
  const pad = 'x'.repeat(SIZE_BYTES);
  return typeof send.message === 'string' ? { ...send, message: `${send.message} ${pad}` } : { ...send, padding: pad };
}

export default defineScenario({
  id: 'chaos/bandwidth',
  title: 'A large message gets through a low bandwidth, nothing is dropped',
  description: `Bandwidth limited both ways so that a ${SIZE_BYTES / 1024} KiB message takes a third of the pong timeout each way; the request (and its reply, if the backend echoes it) must arrive whole while the connection and its keepalive survive.`,
  needs: ['toxiproxy', 'request'],
  timeoutMs: (p) => p.timeouts.handshakeMs * 2 + (p.welcome?.budgetMs ?? 0) * 2 + p.request.budgetMs * 2 + 12_000,
  async run(ctx) {
    const spec = ctx.profile.request;
    const rate = rateKBps(ctx.profile.keepalive?.timeoutMs);
    const proxy = await proxied(ctx);
    const { probe, failure } = await sessionThrough(ctx, proxy);
    if (failure) return fail(failure);
    await proxy.addToxic({ type: 'bandwidth', stream: 'upstream', attributes: { rate: rate } }, [probe]);
    await proxy.addToxic({ type: 'bandwidth', stream: 'downstream', attributes: { rate: rate } }, [probe]);
    const message = tagged(padded(spec.send), spec.correlationField, 'ws-chaos-bandwidth');
    const sentAt = probe.elapsed();
    probe.send(message);
    const transferMs = (2 * JSON.stringify(message).length) / rate;
    const bound = spec.budgetMs + transferMs * 1.5;
    const reply = await probe.waitFor('message', bound, (e) => e.dir === 'in' && isReplyTo(e.text, spec.expect, spec.correlationField, 'ws-chaos-bandwidth'), sentAt);
    const close = probe.events.find((e) => e.kind === 'close');
    const observations: Record<string, unknown> = { bytes: JSON.stringify(message).length, rateKBps: rate, boundMs: Math.round(bound) };
    const closed = close && close.kind === 'close' ? { t: close.t, code: close.code, reason: close.reason, by: close.by, afterSendMs: close.t - sentAt } : undefined;
    const answer = reply && reply.kind === 'message' ? reply : undefined;
    if (answer) {
      observations.replyMs = Number(fmt(answer.t - sentAt));
      observations.replyBytes = answer.bytes;
    }
    const echoed = answer && typeof spec.send.message === 'string' ? (parseJson(answer.text) as Record<string, unknown> | undefined)?.message : undefined;
    const lost = judgeBandwidth({
      close: closed,
      transferMs,
      connection: closed && closed.by !== 'client' ? connectionFailure(ctx, probe) : null,
      bytes: JSON.stringify(message).length,
      rateKBps: rate,
      boundMs: bound,
      replyBytes: answer?.bytes,
      echoesPadding: typeof echoed === 'string' && echoed.includes('x'.repeat(64)),
      paddingBytes: SIZE_BYTES,
    });
    if (lost) return fail(lost, observations);
    await closeSession(ctx, probe);
    return pass(observations);
  },
});
