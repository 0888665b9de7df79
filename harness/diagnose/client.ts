/**
 * Client-level diagnosis: did a WebSocket client follow the reconnect and keepalive policy it
 * claims? Pure: per-attempt timelines (as an enactor recorded them, ms since a common origin)
 * and the scaled policy in, a diagnosis (or null) out.
 */
import { matches, parseJson } from '../match.js';
import type { Closer, ConnectionTimeline } from '../timeline.js';
import { expectedDelayMs, maxDelayMs, type ClientPolicy } from '../client/policy.js';
import { diagnosis, type Diagnosis } from './codes.js';
import { formatMs, POLICY_MS } from './format.js';
import type { RetryDelay } from './judges/client-backoff.js';

export interface MessageShapes {
  ping: Record<string, unknown>;
  pong: Record<string, unknown>;
  idField: string;
  /** A plain-text heartbeat: these exact frames are the ping and the pong (no id). */
  text?: { ping: string; pong: string };
}

export interface AttemptSummary {
  /** 1-based, in dial order. */
  n: number;
  dialMs: number;
  openMs?: number;
  /** When the attempt ended: refused, or closed by either side. */
  endMs?: number;
  rejectedStatus?: number;
  closeCode?: number;
  closeReason?: string;
  closedBy?: Closer;
  serverPings: Array<{ id: unknown; t: number }>;
  clientPongs: Array<{ id: unknown; t: number }>;
  clientPings: number;
}

export type { RetryDelay } from './judges/client-backoff.js';

const fmt = (ms: number): string => formatMs(ms, POLICY_MS);

export function summarizeAttempts(timelines: readonly ConnectionTimeline[], shapes: MessageShapes): AttemptSummary[] {
  return timelines.map((tl, i) => {
    const s: AttemptSummary = { n: i + 1, dialMs: tl.events[0]?.t ?? 0, serverPings: [], clientPongs: [], clientPings: 0 };
    for (const e of tl.events) {
      if (e.kind === 'open') s.openMs = e.t;
      else if (e.kind === 'rejected') {
        s.endMs = e.t;
        s.rejectedStatus = e.status;
      } else if (e.kind === 'close') {
        s.endMs = e.t;
        s.closeCode = e.code;
        s.closeReason = e.reason;
        s.closedBy = e.by;
      } else if (e.kind === 'message' && shapes.text) {
        if (e.dir === 'in' && e.text === shapes.text.ping) s.serverPings.push({ id: undefined, t: e.t });
        if (e.dir === 'out' && e.text === shapes.text.pong) s.clientPongs.push({ id: undefined, t: e.t });
        if (e.dir === 'out' && e.text === shapes.text.ping) s.clientPings++;
      } else if (e.kind === 'message') {
        const msg = parseJson(e.text);
        const id = msg && typeof msg === 'object' ? (msg as Record<string, unknown>)[shapes.idField] : undefined;
        if (e.dir === 'in' && matches(msg, shapes.ping)) s.serverPings.push({ id, t: e.t });
        if (e.dir === 'out' && matches(msg, shapes.pong)) s.clientPongs.push({ id, t: e.t });
        if (e.dir === 'out' && matches(msg, shapes.ping)) s.clientPings++;
      }
    }
    return s;
  });
}

/** Gaps on the wire: from the end of attempt k to the dial of attempt k + 1, as retry k. */
export function wireDelays(attempts: readonly AttemptSummary[]): RetryDelay[] {
  const out: RetryDelay[] = [];
  for (let k = 1; k < attempts.length; k++) {
    const prev = attempts[k - 1]!;
    if (prev.endMs === undefined) continue;
    out.push({ retry: k, delayMs: attempts[k]!.dialMs - prev.endMs });
  }
  return out;
}

/**
 * More attempts than the policy allows, against a server that always fails or flaps. For a
 * flapping server the delays tell why: still at the base delay late in the run means the
 * counter resets on open (incident 000); grown to the cap means the client has no maximum.
 * `scheduled` (the client's own delays, when it tells) is exact; otherwise the wire gaps are used.
 */
