/**
 * What every session-based scenario does first: open a connection with valid auth, wait for
 * the welcome (or the end of its budget), and tell whether the connection itself failed.
 */
import { type ConnectOptions, diagnoseConnection, diagnoseHandshake, diagnosis, type Diagnosis, first, gapBounds, type Probe, type ScenarioContext, textMatches, welcomeEvent } from '../harness/index.js';

export interface Session {
  probe: Probe;
  /** Why the connection failed (handshake, or a server close so far), or null. */
  failure: Diagnosis | null;
  /** ms from open to the welcome, when one arrived. */
  welcomeMs?: number;
}

/** A welcome later than this many budgets is reported missing rather than late. */
export const LATE_WINDOW = 2;

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

/** The connection-level diagnosis of a probe so far (null while it is healthy). */
export function connectionFailure(ctx: ScenarioContext, probe: Probe): Diagnosis | null {
  return diagnoseConnection(probe.events, {
    immediateDisconnectMs: ctx.profile.timeouts.immediateDisconnectMs,
    welcome: ctx.profile.welcome?.match,
  });
}

export function welcomeLatency(ctx: ScenarioContext, probe: Probe): number | undefined {
  const open = first(probe.events, 'open');
  const w = welcomeEvent(probe.events, ctx.profile.welcome?.match);
  return open && w ? w.t - open.t : undefined;
}

/** Wait for the welcome, or a close, up to `waitMs` (default: the welcome budget). */
export async function awaitWelcome(ctx: ScenarioContext, probe: Probe, waitMs?: number): Promise<void> {
  const w = ctx.profile.welcome;
  if (!w) return;
  const bound = waitMs ?? w.budgetMs;
  const open = first(probe.events, 'open');
  const deadline = (open?.t ?? probe.elapsed()) + bound - probe.elapsed();
  await Promise.race([
    probe.waitFor('message', deadline, (e) => e.dir === 'in' && textMatches(e.text, w.match)),
    probe.waitFor('close', deadline),
  ]);
}

export async function openSession(ctx: ScenarioContext, opts: ConnectOptions = {}): Promise<Session> {
  const probe = ctx.connect({ label: 'main', ...opts });
  const outcome = await probe.opened;
  if (outcome !== 'open') return { probe, failure: diagnoseHandshake(probe.events) };
  await awaitWelcome(ctx, probe);
  return { probe, failure: connectionFailure(ctx, probe), welcomeMs: welcomeLatency(ctx, probe) };
}

/**
 * Judge the welcome of a session that did not fail: on time, late, missing, or a server that
 * said nothing at all. Late only when even the earliest the welcome can have arrived (its stamp
 * minus the harness's own lateness, see `gapBounds`) is past the budget: a welcome the harness
 * may merely have stamped late is on time, and a late verdict states the uncertainty.
 */
export function welcomeProblem(ctx: ScenarioContext, probe: Probe): Diagnosis | null {
  const w = ctx.profile.welcome;
  if (!w) return null;
  const latency = welcomeLatency(ctx, probe);
  const open = first(probe.events, 'open');
  const welcome = welcomeEvent(probe.events, w.match);
  if (latency !== undefined && open && welcome) {
    const { minMs, uncertaintyMs } = gapBounds(open, welcome);
    const busy = uncertaintyMs > 0 ? ` (± ${fmt(uncertaintyMs)} ms: the harness was busy)` : '';
    return minMs <= w.budgetMs ? null : diagnosis('WELCOME_LATE', `welcome arrived ${fmt(latency)} ms after open${busy}; the budget is ${w.budgetMs} ms`);
  }
  const failure = connectionFailure(ctx, probe);
  if (failure) return failure;
  const waited = open ? probe.elapsed() - open.t : 0;
  const inbound = probe.events.filter((e) => e.kind === 'message' && e.dir === 'in');
  if (inbound.length === 0) {
    return diagnosis('SILENT_SERVER', `connection open for ${fmt(waited)} ms and the server sent nothing at all (no welcome, no error, no close)`);
  }
  const shown = inbound.slice(0, 3).map((e) => (e.kind === 'message' ? e.text.slice(0, 100) : '')).join(' | ');
  return diagnosis('WELCOME_MISSING', `${inbound.length} message(s) in ${fmt(waited)} ms, none matching ${JSON.stringify(w.match)}: ${shown}`);
}

/** Close politely and wait (bounded) for the close to finish. */
export async function closeSession(ctx: ScenarioContext, probe: Probe): Promise<void> {
  if (!probe.isOpen) return;
  probe.close(1000, 'ws-chaos done');
  await probe.waitClosed(ctx.profile.timeouts.closeMs + 500);
}

/** Poll the health count until it is at most `baseline`, within the profile's settle time. */
export async function settleHealth(ctx: ScenarioContext, baseline: number): Promise<{ settled: boolean; last: number | undefined; waitedMs: number }> {
  const settleMs = ctx.profile.health?.settleMs ?? 2000;
  const start = performance.now();
  let last: number | undefined;
  for (let i = 0; i < 200; i++) {
    last = await ctx.healthCount();
    if (last !== undefined && last <= baseline) return { settled: true, last, waitedMs: performance.now() - start };
    if (performance.now() - start >= settleMs) break;
    if (!(await ctx.sleep(Math.min(50, settleMs / 10)))) break;
  }
  return { settled: false, last, waitedMs: performance.now() - start };
}

export { fmt };
