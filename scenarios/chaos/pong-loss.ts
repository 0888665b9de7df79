import { defineScenario, describeClose, fail, judgePongLoss, matches, parseJson, pass } from '../../harness/index.js';
import { connectionFailure, fmt } from '../session.js';
import { proxied, sessionThrough } from './common.js';

export default defineScenario({
  id: 'chaos/pong-loss',
  title: 'When pongs are lost, the server drops the connection as dead, with a proper close',
  description: 'WebSocket-aware toxics (embedded Toxiproxy only) swallow every pong frame and every app pong from the client; the server must close the connection within keepalive interval + pong timeout + tolerance, with a close frame carrying a valid code.',
  needs: ['toxiproxy', 'keepalive'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + p.keepalive.intervalMs + p.keepalive.timeoutMs + p.keepalive.toleranceMs + 5000,
  async run(ctx) {
    const ka = ctx.profile.keepalive;
    const proxy = await proxied(ctx);
    const { probe, failure } = await sessionThrough(ctx, proxy);
    if (failure) return fail(failure);
    await proxy.addToxic({ type: 'ws_drop', name: 'drop_pong_frames', stream: 'upstream', attributes: { opcode: 10 } }, [probe]);
    const pong = ka.reply as Record<string, unknown>;
    // The pong's type, in the profile's discriminator (typeField) when the reply has it.
    const field = ctx.profile.typeField in pong ? ctx.profile.typeField : Object.keys(pong)[0];
    if (field !== undefined && typeof pong[field] === 'string') {
      await proxy.addToxic({ type: 'ws_drop', name: 'drop_app_pongs', stream: 'upstream', attributes: { json_field: field, json_value: pong[field] as string } }, [probe]);
    }
    const from = probe.elapsed();
    const boundMs = ka.intervalMs + ka.timeoutMs + ka.toleranceMs;
    const close = await probe.waitFor('close', boundMs);
    const observations: Record<string, unknown> = { boundMs };
    const pings = probe.events.filter((e) => e.t >= from && ((e.kind === 'ping' && e.dir === 'in') || (e.kind === 'message' && e.dir === 'in' && matches(parseJson(e.text), ka.match)))).length;
    if (close) {
      observations.close = describeClose(close.code, close.reason);
      observations.detectedAfterMs = Number(fmt(close.t - from));
    }
    const improper = judgePongLoss({
      boundMs,
      close: close ? { t: close.t, code: close.code, reason: close.reason, by: close.by, afterMs: close.t - from } : undefined,
      pings,
      connection: close && close.code !== 1006 ? connectionFailure(ctx, probe) : null,
    });
    return improper ? fail(improper, observations) : pass(observations);
  },
});
