/**
 * The graceful-restart judge for client scenarios: a server that closes with 1001 (going away)
 * or 1012 (service restart) is coming back, so the client must dial again within its capped
 * delay (+ the stop window's slack); a client that treats the code as final needs a page
 * reload to come back. Pure: the attempts of each phase and the bound in, a diagnosis out.
 */
import type { AttemptSummary } from '../client.js';
import { diagnosis, type Diagnosis } from '../codes.js';
import { formatMs, POLICY_MS } from '../format.js';

const fmt = (ms: number): string => formatMs(ms, POLICY_MS);

export interface RestartPhase {
  /** The close code the server restarted with. */
  code: number;
  attempts: readonly AttemptSummary[];
}

export interface RestartPhaseVerdict {
  code: number;
  closedAtMs: number | null;
  redialAfterMs: number | null;
  reconnected: boolean;
}

const HINT =
  '1001 (going away) and 1012 (service restart) are what a server says when it restarts or deploys: the session is over, the service is not. Treat them like any other transient close (retry with backoff); only codes the app defines as fatal (1008, an auth failure) may stop the client.';

/** Each phase: the first attempt closed by the server with `code`, then a dial within `redialBoundMs` of that close. */
export function judgeGracefulRestart(phases: readonly RestartPhase[], redialBoundMs: number): { diagnosis: Diagnosis | null; phases: RestartPhaseVerdict[] } {
  const verdicts = phases.map((p): RestartPhaseVerdict => {
    const closed = p.attempts.find((a) => a.closedBy === 'server' && a.closeCode === p.code && a.endMs !== undefined);
    const next = closed ? p.attempts.find((a) => a.n > closed.n) : undefined;
    const redialAfterMs = closed?.endMs !== undefined && next ? Math.round(next.dialMs - closed.endMs) : null;
    return { code: p.code, closedAtMs: closed?.endMs ?? null, redialAfterMs, reconnected: redialAfterMs !== null && redialAfterMs <= redialBoundMs };
  });
  const unplayed = verdicts.filter((v) => v.closedAtMs === null);
  if (unplayed.length > 0) throw new Error(`the server's ${unplayed.map((v) => v.code).join(', ')} close never reached the client: nothing to judge`);
  const final = verdicts.filter((v) => !v.reconnected);
  if (final.length === 0) return { diagnosis: null, phases: verdicts };
  const parts = final.map((v) =>
    v.redialAfterMs === null
      ? `after the server's ${v.code} close at ${fmt(v.closedAtMs ?? 0)} ms the client never dialled again (watched ${fmt(redialBoundMs)} ms): it treats ${v.code} as final, and its user would need to reload the page`
      : `after the server's ${v.code} close the client dialled again only ${fmt(v.redialAfterMs)} ms later (bound ${fmt(redialBoundMs)} ms)`,
  );
  const ok = verdicts.filter((v) => v.reconnected).map((v) => v.code);
  return { diagnosis: diagnosis('NO_RECOVERY', `${parts.join('; ')}${ok.length ? `; after ${ok.join(', ')} it reconnected` : ''}`, HINT), phases: verdicts };
}
