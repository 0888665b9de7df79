/**
 * conformance/auth-rejected: every invalid credential the profile lists (wrong signature,
 * expired, garbage, none...) is refused, each on its own connection, with its own expected
 * refusal; the verdict reports per variant and names the one that got in.
 */
import { defineScenario, describeClose, fail, first, type InvalidAuth, invalidAuthName, invalidAuthVariantsOf, judgeAuthVariants, judgeInvalidAuth, pass, refuseMessageAuth, type ScenarioContext, type Verdict } from '../../harness/index.js';

async function tryVariant(ctx: ScenarioContext, spec: InvalidAuth, label: string): Promise<Verdict> {
  const probe = ctx.connect({ label, auth: 'invalid', invalidAuth: spec });
  const outcome = await probe.opened;
  const auth = ctx.profile.auth;
  // Auth in the first message after open: the refusal is the server's answer to that message.
  if (auth.mode === 'message' && outcome === 'open') {
    const r = await refuseMessageAuth(probe, { ...ctx.profile, auth }, spec, ctx.profile.timeouts.closeMs);
    if (probe.isOpen) probe.close(1000);
    return r.diagnosis ? fail(r.diagnosis) : pass({ refusedWith: r.refusedWith });
  }
  const rejected = first(probe.events, 'rejected');
  const open = first(probe.events, 'open');
  const close = !rejected && open ? await probe.waitClosed(ctx.profile.welcome?.budgetMs ?? 2000) : undefined;
  const criteria = { immediateDisconnectMs: ctx.profile.timeouts.immediateDisconnectMs, welcome: ctx.profile.welcome?.match };
  const d = judgeInvalidAuth(probe.events, spec, criteria, close, probe.elapsed());
  const appData = probe.events.filter((e) => e.kind === 'message' && e.dir === 'in' && (!close || e.t <= close.t)).length;
  const obs = rejected
    ? { refusedWith: `HTTP ${rejected.status}` }
    : !open
      ? { outcome }
      : appData > 0
        ? { messages: appData }
        : close
          ? { refusedWith: describeClose(close.code, close.reason), closeMs: close.t - open.t }
          : {};
  return d ? fail(d, obs) : pass(obs);
}

export default defineScenario({
  id: 'conformance/auth-rejected',
  title: 'An invalid token is refused',
  description: 'Dial with each of the profile\'s invalid credentials, one connection each; every upgrade must be rejected (401/403) or the socket closed with 1008 (or the variant\'s codes) before any app data; with auth in the first message (auth.mode "message"), that message with the invalid token must get the failure answer (auth.failure) or such a close.',
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
    const judged = judgeAuthVariants(results.map(({ name, verdict }) => ({ name, diagnosis: verdict.diagnosis ?? null })));
    if (!judged) return pass({ variants: perVariant });
    return fail(judged.diagnosis, { variants: perVariant, failedVariant: judged.failedVariant });
  },
});
