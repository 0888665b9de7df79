import { defineScenario, describeClose, diagnosis, type Diagnosis, type EventOf, fail, isValidWireCloseCode, pass, type Probe, type ScenarioContext } from '../../harness/index.js';
import { connectionFailure, fmt, openSession } from '../session.js';

type Expectation = number[] | 'stays-open' | undefined;

interface Provocation {
  name: string;
  /** What the profile says the backend answers (provoke.expect); undefined: any valid close. */
  expect: Expectation;
  /** What to do on an open session (or null: the dial itself provokes). */
  act: ((probe: Probe) => void) | null;
}

function provocations(ctx: ScenarioContext<readonly ['provoke']>): Provocation[] {
  const p = ctx.profile.provoke;
  const list: Provocation[] = [];
  const e = p.expect ?? {};
  if (ctx.profile.invalidAuth && ctx.profile.auth.mode !== 'none') list.push({ name: 'invalid auth', expect: e.invalidAuth, act: null });
  if (p.malformedJson) list.push({ name: 'malformed JSON', expect: e.malformedJson, act: (probe) => probe.send('{"type": "chat", "message": ') });
  if (p.unknownType) list.push({ name: 'unknown message type', expect: e.unknownType, act: (probe) => probe.send(p.unknownType) });
  const size = p.maxMessageBytes !== undefined ? p.maxMessageBytes + 1 : p.oversizedBytes;
  if (size) list.push({ name: `oversized message (${size} bytes)`, expect: e.oversized, act: (probe) => probe.send(oversizedMessage(size)) });
  return list;
}

/** A chat message of exactly `size` bytes (ASCII), or as near as the JSON wrapper allows. */
export function oversizedMessage(size: number): string {
  const wrapper = JSON.stringify({ type: 'chat', message: '' }).length;
  return JSON.stringify({ type: 'chat', message: 'x'.repeat(Math.max(0, size - wrapper)) });
}

const codesText = (codes: number[]): string => codes.map((c) => describeClose(c)).join(' or ');

/** The server's end as it was read, in the shape of a close: a close frame's code, or 1006 for a FIN without one. */
function asClose(e: EventOf<'close-frame' | 'tcp-end' | 'close'> | undefined): Pick<EventOf<'close'>, 't' | 'code' | 'reason' | 'by'> | undefined {
  if (!e || e.kind === 'close') return e;
  return e.kind === 'close-frame' ? { t: e.t, code: e.code, reason: e.reason, by: 'server' } : { t: e.t, code: 1006, reason: '', by: 'transport' };
}

export default defineScenario({
  id: 'conformance/close-codes',
  title: 'Closes a client can provoke carry valid, expected codes',
  description: 'Provoke closes — invalid auth, malformed JSON, an unknown message type, an oversized message — each on its own connection; every server close must carry a code valid on the wire (never 1005 or 1006, Autobahn 7.x) and, where the profile states one (provoke.expect), the expected code; an empty reason is advice, or a failure with provoke.requireReason.',
  needs: ['provoke'],
  timeoutMs: (p) => 4 * (p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + 2 * p.timeouts.closeMs) + 3000,
  async run(ctx) {
    const waitMs = ctx.profile.timeouts.closeMs;
    const seen: Array<{ provocation: string; outcome: string }> = [];
    let problem: Diagnosis | null = null;
    const advice: string[] = [];
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
      // Timed when the server's close frame (or FIN) was read: the teardown can lag far behind,
      // e.g. behind the unsent rest of our own oversized message.
      const close = asClose(await probe.waitEnded(waitMs));
      if (!close) {
        seen.push({ provocation: prov.name, outcome: `stayed open ${waitMs} ms` });
        probe.close(1000);
        if (Array.isArray(prov.expect)) problem ??= diagnosis('UNEXPECTED_CLOSE_CODE', `${prov.name}: stayed open ${waitMs} ms, expected a close ${codesText(prov.expect)}`);
        continue;
      }
      seen.push({ provocation: prov.name, outcome: `${describeClose(close.code, close.reason)} after ${fmt(close.t - sentAt)} ms` });
      // A connection that died before the provocation was sent is a connection failure, not an answer to it.
      if (prov.act !== null && close.t < sentAt) return fail(connectionFailure(ctx, probe) ?? diagnosis('PREMATURE_CLOSE', `${prov.name}: the connection closed before the provocation was sent`), { provocations: seen });
      if (!isValidWireCloseCode(close.code)) {
        problem ??= diagnosis(
          'INVALID_CLOSE_CODE',
          close.code === 1006
            ? `${prov.name}: the server dropped the connection without a close frame (1006)`
            : close.code === 1005
              ? `${prov.name}: the server's close frame carried no status code (1005)`
              : `${prov.name}: close code ${close.code} must never be sent on the wire`,
        );
        continue;
      }
      // A normal close (1000, 1001) ends the session; it is no refusal of the provocation.
      if (prov.expect === 'stays-open' && close.by === 'server' && close.code !== 1000 && close.code !== 1001) {
        problem ??= diagnosis('UNEXPECTED_CLOSE_CODE', `${prov.name} closed ${describeClose(close.code)}, expected the connection to stay open (with an error message)`);
      } else if (Array.isArray(prov.expect) && !prov.expect.includes(close.code)) {
        problem ??= diagnosis('UNEXPECTED_CLOSE_CODE', `${prov.name} closed ${describeClose(close.code)}, expected ${codesText(prov.expect)}`);
      }
      if (close.by === 'server' && close.reason.trim() === '') {
        if (ctx.profile.provoke.requireReason) problem ??= diagnosis('CLOSE_REASON_MISSING', `${prov.name}: close ${describeClose(close.code)} carried no reason (provoke.requireReason is true)`);
        else advice.push(`${prov.name}: close ${describeClose(close.code)} carried no reason; a short reason helps clients and logs (RFC 6455 allows none)`);
      }
    }
    const observations = { provocations: seen, ...(advice.length > 0 ? { advice } : {}) };
    return problem ? fail(problem, observations) : pass(observations);
  },
});
