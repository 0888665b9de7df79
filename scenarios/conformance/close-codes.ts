import { authMessageFor, defineScenario, describeClose, type Diagnosis, type EventOf, fail, judgeProvokedClose, pass, type Probe, type ScenarioContext } from '../../harness/index.js';
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
  const tf = ctx.profile.typeField;
  if (p.malformedJson) list.push({ name: 'malformed JSON', expect: e.malformedJson, act: (probe) => probe.send(`{${JSON.stringify(tf)}: "chat", "message": `, { offContract: true }) });
  if (p.unknownType) list.push({ name: 'unknown message type', expect: e.unknownType, act: (probe) => probe.send(p.unknownType, { offContract: true }) });
  const size = p.maxMessageBytes !== undefined ? p.maxMessageBytes + 1 : p.oversizedBytes;
  if (size) list.push({ name: `oversized message (${size} bytes)`, expect: e.oversized, act: (probe) => probe.send(oversizedMessage(size, tf)) });
  return list;
}

/** A chat message of exactly `size` bytes (ASCII), or as near as the JSON wrapper allows; its type in the profile's `typeField`. */
export function oversizedMessage(size: number, typeField = 'type'): string {
  const wrapper = JSON.stringify({ [typeField]: 'chat', message: '' }).length;
  return JSON.stringify({ [typeField]: 'chat', message: 'x'.repeat(Math.max(0, size - wrapper)) });
}

/** The server's end as it was read, in the shape of a close: a close frame's code, or 1006 for a FIN without one. */
function asClose(e: EventOf<'close-frame' | 'tcp-end' | 'close'> | undefined): Pick<EventOf<'close'>, 't' | 'code' | 'reason' | 'by'> | undefined {
  if (!e || e.kind === 'close') return e;
  return e.kind === 'close-frame' ? { t: e.t, code: e.code, reason: e.reason, by: 'server' } : { t: e.t, code: 1006, reason: '', by: 'transport' };
}

export default defineScenario({
  id: 'conformance/close-codes',
  title: 'Closes a client can provoke carry valid, expected codes',
  description: 'Provoke closes — invalid auth, malformed JSON, an unknown message type, an oversized message — each on its own connection; every server close must carry a code valid on the wire (never 1005 or 1006, Autobahn 7.x) and, where the profile states one (provoke.expect), the expected code; an empty reason is advice, or a failure with provoke.requireReason, and fine for the codes in provoke.reasonOptionalFor.',
  needs: ['provoke'],
  timeoutMs: (p) => 4 * (p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 0) + 2 * p.timeouts.closeMs) + 3000,
  async run(ctx) {
    const waitMs = ctx.profile.timeouts.closeMs;
    const reasonOptional = (code: number | undefined): boolean => code !== undefined && (ctx.profile.provoke.reasonOptionalFor ?? []).includes(code);
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
        // Auth in the first message: the invalid credential goes in that message.
        const auth = ctx.profile.auth;
        if (auth.mode === 'message') probe.send(authMessageFor(auth, 'invalid', ctx.profile.invalidAuth));
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
      seen.push({ provocation: prov.name, outcome: close ? `${describeClose(close.code, close.reason)} after ${fmt(close.t - sentAt)} ms` : `stayed open ${waitMs} ms` });
      if (!close) probe.close(1000);
      const judged = judgeProvokedClose({
        name: prov.name,
        expect: prov.expect,
        close,
        waitedMs: waitMs,
        // provoke.reasonOptionalFor: codes whose close may carry no reason (no failure, no advice).
        requireReason: ctx.profile.provoke.requireReason === true && !reasonOptional(close?.code),
        sentT: prov.act !== null ? sentAt : undefined,
        connection: prov.act !== null && close && close.t < sentAt ? connectionFailure(ctx, probe) : null,
      });
      if (judged.fatal) return fail(judged.fatal, { provocations: seen });
      problem ??= judged.problem;
      if (judged.advice && !reasonOptional(close?.code)) advice.push(judged.advice);
    }
    const observations = { provocations: seen, ...(advice.length > 0 ? { advice } : {}) };
    return problem ? fail(problem, observations) : pass(observations);
  },
});
