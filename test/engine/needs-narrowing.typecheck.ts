/**
 * Type-level test, checked by `pnpm typecheck` (tsc): `needs` narrows the profile, the policy
 * and the Toxiproxy tools, so a scenario reads what it needs with no `!`, and reading a part it
 * did not declare without a check is a compile error (each `@ts-expect-error` below must stay
 * an error, or tsc fails with "Unused '@ts-expect-error' directive"). Nothing here runs.
 */
import { defineScenario, pass, type BackendScenario, type ClientScenario, type Scenario } from '../../harness/index.js';

export const welcomeNeeded = defineScenario({
  id: 'acme/welcome-needed',
  title: 'welcome is needed',
  needs: ['welcome', 'health', 'auth'],
  timeoutMs: (p) => p.welcome.budgetMs + p.health.settleMs,
  run: async (ctx) => {
    const budgetMs: number = ctx.profile.welcome.budgetMs;
    const field: string = ctx.profile.health.connectionsField;
    // `auth` needed: never mode 'none'.
    const mode: 'query' | 'header' | 'subprotocol' | 'message' = ctx.profile.auth.mode;
    // @ts-expect-error appPing is not in needs: it may be absent
    const pongMs: number = ctx.profile.appPing.budgetMs;
    // @ts-expect-error no 'toxiproxy' in needs: the chaos tools may be absent
    await ctx.chaos.proxyTarget();
    return pass({ budgetMs, field, mode, pongMs });
  },
});

export const chaosNeeded = defineScenario({
  id: 'acme/chaos-needed',
  title: 'Toxiproxy and keepalive are needed',
  needs: ['toxiproxy', 'keepalive'],
  // @ts-expect-error request is not in needs
  timeoutMs: (p) => p.keepalive.intervalMs + p.request.budgetMs,
  run: async (ctx) => {
    const proxy = await ctx.chaos.proxyTarget();
    const intervalMs: number = ctx.profile.keepalive.timeoutMs;
    // @ts-expect-error welcome is not in needs
    const welcomeMs: number = ctx.profile.welcome.budgetMs;
    // Checked by hand, an optional part is fine.
    const optionalMs = ctx.profile.welcome?.budgetMs ?? 0;
    return pass({ url: proxy.url, intervalMs, welcomeMs, optionalMs });
  },
});

export const clientNeeded = defineScenario({
  kind: 'client',
  id: 'acme/client-ping-needed',
  title: 'the client ping is needed',
  needs: ['ping', 'fatalCloseCodes'],
  timeoutMs: (policy) => policy.ping.intervalMs + policy.ping.timeoutMs,
  run: async (ctx) => {
    const intervalMs: number = ctx.policy.ping.intervalMs + ctx.profile.ping.intervalMs;
    // `fatalCloseCodes` needed: at least one code.
    const code: number = ctx.policy.fatalCloseCodes[0];
    // @ts-expect-error serverPing is not in needs: it may be null
    const serverMs: number = ctx.policy.serverPing.intervalMs;
    // @ts-expect-error serverPing is not in needs: it may be absent from the profile
    const profileServerMs: number = ctx.profile.serverPing.intervalMs;
    return pass({ intervalMs, code, serverMs, profileServerMs });
  },
});

export const nothingNeeded = defineScenario({
  kind: 'client',
  id: 'acme/client-nothing-needed',
  title: 'nothing is needed',
  needs: [],
  timeoutMs: 1000,
  run: async (ctx) => {
    // @ts-expect-error ping is not in needs: it may be null
    const pingMs: number = ctx.policy.ping.intervalMs;
    return pass({ pingMs });
  },
});

// @ts-expect-error a client scenario cannot need a backend profile part
defineScenario({ kind: 'client', id: 'acme/wrong-need', title: 'x', needs: ['welcome'], timeoutMs: 1, run: async () => pass() });

// Every kind goes into one registry without a cast; the kind tells them apart.
export const registry: readonly Scenario[] = [welcomeNeeded, chaosNeeded, clientNeeded, nothingNeeded];
export const backends: readonly BackendScenario[] = [welcomeNeeded, chaosNeeded];
export const clients: readonly ClientScenario[] = [clientNeeded, nothingNeeded];
// @ts-expect-error a client scenario is not a backend one
export const mixed: readonly BackendScenario[] = [welcomeNeeded, clientNeeded];
