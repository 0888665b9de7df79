/**
 * Welcome judges: did the welcome arrive, on time? Pure: the probe's timeline (plain events),
 * the budget and the moment the observation stopped in; a diagnosis (or null) out.
 */
import { first, type TimelineEvent } from '../../timeline.js';
import { diagnosis, type Diagnosis } from '../codes.js';
import { diagnoseConnection, gapBounds, welcomeEvent } from '../connection.js';
import { formatMs as fmt } from '../format.js';

export interface WelcomeCriteria {
  /** The profile's welcome matcher. */
  match: Record<string, unknown>;
  budgetMs: number;
  immediateDisconnectMs: number;
}

/**
 * On time, late, missing, or a server that said nothing at all. Late only when even the
 * earliest the welcome can have arrived (its stamp minus the harness's own lateness, see
 * `gapBounds`) is past the budget: a welcome the harness may merely have stamped late is on
 * time, and a late verdict states the uncertainty. `nowMs`: when the observation stopped.
 */
export function judgeWelcome(events: readonly TimelineEvent[], w: WelcomeCriteria, nowMs: number): Diagnosis | null {
  const open = first(events, 'open');
  const welcome = welcomeEvent(events, w.match);
  if (open && welcome) {
    const { minMs, uncertaintyMs } = gapBounds(open, welcome);
    const busy = uncertaintyMs > 0 ? ` (± ${fmt(uncertaintyMs)} ms: the harness was busy)` : '';
    return minMs <= w.budgetMs ? null : diagnosis('WELCOME_LATE', `welcome arrived ${fmt(welcome.t - open.t)} ms after open${busy}; the budget is ${w.budgetMs} ms`);
  }
  const failure = diagnoseConnection(events, { immediateDisconnectMs: w.immediateDisconnectMs, welcome: w.match });
  if (failure) return failure;
  const waited = open ? nowMs - open.t : 0;
  const inbound = events.filter((e) => e.kind === 'message' && e.dir === 'in');
  if (inbound.length === 0) {
    return diagnosis('SILENT_SERVER', `connection open for ${fmt(waited)} ms and the server sent nothing at all (no welcome, no error, no close)`);
  }
  const shown = inbound.slice(0, 3).map((e) => (e.kind === 'message' ? e.text.slice(0, 100) : '')).join(' | ');
  return diagnosis('WELCOME_MISSING', `${inbound.length} message(s) in ${fmt(waited)} ms, none matching ${JSON.stringify(w.match)}: ${shown}`);
}

export interface LatentWelcome {
  /** ms from open to the welcome, undefined when none arrived. */
  welcomeMs: number | undefined;
  budgetMs: number;
  /** Latency injected each way. */
  latencyMs: number;
  /** How long the scenario waited for the welcome. */
  waitedMs: number;
}

/** With latency injected each way, the welcome must arrive within its budget plus that latency. */
export function judgeWelcomeUnderLatency(o: LatentWelcome): Diagnosis | null {
  if (o.welcomeMs === undefined) return diagnosis('WELCOME_MISSING', `no welcome within ${o.waitedMs} ms with ${o.latencyMs} ms latency each way`);
  if (o.welcomeMs > o.budgetMs + o.latencyMs) {
    return diagnosis('WELCOME_LATE', `with ${o.latencyMs} ms latency each way the welcome took ${fmt(o.welcomeMs)} ms from open; the bound is budget ${o.budgetMs} + latency ${o.latencyMs} ms`);
  }
  return null;
}
