/**
 * ws-chaos/msw in a vitest suite, on this Node. msw intercepts only the global WebSocket,
 * which Node 20 does not have: without one the helper refuses loudly (an errored result that
 * names the fix); with installWebSocketGlobal() (the `ws` package as the global) msw wraps it
 * and the client scenarios run. The `ws` package used directly is not intercepted.
 */
import { setupServer, type SetupServerApi } from 'msw/node';
import WS from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ClientMode } from '../../client/reference-client.js';
import { createChaosLink, getClientScenario, installWebSocketGlobal, mswWebSocketProblem, runClientScenario, type MswEnactor } from '../../harness/client/msw.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';
import { referenceNodeClient } from '../../harness/client/subjects/reference-node.js';
import type { ScenarioResult } from '../../harness/results.js';
import { CLIENT_SCENARIOS } from '../../scenarios/client/index.js';

const URL = 'wss://api.ws-chaos.test/ws';
const profile = referenceClientProfile({ url: URL });
const explain = (r: ScenarioResult): string => `${r.id}: ${r.status} ${r.diagnosis?.code ?? ''} ${r.diagnosis?.summary ?? ''} ${r.reason ?? ''}`;
const run = (chaos: MswEnactor, id: string, mode: ClientMode): Promise<ScenarioResult> =>
  runClientScenario(getClientScenario(id)!, { profile, enactor: chaos, client: () => referenceNodeClient(profile, { mode, url: URL, webSocket: 'global' }) });

describe('without a global WebSocket', () => {
  test('a scenario through msw errors with the reason and the fix, instead of passing or skipping', async () => {
    // Node 22+ has a global WebSocket: take it away for this test, to check the Node 20 path everywhere.
    const native = Object.getOwnPropertyDescriptor(globalThis, 'WebSocket');
    if (native) delete (globalThis as { WebSocket?: unknown }).WebSocket;
    const chaos = createChaosLink(URL, profile);
    try {
      expect(mswWebSocketProblem()).toContain('there is no global WebSocket');
      const r = await run(chaos, 'client/reconnect-limit', 'correct');
      expect(r.status).toBe('errored');
      expect(r.reason).toContain('msw intercepts only globalThis.WebSocket');
      expect(r.reason).toContain('installWebSocketGlobal()');
      expect(r.timelines).toEqual([]);
    } finally {
      await chaos.close();
      if (native) Object.defineProperty(globalThis, 'WebSocket', native);
    }
  });
});

describe('with installWebSocketGlobal() (the ws package as the global on Node 20)', () => {
  let chaos: MswEnactor;
  let server: SetupServerApi;
  let restore: () => void = () => undefined;
  beforeAll(() => {
    restore = installWebSocketGlobal().restore;
    chaos = createChaosLink(URL, profile);
    server = setupServer(chaos.handler) as SetupServerApi;
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(async () => {
    server?.close();
    await chaos?.close();
    restore();
  });

  test.each(CLIENT_SCENARIOS.map((s) => s.id))('the correct client passes %s', async (id) => {
    const r = await run(chaos, id, 'correct');
    expect(r.status, explain(r)).toBe('passed');
    expect(r.observations.enactor).toBe('msw');
  });

  test.each([
    { mode: 'reset-on-open', id: 'client/flap-bounded', code: 'RECONNECT_UNBOUNDED' },
    { mode: 'retry-on-fatal', id: 'client/fatal-close-no-retry', code: 'RETRY_ON_FATAL_CLOSE' },
    { mode: 'no-pong-timeout', id: 'client/detects-dead-server', code: 'DEAD_SERVER_NOT_DETECTED' },
  ] as const)('$mode is caught by $id', async ({ mode, id, code }) => {
    const r = await run(chaos, id, mode);
    expect(r.diagnosis?.code, explain(r)).toBe(code);
  });

  test('the ws package used directly is not intercepted: msw answers its upgrade, but no frame reaches it', async () => {
    chaos.recorder.reset();
    chaos.play({});
    const client = new WS(URL);
    const got: string[] = [];
    client.on('message', (d: Buffer) => got.push(d.toString()));
    client.on('error', () => undefined);
    try {
      const opened = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), 2000);
        client.once('open', () => (clearTimeout(t), resolve(true)));
        client.once('close', () => (clearTimeout(t), resolve(false)));
      });
      await new Promise((r) => setTimeout(r, 200));
      // What the link saw is msw's own stand-in socket, and its welcome never reaches the ws client.
      expect({ opened, welcomed: got.length > 0 }).toEqual({ opened: true, welcomed: false });
    } finally {
      client.terminate();
      chaos.endSessions();
    }
  });
});
