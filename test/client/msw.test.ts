/**
 * ws-chaos/msw in a vitest suite, on this Node. msw intercepts only the global WebSocket,
 * which Node 20 does not have: without one the helper refuses loudly (an errored result that
 * names the fix); with installWebSocketGlobal() (the `ws` package as the global) msw wraps it
 * and the client scenarios run. The `ws` package used directly is not intercepted. The suite
 * sets msw up with useChaosLink(), as docs/clients.md shows a user's suite doing.
 */
import WS from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ClientMode } from '../../client/reference-client.js';
import { createChaosLink, mswWebSocketProblem, runClientScenario, useChaosLink, type MswEnactor } from '../../harness/client/msw.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';
import { referenceNodeClient } from '../../harness/client/subjects/reference-node.js';
import type { ScenarioResult } from '../../harness/results.js';
import { CLIENT_SCENARIOS, getClientScenario } from '../../scenarios/client/index.js';

const URL = 'wss://api.ws-chaos.test/ws';
const profile = referenceClientProfile({ url: URL });
const explain = (r: ScenarioResult): string => `${r.id}: ${r.status} ${r.diagnosis?.code ?? ''} ${r.diagnosis?.summary ?? ''} ${r.reason ?? ''}`;
const client = (mode: ClientMode) => () => referenceNodeClient(profile, { mode, url: URL, webSocket: 'global' });
const run = (chaos: MswEnactor, id: string, mode: ClientMode): Promise<ScenarioResult> => runClientScenario(getClientScenario(id)!, { profile, enactor: chaos, client: client(mode) });

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

describe('with useChaosLink() (the ws package as the global on Node 20)', () => {
  const link = useChaosLink({ url: URL, profile, hooks: { beforeAll, afterEach, afterAll } });
  const chaos = link.enactor;

  test('the hooks started msw before the suite, with a global WebSocket to wrap', () => {
    expect(link.server).toBeDefined();
    expect(mswWebSocketProblem()).toBeUndefined();
  });

  test.each(CLIENT_SCENARIOS.map((s) => s.id))('the correct client passes %s', async (id) => {
    const r = await link.run(getClientScenario(id)!, client('correct'));
    expect(r.status, explain(r)).toBe('passed');
    expect(r.observations.enactor).toBe('msw');
  });

  test.each([
    { mode: 'reset-on-open', id: 'client/flap-bounded', code: 'RECONNECT_UNBOUNDED' },
    { mode: 'retry-on-fatal', id: 'client/fatal-close-no-retry', code: 'RETRY_ON_FATAL_CLOSE' },
    { mode: 'no-pong-timeout', id: 'client/detects-dead-server', code: 'DEAD_SERVER_NOT_DETECTED' },
  ] as const)('$mode is caught by $id', async ({ mode, id, code }) => {
    const r = await link.run(getClientScenario(id)!, client(mode));
    expect(r.diagnosis?.code, explain(r)).toBe(code);
  });

  test('after each test the link is healthy again, whatever a test played', () => {
    chaos.play({ faults: ['missing-services'] });
    chaos.recorder.begin(URL);
    expect(chaos.recorder.attempts()).toHaveLength(1);
  });
  test('...so the next test starts from no attempts and a healthy server', async () => {
    expect(chaos.recorder.attempts()).toHaveLength(0);
    const r = await link.run(getClientScenario('client/fatal-close-no-retry')!, client('correct'));
    expect(r.status, explain(r)).toBe('passed');
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

describe('useChaosLink() cleaned up after its suite', () => {
  test('the global WebSocket it installed on Node 20 is gone again; Node 22+ keeps its own', () => {
    const native = Number(process.versions.node.split('.')[0]) >= 22;
    expect(typeof (globalThis as { WebSocket?: unknown }).WebSocket).toBe(native ? 'function' : 'undefined');
  });
});
