/** What the chaos scenarios share: a proxy in front of the target and a session through it. */
import type { TargetProxy } from '../../harness/chaos.js';
import type { ScenarioContext } from '../../harness/scenario.js';
import { openSession, type Session } from '../session.js';

export async function proxied(ctx: ScenarioContext): Promise<TargetProxy> {
  if (!ctx.chaos) throw new Error('this scenario needs a Toxiproxy');
  return ctx.chaos.proxyTarget();
}

export async function sessionThrough(ctx: ScenarioContext, proxy: TargetProxy, label = 'main'): Promise<Session> {
  return openSession(ctx, { label, url: proxy.url });
}

/** A value clamped to [lo, hi]. */
export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Whether a server close looks like its keepalive giving up on the client. */
export const keepaliveClose = (reason: string): boolean => /keep-?alive|pong|heartbeat|timeout/i.test(reason);
