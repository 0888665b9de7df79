import { describeClose, isValidWireCloseCode } from '../../harness/close-codes';
import { diagnosis, type Diagnosis } from '../../harness/diagnose/codes';
import { defineScenario, fail, pass, type ScenarioContext } from '../../harness/scenario';
import type { Probe } from '../../harness/probe';
import { connectionFailure, fmt, openSession } from '../session';

interface Provocation {
  name: string;
  /** What to do on an open session (or null: the dial itself provokes). */
  act: ((probe: Probe) => void) | null;
}

function provocations(ctx: ScenarioContext): Provocation[] {
  const p = ctx.profile.provoke!;
  const list: Provocation[] = [];
  if (ctx.profile.invalidAuth && ctx.profile.auth.mode !== 'none') list.push({ name: 'invalid auth', act: null });
  if (p.malformedJson) list.push({ name: 'malformed JSON', act: (probe) => probe.send('{"type": "chat", "message": ') });
  if (p.unknownType) list.push({ name: 'unknown message type', act: (probe) => probe.send(p.unknownType) });
  if (p.oversizedBytes) {
    const size = p.oversizedBytes;
    list.push({ name: `oversized message (${size} bytes)`, act: (probe) => probe.send(JSON.stringify({ type: 'chat', message: 'x'.repeat(size) })) });
  }
  return list;
}

export default defineScenario({
  id: 'conformance/close-codes',
  title: 'Closes a client can provoke carry valid codes and a reason',
  description: 'Provoke closes — invalid auth, malformed JSON, an unknown message type, an oversized message — each on its own connection; every server close must carry a code valid on the wire (never 1005 or 1006, Autobahn 7.x) and a reason.',
  needs: ['provoke'],
  timeoutMs: (p) => 4 * (p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + 2 * p.timeouts.closeMs) + 3000,
  async run(ctx) {
    const waitMs = ctx.profile.timeouts.closeMs;
    const seen: Array<{ provocation: string; outcome: string }> = [];
    let problem: Diagnosis | null = null;
    for (const prov of provocations(ctx)) {
      let probe: Probe;
      if (prov.act === null) {
        probe = ctx.connect({ label: prov.name, auth: 'invalid' });
        if ((await probe.opened) !== 'open') {
          seen.push({ provocation: prov.name, outcome: 'upgrade refused' });
          continue;
        }
      } else {
        const session = await openSession(ctx, { label: prov.name });
        if (session.failure) return fail(session.failure, { provocations: seen });
        probe = session.probe;
        prov.act(probe);
      }
      const sentAt = probe.elapsed();
      const close = await probe.waitClosed(waitMs);
      if (!close) {
        seen.push({ provocation: prov.name, outcome: `stayed open ${waitMs} ms` });
        probe.close(1000);
        continue;
      }
      seen.push({ provocation: prov.name, outcome: `${describeClose(close.code, close.reason)} after ${fmt(close.t - sentAt)} ms` });
      if (prov.act !== null && connectionFailure(ctx, probe) && close.t - sentAt < 0) return fail(connectionFailure(ctx, probe)!, { provocations: seen });
      if (!isValidWireCloseCode(close.code)) {
        problem ??= diagnosis(
          'INVALID_CLOSE_CODE',
          close.code === 1006
            ? `${prov.name}: the server dropped the connection without a close frame (1006)`
            : close.code === 1005
              ? `${prov.name}: the server's close frame carried no status code (1005)`
              : `${prov.name}: close code ${close.code} must never be sent on the wire`,
        );
      } else if (close.by === 'server' && close.reason.trim() === '') {
        problem ??= diagnosis('INVALID_CLOSE_CODE', `${prov.name}: close ${describeClose(close.code)} carried no reason`);
      }
    }
    return problem ? fail(problem, { provocations: seen }) : pass({ provocations: seen });
  },
});
