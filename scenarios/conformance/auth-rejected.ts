import { describeClose } from '../../harness/close-codes';
import { diagnosis } from '../../harness/diagnose/codes';
import { diagnoseConnection, welcomeEvent } from '../../harness/diagnose/connection';
import { defineScenario, fail, pass } from '../../harness/scenario';
import { first } from '../../harness/timeline';
import { fmt } from '../session';

export default defineScenario({
  id: 'conformance/auth-rejected',
  title: 'An invalid token is refused',
  description: 'Dial with the profile\'s invalid credential; the upgrade must be rejected (401/403) or the socket closed with 1008 (or the profile\'s code) before any app data.',
  needs: ['auth', 'invalidAuth'],
  timeoutMs: (p) => p.timeouts.handshakeMs + (p.welcome?.budgetMs ?? 2000) + 3000,
  async run(ctx) {
    const spec = ctx.profile.invalidAuth!;
    const probe = ctx.connect({ label: 'invalid-auth', auth: 'invalid' });
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
  },
});
