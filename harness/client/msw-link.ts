/**
 * msw's `ws.link` as an enactor of the fault catalogue, for a client module in a vitest suite:
 * `createChaosLink(url, profile)` gives an msw handler to pass to `setupServer(...)` and an
 * enactor to hand to `runClientScenario(...)` (chaos-link.ts wraps both in `useChaosLink()`).
 *
 * msw intercepts only the global WHATWG `WebSocket` (browsers, jsdom, Node 22+): its
 * interceptor wraps `globalThis.WebSocket` when `server.listen()` runs and does nothing when
 * there is none. Node 20 has none, and msw does not intercept the `ws` package (it answers
 * the upgrade but never carries the frames). On Node 20 call `installWebSocketGlobal()`
 * before `server.listen()`: it makes the `ws` package's WebSocket the global, which msw then
 * wraps; intercepted connections are fully mocked, others pass through to `ws`. Your client
 * must construct `new WebSocket(url)` from the global at dial time.
 */
import { ws, type WebSocketHandler } from 'msw';
import WS from 'ws';
import { EnvironmentError } from '../errors.js';
import type { ClientEnactor, PlayedPlan, ServerPlan } from './enactors/enactor.js';
import { startMockSession } from './enactors/mock-session.js';
import { AttemptRecorder, guardHandler } from './enactors/recorder.js';
import { scaledPolicy } from './policy.js';
import { parseClientProfile, type ClientProfile, type ClientProfileInput } from './profile.js';
import { PlanState } from './enactors/plan-state.js';

export interface MswEnactor extends ClientEnactor {
  readonly kind: 'msw';
  /** Pass to msw's setupServer(...) (or server.use(...)). */
  readonly handler: WebSocketHandler;
  /** The parsed client profile the link plays to. */
  readonly profile: ClientProfile;
}

/** Why msw cannot intercept here, or undefined when a global WebSocket is there to wrap. */
export function mswWebSocketProblem(): string | undefined {
  if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function') return undefined;
  return (
    `there is no global WebSocket in Node ${process.versions.node}, and msw intercepts only globalThis.WebSocket: ` +
    "call installWebSocketGlobal() from 'ws-chaos/msw' before server.listen(), run Node 22+, or start Node 20 with --experimental-websocket"
  );
}

/** Throw an EnvironmentError (exit 3) explaining why msw cannot intercept WebSockets here. */
export function requireWebSocketGlobal(): void {
  const problem = mswWebSocketProblem();
  if (problem) throw new EnvironmentError('WSC_ERR_ENVIRONMENT', problem);
}

/**
 * Make a WHATWG-style WebSocket the global when there is none (Node 20): the `ws` package's,
 * unless you pass another. Configurable and writable, as msw's interceptor requires.
 * Returns what is global afterwards and whether this call installed it; `restore()` undoes it.
 */
export function installWebSocketGlobal(impl: unknown = WS): { installed: boolean; restore: () => void } {
  const g = globalThis as { WebSocket?: unknown };
  if (typeof g.WebSocket === 'function') return { installed: false, restore: () => undefined };
  Object.defineProperty(globalThis, 'WebSocket', { value: impl, configurable: true, writable: true, enumerable: false });
  return { installed: true, restore: () => void delete g.WebSocket };
}

/**
 * An msw ws.link that plays the fault catalogue on `url` (a URL, a path pattern or a RegExp,
 * as ws.link takes) and records each connection attempt.
 */
export function createChaosLink(url: string | RegExp, profileInput: ClientProfile | ClientProfileInput): MswEnactor {
  const profile = parseClientProfile(profileInput, process.env, 'passed to createChaosLink');
  const policy = scaledPolicy(profile);
  const recorder = new AttemptRecorder();
  const state = new PlanState('msw', 'msw ws.link');

  const link = ws.link(url);
  const onConnection = guardHandler(recorder, 'msw ws.link connection handler', ({ client }: Parameters<Parameters<typeof link.addEventListener>[1]>[0]) => {
    const log = recorder.begin(client.url.href);
    // The mocked WebSocket the client holds (WebSocketClientConnection.socket in @mswjs/interceptors).
    const socket = (client as unknown as { socket?: EventTarget }).socket;
    const refuse = (): void => {
      socket?.dispatchEvent(new Event('error'));
      client.close(1006, '');
    };
    if (state.closed) {
      log.note('enactor closed: connection refused');
      log.rejected(0);
      return refuse();
    }
    const opened = new Promise<void>((resolve) => {
      // msw opens the mocked socket once every connection listener has run.
      if (!socket) return resolve();
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('close', () => resolve(), { once: true });
    });
    const session = startMockSession(
      {
        open: () => opened,
        send: (text) => client.send(text),
        // msw delivers a sent message on a later task and drops it once the socket is closed:
        // close after it, so a message sent right before the close reaches the client first (as
        // over a wire).
        close: (code, reason) =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              client.close(code, reason);
              resolve();
            }, 0),
          ),
        refuse,
      },
      { behaviour: state.behaviour, activatedAt: state.activatedAt, log, messages: profile.messages, serverPing: policy.serverPing },
    );
    state.sessions.add(session);
    client.addEventListener('message', (event) => session.onClientMessage(typeof event.data === 'string' ? event.data : String(event.data)));
    client.addEventListener('close', (event) => {
      session.onClientClose(event.code, event.reason);
      state.sessions.delete(session);
    });
  });
  const handler = link.addEventListener('connection', (event) => void onConnection(event));

  let closing: Promise<void> | undefined;
  return {
    kind: 'msw',
    dialUrl: undefined,
    handler,
    profile,
    recorder,
    preflight: requireWebSocketGlobal,
    play: (plan: ServerPlan): PlayedPlan => state.play(plan),
    endSessions: () => state.endSessions(),
    close: () =>
      (closing ??= (async () => {
        state.close();
      })()),
  };
}
