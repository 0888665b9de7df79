/**
 * conformance/auth-rejected: every invalid credential the profile lists (wrong signature,
 * expired, garbage, none...) is refused, each on its own connection, with its own expected
 * refusal; the verdict reports per variant and names the one that got in.
 */
import { defineScenario, describeClose, diagnoseConnection, diagnosis, fail, first, type InvalidAuth, invalidAuthName, invalidAuthVariantsOf, pass, type ScenarioContext, type Verdict, welcomeEvent } from '../../harness/index.js';
import { fmt } from '../session.js';

async function tryVariant(ctx: ScenarioContext, spec: InvalidAuth, label: string): Promise<Verdict> {
  const probe = ctx.connect({ label, auth: 'invalid', invalidAuth: spec });
  const outcome = await probe.opened;
  const rejected = first(probe.events, 'rejected');
  if (rejected) {
    const obs = { refusedWith: `HTTP ${rejected.status}` };
    if (spec.expectHttpStatuses.includes(rejected.status)) return pass(obs);
    return fail(
      diagnosis('HANDSHAKE_REJECTED', `invalid token answered HTTP ${rejected.status}, not an auth refusal (${spec.expectHttpStatuses.join('/')})`),
      obs,
    );
  }
  if (outcome !== 'open') return fail(diagnoseConnection(probe.events, { immediateDisconnectMs: 0 })!, { outcome });
  const waitMs = ctx.profile.welcome?.budgetMs ?? 2000;
  const close = await probe.waitClosed(waitMs);
  const open = first(probe.events, 'open')!;
  const appData = probe.events.filter((e) => e.kind === 'message' && e.dir === 'in' && (!close || e.t <= close.t));
  const welcomed = welcomeEvent(probe.events, ctx.profile.welcome?.match);
  if (welcomed || appData.length > 0) {
    return fail(
      diagnosis('AUTH_NOT_ENFORCED', `invalid token got a live session: ${welcomed ? 'the welcome' : `${appData.length} message(s)`} arrived ${fmt(appData[0]!.t - open.t)} ms after open`),
      { messages: appData.length },
    );
  }
  if (!close) {
    return fail(diagnosis('AUTH_NOT_ENFORCED', `invalid token: the connection stayed open ${fmt(probe.elapsed() - open.t)} ms with no refusal`), {});
  }
  const obs = { refusedWith: describeClose(close.code, close.reason), closeMs: close.t - open.t };
  if (close.by === 'server' && spec.expectCloseCodes.includes(close.code)) return pass(obs);
  const d = diagnoseConnection(probe.events, { immediateDisconnectMs: ctx.profile.timeouts.immediateDisconnectMs, welcome: ctx.profile.welcome?.match });
  return fail(
    d ?? diagnosis('PREMATURE_CLOSE', `invalid token closed with ${describeClose(close.code, close.reason)}, expected ${spec.expectCloseCodes.join('/')}`),
    obs,
  );
}

export default defineScenario({
  id: 'conformance/auth-rejected',
  title: 'An invalid token is refused',
  description: 'Dial with each of the profile\'s invalid credentials, one connection each; every upgrade must be rejected (401/403) or the socket closed with 1008 (or the variant\'s codes) before any app data.',
  needs: ['auth', 'invalidAuth'],
  timeoutMs: (p) => invalidAuthVariantsOf(p).length * (p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 2000) + p.timeouts.closeMs) + 3000,
  async run(ctx) {
    const variants = invalidAuthVariantsOf(ctx.profile);
    const results: Array<{ name: string; verdict: Verdict }> = [];
    for (const spec of variants) {
      const name = invalidAuthName(spec);
      results.push({ name, verdict: await tryVariant(ctx, spec, variants.length > 1 ? `invalid-auth ${name}` : 'invalid-auth') });
    }
    if (variants.length === 1) return results[0]!.verdict;
    const perVariant = results.map(({ name, verdict }) => ({ name, status: verdict.status, code: verdict.diagnosis?.code ?? null, ...verdict.observations }));
    // A variant that got in outweighs one refused the wrong way.
    const failed = results.find((r) => r.verdict.diagnosis?.code === 'AUTH_NOT_ENFORCED') ?? results.find((r) => r.verdict.status === 'failed');
    if (!failed) return pass({ variants: perVariant });
    const d = failed.verdict.diagnosis!;
    const others = results.filter((r) => r !== failed && r.verdict.status === 'failed').map((r) => `"${r.name}" ${r.verdict.diagnosis!.code}`);
    return fail(
      { ...d, summary: `variant "${failed.name}": ${d.summary}${others.length ? `; also failed: ${others.join(', ')}` : ''}` },
      { variants: perVariant, failedVariant: failed.name },
    );
  },
});
