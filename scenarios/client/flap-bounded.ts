/**
 * client/flap-bounded: a server that ends every connection at once must not keep the client
 * retrying forever, whatever the way it ends them. One phase per way (issue 10 item 2): the
 * close without status of incident 000 (1005), a dropped connection (1006), close 1011 and close
 * 1000 after the welcome, and a refused handshake; the client is restarted for each phase, and
 * the verdict names the phases it was unbounded on.
 */
import { defineScenario, fail, judgeFlapPhases, pass, type ClientPolicy, type FlapPhase } from '../../harness/index.js';
import { attemptsBoundMs, quietMs, watchPhase } from './watch.js';

const DEFAULT_FLAP_MS = 30;

interface PhaseSpec {
  label: string;
  fault: (afterMs: number) => { name: string; params?: Record<string, number> };
}

export const FLAP_PHASES: readonly PhaseSpec[] = [
  { label: '1005 (close without status, no welcome)', fault: (afterMs) => ({ name: 'close-without-status', params: { afterMs } }) },
  { label: '1006 (connection dropped, no welcome)', fault: (afterMs) => ({ name: 'orchestrator-crash-after-accept', params: { afterMs } }) },
  { label: '1011 (close after the welcome)', fault: (afterMs) => ({ name: 'flap', params: { afterMs, code: 1011 } }) },
  { label: '1000 (close after the welcome)', fault: (afterMs) => ({ name: 'flap', params: { afterMs, code: 1000 } }) },
  { label: 'refused handshake (HTTP 500)', fault: () => ({ name: 'orchestrator-init-failure' }) },
];

/**
 * How long after open each connection is ended: far shorter than the stable time that may reset
 * the counter. The client sees the end later than the server sent it (a routed socket's close
 * reached Chromium up to 170 ms late on a loaded box), so the profile's stable window must
 * exceed this by more than that latency (test/client/flap-stable-margin.test.ts).
 */
export function flapAfterMs(policy: ClientPolicy): number {
  return policy.resetAfterStableMs === null ? DEFAULT_FLAP_MS : Math.max(0, Math.min(DEFAULT_FLAP_MS, Math.floor(policy.resetAfterStableMs / 4)));
}

export default defineScenario({
  kind: 'client',
  id: 'client/flap-bounded',
  title: 'A server that ends every connection at once does not keep the client retrying forever, whatever the close code',
  description:
    'For each of 1005, a dropped connection (1006), 1011, 1000 and a refused handshake, the client is restarted and every connection ends a few ms after open (incident 000); a connection that short must not reset the retry counter, so the client stops after maxRetries + 1 attempts. The verdict names the codes it is unbounded on.',
  needs: [],
  timeoutMs: (p) => FLAP_PHASES.length * (attemptsBoundMs(p, p.maxAttempts + 2) + p.maxAttempts * DEFAULT_FLAP_MS + 5000) + 10_000,
  async run(ctx) {
    const { policy } = ctx;
    const afterMs = flapAfterMs(policy);
    const quiet = quietMs(policy) + afterMs;
    const boundMs = attemptsBoundMs(policy, policy.maxAttempts + 2) + policy.maxAttempts * afterMs;
    const phases: FlapPhase[] = [];
    for (const [i, spec] of FLAP_PHASES.entries()) {
      const from = ctx.attempts().length;
      const faults = [spec.fault(afterMs)];
      if (i === 0) await ctx.begin({ faults });
      else {
        ctx.play({ faults });
        await ctx.client.start();
      }
      await watchPhase(ctx, from, policy.maxAttempts, quiet, boundMs);
      // Stopped before its attempts are read: nothing can be dialled after the phase is counted.
      await ctx.client.stop();
      phases.push({ label: spec.label, attempts: ctx.attempts().slice(from) });
      if (ctx.signal.aborted) break;
    }
    const j = judgeFlapPhases(phases, policy, ctx.attempts().length);
    const observations = {
      afterMs,
      maxAttempts: policy.maxAttempts,
      quietMs: quiet,
      phases: j.phases,
      unboundedOn: j.phases.filter((p) => !p.bounded).map((p) => p.label),
    };
    return j.diagnosis ? fail(j.diagnosis, observations) : pass(observations);
  },
});
