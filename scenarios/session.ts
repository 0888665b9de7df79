/**
 * What every session-based scenario does first: open a connection with valid auth, wait for
 * the welcome (or the end of its budget), and tell whether the connection itself failed.
 */
import { type ConnectOptions, diagnoseConnection, diagnoseHandshake, type Diagnosis, first, formatMs, greet, judgeWelcome, negotiationProblem, type Probe, type ScenarioContext, textMatches, welcomeEvent } from '../harness/index.js';

export interface Session {
  probe: Probe;
  /** Why the connection failed (handshake, or a server close so far), or null. */
  failure: Diagnosis | null;
  /** ms from open to the welcome, when one arrived. */
  welcomeMs?: number;
}

/** A welcome later than this many budgets is reported missing rather than late. */
export const LATE_WINDOW = 2;

/** Milliseconds in summaries and observations (the one formatter, its summary preset). */
const fmt = (ms: number): string => formatMs(ms);

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

/** Probes whose handshake (negotiation, auth message, handshake steps) has been played. */
const greeted = new WeakMap<Probe, Diagnosis | null>();

/**
 * Play the profile's handshake once (harness/profile/handshake.ts: the negotiation, an auth
 * message, the client-speaks-first steps), then wait for the welcome, or a close, up to
 * `waitMs` (default: the welcome budget) from open. Returns the handshake's diagnosis, if any.
 */
export async function awaitWelcome(ctx: ScenarioContext, probe: Probe, waitMs?: number): Promise<Diagnosis | null> {
  if (!greeted.has(probe)) greeted.set(probe, await greet(probe, ctx.profile));
  const refused = greeted.get(probe) ?? null;
  const w = ctx.profile.welcome;
  if (!w || refused) return refused;
  const bound = waitMs ?? w.budgetMs;
  const open = first(probe.events, 'open');
  const deadline = (open?.t ?? probe.elapsed()) + bound - probe.elapsed();
  await Promise.race([
    probe.waitFor('message', deadline, (e) => e.dir === 'in' && textMatches(e.text, w.match)),
    probe.waitFor('close', deadline),
  ]);
  return null;
}

export async function openSession(ctx: ScenarioContext, opts: ConnectOptions = {}): Promise<Session> {
  const probe = ctx.connect({ label: 'main', ...opts });
  const outcome = await probe.opened;
  if (outcome !== 'open') return { probe, failure: negotiationProblem(ctx.profile, probe.events) ?? diagnoseHandshake(probe.events) };
  const refused = await awaitWelcome(ctx, probe);
  return { probe, failure: connectionFailure(ctx, probe) ?? refused, welcomeMs: welcomeLatency(ctx, probe) };
}

/** Judge the welcome of a session that did not fail: on time, late, missing, or a server that said nothing at all (judgeWelcome). */
export function welcomeProblem(ctx: ScenarioContext, probe: Probe): Diagnosis | null {
  const w = ctx.profile.welcome;
  if (!w) return null;
  return judgeWelcome(probe.events, { match: w.match, budgetMs: w.budgetMs, immediateDisconnectMs: ctx.profile.timeouts.immediateDisconnectMs }, probe.elapsed());
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
