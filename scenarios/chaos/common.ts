/** What the chaos scenarios share: a proxy in front of the target and a session through it. */
import { type ScenarioContext, type TargetProxy } from '../../harness/index.js';
import { openSession, type Session } from '../session.js';

/** For scenarios that need 'toxiproxy' (the engine skips them in a run without one). */
export async function proxied(ctx: ScenarioContext<readonly ['toxiproxy']>): Promise<TargetProxy> {
  return ctx.chaos.proxyTarget();
}

export async function sessionThrough(ctx: ScenarioContext, proxy: TargetProxy, label = 'main'): Promise<Session> {
  return openSession(ctx, { label, url: proxy.url });
}

/** A value clamped to [lo, hi]. */
export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
