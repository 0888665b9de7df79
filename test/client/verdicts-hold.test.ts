/**
 * Client verdicts that hold (issue 8 items 4 and 10): a client that never dials fails with
 * CLIENT_NEVER_CONNECTED instead of passing, and an enactor whose handler throws makes the
 * scenario `errored` with the cause instead of letting the scenario judge a silent server.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBackendEnactor, type BackendEnactor } from '../../mock-backend/client-enactor.js';
import type { ClientEnactor } from '../../harness/client/enactors/enactor.js';
import { guardHandler } from '../../harness/client/enactors/recorder.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';
import { runClientScenario } from '../../harness/client/run-client-scenario.js';
import { defineClientUnderTest } from '../../harness/client/subject.js';
import { referenceNodeClient } from '../../harness/client/subjects/reference-node.js';
import type { ScenarioResult } from '../../harness/results.js';
import { getClientScenario } from '../../scenarios/client/index.js';

const profile = referenceClientProfile();
// A client that never dials has no timing to judge: only how long each watch waits for an open
// depends on the scale (and on fixed slack that stays), so a quarter of the reference 0.04 saves
// about 6 s a run (client/flap-bounded: 23 s -> 17.5 s).
const neverDialsProfile = referenceClientProfile({ timeScale: 0.01 });
const explain = (r: ScenarioResult): string => `${r.id}: ${r.status} ${r.diagnosis?.code ?? ''} ${r.diagnosis?.summary ?? ''} ${r.reason ?? ''}`;
const webSocket = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function' ? 'global' : 'ws';

describe('against the reference backend enactor', () => {
  let enactor: BackendEnactor;
  beforeAll(async () => {
    enactor = await startBackendEnactor(profile);
  });
  afterAll(async () => {
    await enactor?.close();
  });

  // A client that starts fine and never opens a WebSocket (a page with none, a typo in its URL).
  const silent = () => defineClientUnderTest({ label: 'never dials', runtime: 'node', start: async () => undefined, stop: async () => undefined });

  test.each(['client/reconnect-limit', 'client/backoff', 'client/flap-bounded'])('a client that never dials fails %s with CLIENT_NEVER_CONNECTED', async (id) => {
    const r = await runClientScenario(getClientScenario(id)!, { profile: neverDialsProfile, enactor, client: silent });
    expect(r.status, explain(r)).toBe('failed');
    expect(r.diagnosis?.code, explain(r)).toBe('CLIENT_NEVER_CONNECTED');
    expect(r.diagnosis?.summary).toMatch(/^no WebSocket .* was opened within \d+(\.\d+)? ms/);
    expect(r.observations.attempts).toBe(0);
  });

  test('a client that never dials fails a scenario that waits for an open with CLIENT_NEVER_CONNECTED, not a harness error', async () => {
    const r = await runClientScenario(getClientScenario('client/answers-server-ping')!, { profile: neverDialsProfile, enactor, client: silent });
    expect(r.status, explain(r)).toBe('failed');
    expect(r.diagnosis?.code, explain(r)).toBe('CLIENT_NEVER_CONNECTED');
  });

  test('an enactor whose connection handler throws makes the scenario errored with the cause, never a pass', async () => {
    // The backend plays the fault, but a handler of the enactor throws on every attempt (as
    // msw's does with two copies installed: "handler[kConnect] is not a function").
    const throwing = guardHandler(enactor.recorder, 'test connection handler', () => {
      throw new TypeError('handler[kConnect] is not a function');
    });
    let seen = 0;
    const off = enactor.recorder.onChange(() => {
      const n = enactor.recorder.attempts().length;
      if (n > seen) {
        seen = n;
        void throwing();
      }
    });
    const broken: ClientEnactor = { ...enactor, recorder: enactor.recorder, play: (p) => enactor.play(p), endSessions: () => enactor.endSessions(), close: async () => undefined };
    try {
      // The correct client passes this scenario when the enactor works.
      const r = await runClientScenario(getClientScenario('client/reconnect-limit')!, {
        profile,
        enactor: broken,
        client: ({ dialUrl }) => referenceNodeClient(profile, { mode: 'correct', url: dialUrl!, webSocket }),
      });
      expect(r.status, explain(r)).toBe('errored');
      expect(r.reason).toContain('the enactor (backend) failed: test connection handler: handler[kConnect] is not a function');
      expect(r.diagnosis?.code).toBe('SCENARIO_ERROR');
    } finally {
      off();
    }
  });
});