export function judgeAttemptLimit(
  attempts: readonly AttemptSummary[],
  policy: ClientPolicy,
  server: 'failing' | 'flapping',
  scheduled?: readonly RetryDelay[],
): Diagnosis | null {
  if (attempts.length <= policy.maxAttempts) return null;
  const opened = attempts.filter((a) => a.openMs !== undefined);
  const spanMs = (attempts.at(-1)?.dialMs ?? 0) - (attempts[0]?.dialMs ?? 0);
  const base = `${attempts.length} attempts in ${fmt(spanMs)} ms against a server that ${server === 'failing' ? 'refuses every connection' : 'closes every connection right after open'}; the policy allows ${policy.maxAttempts} (maxRetries ${policy.maxRetries} after the first)`;
  if (server === 'failing' || opened.length === 0) return diagnosis('RECONNECT_UNBOUNDED', `${base}: the client ignores its maximum`);
  const delays = (scheduled && scheduled.length > 0 ? scheduled : wireDelays(attempts)).map((d) => d.delayMs);
  const first = expectedDelayMs(1, policy.backoff);
  const late = expectedDelayMs(policy.maxRetries, policy.backoff);
  const last = delays.at(-1);
  const lived = opened.map((a) => (a.endMs ?? a.openMs!) - a.openMs!);
  let why = 'the client kept retrying';
  if (last !== undefined && late > first * 1.5) {
    why =
      last < (first + late) / 2
        ? `the delay stayed near the first one (last ${fmt(last)} ms, policy by then ${fmt(late)} ms): the counter resets on every open`
        : `the delay grew to ${fmt(last)} ms, so the counter did not reset: the client ignores its maximum`;
  }
  return diagnosis('RECONNECT_UNBOUNDED', `${base}; ${opened.length} opened and lived ${fmt(Math.max(...lived))} ms at most, and ${why}`);
}

/** The backoff judge lives in judges/client-backoff.ts (schedule, tolerance, soundness). */
export { judgeBackoff } from './judges/client-backoff.js';

/** Any attempt after the server closed with a fatal code. */
export function judgeFatalClose(attempts: readonly AttemptSummary[], policy: ClientPolicy): Diagnosis | null {
  const i = attempts.findIndex((a) => a.closedBy === 'server' && a.closeCode !== undefined && policy.fatalCloseCodes.includes(a.closeCode));
  if (i < 0 || i === attempts.length - 1) return null;
  const fatal = attempts[i]!;
  const next = attempts[i + 1]!;
  return diagnosis(
    'RETRY_ON_FATAL_CLOSE',
    `the server closed attempt ${fatal.n} with ${fatal.closeCode}${fatal.closeReason ? ` "${fatal.closeReason}"` : ''}, which the policy calls fatal, and the client dialled again ${fmt(next.dialMs - (fatal.endMs ?? fatal.dialMs))} ms later (${attempts.length - i - 1} more attempt(s))`,
  );
}

/** Every server ping of the attempt must get a pong with its id within budgetMs; pings younger than budgetMs at `untilMs` are not judged. */
export function judgeServerPings(a: AttemptSummary, budgetMs: number, untilMs: number): { diagnosis: Diagnosis | null; answered: number; judged: number } {
  let answered = 0;
  let judged = 0;
  for (const ping of a.serverPings) {
    const pong = a.clientPongs.find((p) => p.t >= ping.t && p.t <= ping.t + budgetMs && (ping.id === undefined || p.id === ping.id));
    if (pong) {
      answered++;
      judged++;
      continue;
    }
    if (ping.t + budgetMs > untilMs && (a.endMs === undefined || a.endMs > untilMs)) continue;
    judged++;
    const closed = a.endMs !== undefined ? `; the ${a.closedBy ?? 'server'} closed the connection at ${fmt(a.endMs)} ms${a.closeCode ? ` (${a.closeCode}${a.closeReason ? ` "${a.closeReason}"` : ''})` : ''}` : '';
    return {
      diagnosis: diagnosis('CLIENT_PONG_MISSING', `the server's ping ${JSON.stringify(ping.id)} at ${fmt(ping.t)} ms got no pong within ${fmt(budgetMs)} ms (${a.clientPongs.length} pong(s) in all)${closed}`),
      answered,
      judged,
    };
  }
  return { diagnosis: null, answered, judged };
}

