import { clientShapes, defineScenario, describeClose, diagnosis, fail, judgeResponse, matches, parseJson, pass, searchBadInput, type Generated, type Probe, type ScenarioContext } from '../../harness/index.js';
import { closeSession, connectionFailure, openSession } from '../session.js';

/** Random messages after the systematic ones (each field retyped, each required field dropped, an unknown type). */
const RANDOM_RUNS = 40;
/** A replay seed: WS_CHAOS_SEED=<n> reruns the same messages. */
const SEED_ENV = 'WS_CHAOS_SEED';
/** A close after bad input is a refusal, not a crash, unless it is one of these (1005: no status, 1006: no close frame, 1011: internal error). */
const KILLED = new Set([1005, 1006, 1011]);
/** Liveness requests carry correlation values from here on, far from what the generator picks. */
const LIVENESS_BASE = 900_000_000;

const seedOf = (): number => {
  const raw = process.env[SEED_ENV];
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isSafeInteger(n) ? n : Math.floor(Math.random() * 2 ** 31);
};

type Ctx = ScenarioContext<readonly ['request']>;

export default defineScenario({
  id: 'conformance/unexpected-input',
  title: 'Unusual and invalid messages get an answer, never a crash',
  description: `Messages generated from the AsyncAPI document's client messages (--asyncapi) or the profile's shapes — valid but unusual (boundary numbers, empty and long strings, unicode, large arrays) and invalid (wrong types, missing required fields, unknown types), seeded (${SEED_ENV}), ${RANDOM_RUNS} random after one of each kind — each followed by the profile's request: a connection killed (1011, 1006) or a server that stops answering fails with the smallest such message (shrunk) and its seed; an error message or a close with 1003/1007/1008 and a reason is fine.`,
  needs: ['request'],
  timeoutMs: (p) => p.timeouts.handshakeMs * 3 + (p.welcome?.budgetMs ?? 0) * 3 + searchLimitMs(p.request.budgetMs) + p.request.budgetMs * 2 + 5000,
  async run(ctx) {
    const spec = ctx.profile.request;
    const first = await openSession(ctx, { label: 'baseline' });
    if (first.failure) return fail(first.failure);
    let probe: Probe | undefined = first.probe;
    let liveness = LIVENESS_BASE;
    const answered = (p: Probe) => ask(ctx, p, ++liveness);

    // The server must answer the request before any bad input, or nothing after it means anything.
    const before = await answered(first.probe);
    if (before !== 'answered') {
      const dead = connectionFailure(ctx, first.probe);
      if (dead) return fail(dead);
      return fail(judgeResponse({ expect: spec.expect, budgetMs: spec.budgetMs, answered: false, others: [] }), { phase: 'before any bad input' });
    }

    const set = clientShapes(ctx.profile, ctx.contract);
    let sessions = 1;
    let lost: string | undefined;
    const attempt = async (g: Generated): Promise<string | null> => {
      if (!probe?.isOpen) {
        sessions++;
        const s = await openSession(ctx, { label: `session-${sessions}` });
        if (s.failure || !s.probe.isOpen) {
          lost ??= s.failure?.summary ?? 'a new session did not open';
          return null;
        }
        probe = s.probe;
      }
      return judgeAttempt(ctx, probe, g, ++liveness);
    };
    const search = await searchBadInput(set, { seed: seedOf(), runs: RANDOM_RUNS, timeLimitMs: searchLimitMs(spec.budgetMs) }, attempt);
    const observations = { shapesFrom: set.from, shapes: set.shapes.map((s) => s.name), seed: search.seed, tried: search.tried, sessions, ...(search.interrupted ? { interrupted: true } : {}) };
    if (probe) await closeSession(ctx, probe);
    const found = search.finding;
    if (found) {
      // The smallest message must do it again on a fresh session: a server that died on its own is not the message's doing.
      const replay = await openSession(ctx, { label: 'replay' });
      const again = replay.failure ? null : await judgeAttempt(ctx, replay.probe, found.smallest, ++liveness);
      await closeSession(ctx, replay.probe);
      if (again !== null) {
        const text = JSON.stringify(found.smallest.message);
        return fail(
          diagnosis('BAD_INPUT_NOT_HANDLED', `after ${found.smallest.kind === 'unusual' ? 'an unusual but valid' : `an invalid (${found.smallest.kind})`} ${found.smallest.shape} message ${text.length > 200 ? `${text.slice(0, 200)}…` : text}, ${again} (smallest of ${search.tried} tried after ${found.shrinks} shrinks; replay: ${SEED_ENV}=${found.seed})`),
          { ...observations, smallest: found.smallest, outcome: again },
        );
      }
      return pass({ ...observations, notReproduced: { smallest: found.smallest, outcome: found.outcome } });
    }
    if (lost) return pass({ ...observations, note: `the search stopped early: ${lost}` });
    return pass(observations);
  },
});

/** The search's own bound, shrinking included: silent answers cost a budget each. */
function searchLimitMs(budgetMs: number): number {
  return Math.max(5000, 10 * budgetMs);
}

/** Send the profile's request (tagged `n` in its correlation field) and wait for its reply or the end. */
async function ask(ctx: Ctx, probe: Probe, n: number): Promise<'answered' | 'ended' | 'silent'> {
  const spec = ctx.profile.request;
  const field = spec.correlationField;
  const sentAt = probe.elapsed();
  if (!probe.send(field ? { ...spec.send, [field]: n } : spec.send)) return 'ended';
  const isReply = (text: string): boolean => {
    const m = parseJson(text);
    return matches(m, spec.expect) && (!field || (m as Record<string, unknown> | undefined)?.[field] === n);
  };
  const reply = probe.waitFor('message', spec.budgetMs, (e) => e.dir === 'in' && isReply(e.text), sentAt);
  const ended = probe.waitEnded(spec.budgetMs);
  const got = await Promise.race([reply.then((r) => (r ? 'answered' : 'silent')), ended.then((e) => (e ? 'ended' : 'silent'))]);
  return got;
}

/** One generated message: null when the server handled it, else what it did, in words. */
async function judgeAttempt(ctx: Ctx, probe: Probe, g: Generated, n: number): Promise<string | null> {
  const sentAt = probe.elapsed();
  probe.send(g.message, { offContract: true });
  const outcome = await ask(ctx, probe, n);
  if (outcome === 'answered') return null;
  const end = probe.events.find((e) => (e.kind === 'close-frame' || e.kind === 'tcp-end' || e.kind === 'close') && e.t >= sentAt);
  if (outcome === 'silent' && !end) return `the server went silent (no answer to the next request within ${ctx.profile.request.budgetMs} ms)`;
  const code = end?.kind === 'close-frame' || end?.kind === 'close' ? end.code : 1006;
  const reason = end?.kind === 'close-frame' || end?.kind === 'close' ? end.reason : '';
  if (KILLED.has(code)) return `the connection was killed (${describeClose(code, reason)})`;
  // A refusal with a code: fine (the issue's 1003/1007/1008 with a reason, or any other deliberate close).
  return null;
}
