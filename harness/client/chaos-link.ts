/**
 * `useChaosLink()` (exported by `ws-chaos/msw`): the set-up and tear-down of an msw chaos link
 * in one call. It makes a WebSocket global where there is none (Node 20), starts msw's
 * `setupServer` with the link's handler before the suite, after each test ends the mocked
 * sessions still live and plays the suite's faults again (healthy by default), and closes
 * everything after the suite. Pass your runner's hooks (vitest's, jest's) to have it register
 * them, or call `start()` / `stop()` yourself.
 */
import { setupServer, type SetupServer } from 'msw/node';
import type { ScenarioResult } from '../results.js';
import type { ServerPlan } from './enactors/enactor.js';
import { createChaosLink, installWebSocketGlobal, type MswEnactor } from './msw-link.js';
import type { ClientProfile, ClientProfileInput } from './profile.js';
import { runClientScenario, type ClientFactory } from './run-client-scenario.js';
import type { ClientScenario } from './scenario.js';
import type { ClientUnderTest } from './subject.js';

type Hook = (fn: () => unknown) => void;

export interface ChaosLinkOptions {
  /** What the link intercepts: a URL, a path pattern or a RegExp, as msw's ws.link takes. */
  url: string | RegExp;
  profile: ClientProfile | ClientProfileInput;
  /** Catalogue faults played from the start and again after each test; default: a healthy server. */
  faults?: ServerPlan['faults'];
  /** Your runner's hooks (`import { beforeAll, afterEach, afterAll } from 'vitest'`): registered for you. */
  hooks?: { beforeAll: Hook; afterEach: Hook; afterAll: Hook };
  /** Make the `ws` package's WebSocket the global where there is none (Node 20); default true. */
  installGlobal?: boolean;
  /** msw's answer to a request no handler takes; default 'error'. */
  onUnhandledRequest?: 'error' | 'warn' | 'bypass';
}

export interface ChaosLink {
  /** The enactor: `play()`, `recorder.timelines()`, and what runClientScenario takes. */
  readonly enactor: MswEnactor;
  /** msw's server, once started (for `server.use(...)` of your own handlers). */
  readonly server: SetupServer | undefined;
  /** Start intercepting (idempotent); registered as beforeAll when hooks are given. */
  start(): void;
  /** End the live mocked sessions and play the suite's faults again; registered as afterEach. */
  reset(): void;
  /** Stop intercepting and release everything (idempotent); registered as afterAll. */
  stop(): Promise<void>;
  /** Run one client scenario against this link. */
  run(scenario: ClientScenario, client: ClientUnderTest | ClientFactory): Promise<ScenarioResult>;
}

export function useChaosLink(o: ChaosLinkOptions): ChaosLink {
  const enactor = createChaosLink(o.url, o.profile);
  const faults = o.faults ?? [];
  enactor.play({ faults });
  let server: SetupServer | undefined;
  let restoreGlobal: () => void = () => undefined;
  let stopping: Promise<void> | undefined;

  const link: ChaosLink = {
    enactor,
    get server() {
      return server;
    },
    start(): void {
      if (server) return;
      if (o.installGlobal !== false) restoreGlobal = installWebSocketGlobal().restore;
      const started = setupServer(enactor.handler);
      started.listen({ onUnhandledRequest: o.onUnhandledRequest ?? 'error' });
      server = started;
    },
    reset(): void {
      enactor.endSessions();
      enactor.recorder.reset();
      server?.resetHandlers();
      enactor.play({ faults });
    },
    stop: () =>
      (stopping ??= (async () => {
        server?.close();
        await enactor.close();
        restoreGlobal();
      })()),
    run: (scenario, client) => runClientScenario(scenario, { profile: enactor.profile, enactor, client }),
  };
  if (o.hooks) {
    o.hooks.beforeAll(() => link.start());
    o.hooks.afterEach(() => link.reset());
    o.hooks.afterAll(() => link.stop());
  }
  return link;
}