/**
 * The server stopped answering the client's pings on attempt `a`: the client must close it
 * within ping interval + pong timeout + tolerance of open, then dial again within the capped
 * delay + tolerance. `nowMs` is when the observation stopped.
 */
export function judgeDeadServer(a: AttemptSummary, next: AttemptSummary | undefined, policy: ClientPolicy, nowMs: number): Diagnosis | null {
  const ping = policy.ping;
  if (!ping || a.openMs === undefined) return null;
  const closeBy = a.openMs + ping.intervalMs + ping.timeoutMs + policy.toleranceMs;
  if (a.endMs === undefined || a.closedBy !== 'client') {
    if (a.endMs !== undefined && a.endMs <= closeBy) {
      return diagnosis('SCENARIO_ERROR', `the ${a.closedBy} ended the connection at ${fmt(a.endMs)} ms (${a.closeCode ?? a.rejectedStatus}), before the client's pong timeout could be judged`);
    }
    const pings = a.clientPings === 0 ? 'the client sent no app ping at all,' : `${a.clientPings} ping(s) went unanswered and`;
    return diagnosis(
      'DEAD_SERVER_NOT_DETECTED',
      `the server stopped answering pings; ${pings} the connection was still open ${fmt(Math.min(nowMs, a.endMs ?? nowMs) - a.openMs)} ms after open (bound: ping ${fmt(ping.intervalMs)} + pong timeout ${fmt(ping.timeoutMs)} + ${policy.toleranceMs} ms)`,
    );
  }
  if (a.endMs > closeBy) {
    return diagnosis('DEAD_SERVER_NOT_DETECTED', `the client closed the dead connection ${fmt(a.endMs - a.openMs)} ms after open; the bound is ${fmt(closeBy - a.openMs)} ms (ping ${fmt(ping.intervalMs)} + pong timeout ${fmt(ping.timeoutMs)} + tolerance)`);
  }
  const redialBy = a.endMs + maxDelayMs(policy.maxRetries + 1, policy.backoff) + policy.toleranceMs;
  if (!next || next.dialMs > redialBy) {
    return diagnosis('DEAD_SERVER_NOT_DETECTED', `the client closed the dead connection (${a.closeCode}) at ${fmt(a.endMs)} ms but did not reconnect by ${fmt(redialBy)} ms`);
  }
  return null;
}

/** After the server is healthy again at `healthyAtMs`, an attempt must open within the capped delay + tolerance. */
export function judgeRecovery(attempts: readonly AttemptSummary[], healthyAtMs: number, policy: ClientPolicy): Diagnosis | null {
  const recovered = attempts.find((a) => a.openMs !== undefined && a.openMs >= healthyAtMs);
  const deadline = healthyAtMs + maxDelayMs(policy.maxRetries + 1, policy.backoff) + policy.toleranceMs;
  if (recovered && recovered.openMs! <= deadline) return null;
  const last = attempts.at(-1);
  const lastText = last ? `its last attempt (${attempts.length} in all) dialled at ${fmt(last.dialMs)} ms` : 'it never dialled';
  if (recovered) {
    return diagnosis('NO_RECOVERY', `the server was healthy again at ${fmt(healthyAtMs)} ms but the client reconnected only at ${fmt(recovered.openMs!)} ms (bound ${fmt(deadline)} ms: the capped delay + tolerance)`);
  }
  return diagnosis('NO_RECOVERY', `the server was healthy again at ${fmt(healthyAtMs)} ms; ${lastText}, and no attempt opened by ${fmt(deadline)} ms`);
}

/**
 * Every client scenario expects dials: a client that opened no WebSocket at all within
 * `waitedMs` of its start is CLIENT_NEVER_CONNECTED (`where`: which sockets the enactor sees).
 */
export function judgeClientDialled(dials: number, waitedMs: number, where: string): Diagnosis | null {
  if (dials > 0) return null;
  return diagnosis('CLIENT_NEVER_CONNECTED', `no WebSocket ${where} was opened within ${waitedMs} ms of the client's start, so nothing could be judged`);
}
