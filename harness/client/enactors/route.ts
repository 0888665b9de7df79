/**
 * Playwright's page.routeWebSocket as an enactor: the page's sockets whose URL matches the
 * pattern never reach a network; each one is played by a mocked session of the catalogue's
 * behaviour (close 1011 at once, accept then close, never welcome, stop answering pings, be
 * down for N ms...), without changing the page. Install it before the page loads.
 *
 * A refused handshake is delivered as close 1006 before open (a routed socket cannot answer
 * with an HTTP status, and gets no `error` event); Chromium's handshake throttle does not
 * apply to routed sockets, since no handshake happens.
 */
import type { BrowserContext, Page, WebSocketRoute } from '@playwright/test';
import { ConfigError } from '../../errors.js';
import { scaledPolicy } from '../policy.js';
import type { ClientProfile } from '../profile.js';
import type { ClientEnactor, PlayedPlan, ServerPlan } from './enactor.js';
import { startMockSession } from './mock-session.js';
import { AttemptRecorder, guardHandler } from './recorder.js';
import { PlanState } from './plan-state.js';

export interface RouteEnactor extends ClientEnactor {
  readonly kind: 'route';
  readonly pattern: string | RegExp;
}

/** A profile's wsPattern: "/regex/flags" becomes a RegExp, anything else is a Playwright URL glob. */
export function parseWsPattern(text: string): string | RegExp {
  const m = /^\/(.+)\/([dgimsuy]*)$/.exec(text);
  if (!m) return text;
  try {
    return new RegExp(m[1]!, m[2]);
  } catch (e) {
    throw new ConfigError('WSC_ERR_PROFILE', `client.page.wsPattern ${text} is not a valid regular expression: ${(e as Error).message}.`);
  }
}

/**
 * Open the page's socket now and wait until the page has seen the open, so a fault timed
 * "N ms after open" counts from the page's open, not from when the route was called (the
 * first message to a page can take tens of ms). This is what Playwright itself runs right
 * after the handler (WebSocketRoute._afterHandle, idempotent); without it the fault would
 * fire early by that latency, so when a Playwright version lacks it we fall back to open
 * on return, and say so in the timeline.
 */
async function deliverOpen(route: WebSocketRoute): Promise<boolean> {
  const afterHandle = (route as unknown as { _afterHandle?: () => Promise<void> })._afterHandle;
  if (typeof afterHandle !== 'function') return false;
  await afterHandle.call(route).catch(() => undefined);
  return true;
}

export async function installRouteEnactor(target: Page | BrowserContext, profile: ClientProfile, pattern?: string | RegExp): Promise<RouteEnactor> {
  const wsPattern = pattern ?? (profile.page ? parseWsPattern(profile.page.wsPattern) : undefined);
  if (wsPattern === undefined) throw new ConfigError('WSC_ERR_PROFILE', 'the route enactor needs client.page.wsPattern (which WebSocket URLs to intercept).');
  const policy = scaledPolicy(profile);
  const recorder = new AttemptRecorder();
  const state = new PlanState('route', 'Playwright routeWebSocket');

  const handler = async (route: WebSocketRoute): Promise<void> => {
    const log = recorder.begin(route.url());
    if (state.closed) {
      log.note('enactor closed: connection refused');
      await route.close({ code: 1006 });
      return;
    }
    const session = startMockSession(
      {
        open: async () => {
          if (!(await deliverOpen(route))) log.note('this Playwright cannot confirm the page\'s open: timed faults may fire early by the page latency');
        },
        send: (text) => route.send(text),
        close: (code, reason) => route.close({ code, reason }).catch(() => undefined),
        refuse: () => route.close({ code: 1006 }).catch(() => undefined),
      },
      { behaviour: state.behaviour, activatedAt: state.activatedAt, log, messages: profile.messages, serverPing: policy.serverPing },
    );
    state.sessions.add(session);
    route.onMessage((message) => session.onClientMessage(typeof message === 'string' ? message : message.toString('utf8')));
    route.onClose((code, reason) => {
      session.onClientClose(code ?? 1005, reason ?? '');
      state.sessions.delete(session);
      // With an onClose handler Playwright no longer completes the page's close by itself
      // (WebSocketRoute.onClose): without this the page's socket never fires `close`.
      void route.close({ code, reason }).catch(() => undefined);
    });
    // A refusal must reach the page before the handler returns (Playwright opens the socket after it).
    await session.ready;
  };
  await target.routeWebSocket(wsPattern, guardHandler(recorder, 'Playwright routeWebSocket handler', handler));

  let closing: Promise<void> | undefined;
  return {
    kind: 'route',
    dialUrl: undefined,
    pattern: wsPattern,
    recorder,
    play: (plan: ServerPlan): PlayedPlan => state.play(plan),
    endSessions: () => state.endSessions(),
    close: () =>
      (closing ??= (async () => {
        state.close();
        // The route stays installed until its page or context closes (Playwright has no
        // unrouteWebSocket); from now on it refuses every new socket.
      })()),
  };
}
