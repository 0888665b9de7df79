/**
 * The client detection matrix: every buggy mode of the reference client is caught by the
 * right client scenario with the right diagnosis code, and the correct client passes every
 * client scenario — in Node (the reference backend as the server, the `ws` package or the
 * global WebSocket as the client's socket) and in Chromium (the reference page, its sockets
 * played by Playwright's routeWebSocket). Timings are the incident 002 policy at timeScale
 * 0.05; backoff is judged on the delays the client scheduled.
 *
 * This file: the rows in Node, and that the rows cover every mode and scenario; the Chromium half
 * is detection-matrix-browser.test.ts (the rows are in detection-matrix-rows.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLIENT_MODES, type ClientMode } from '../../client/reference-client.js';
import { startBackendEnactor, type BackendEnactor } from '../../mock-backend/client-enactor.js';
import type { ClientProfile } from '../../harness/client/profile.js';
import { runClientScenario } from '../../harness/client/run-client-scenario.js';
import { referenceNodeClient } from '../../harness/client/subjects/reference-node.js';
import { CLIENT_SCENARIOS, getClientScenario } from '../../scenarios/client/index.js';
import { CLIENT_MATRIX, STATED_SCHEDULES, explain, profile, profileOf, scheduleProfile } from './detection-matrix-rows.js';

test('every buggy mode has a row, and every client scenario catches one', () => {
  expect(new Set(CLIENT_MATRIX.map((r) => r.mode))).toEqual(new Set(CLIENT_MODES.filter((m) => m !== 'correct')));
  expect(new Set(CLIENT_MATRIX.map((r) => r.scenario))).toEqual(new Set(CLIENT_SCENARIOS.map((s) => s.id)));
});

// Concurrent (vitest runs maxConcurrency, 3, at once): each row only waits on scaled timers, and
// has a reference backend enactor of its own from a pool (a recorder sees one client's attempts).
describe.concurrent('node: the reference client against the reference backend', () => {
  const POOL_SIZE = 3;
  const free: BackendEnactor[] = [];
  const all: BackendEnactor[] = [];
  const waiting: Array<(e: BackendEnactor) => void> = [];
  const webSocket = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function' ? 'global' : 'ws';
  beforeAll(async () => {
    all.push(...(await Promise.all(Array.from({ length: POOL_SIZE }, () => startBackendEnactor(profile)))));
    free.push(...all);
  });
  afterAll(async () => {
    await Promise.all(all.map((e) => e.close()));
  });
  const acquire = (): Promise<BackendEnactor> => {
    const e = free.pop();
    return e ? Promise.resolve(e) : new Promise((r) => waiting.push(r));
  };
  const release = (e: BackendEnactor): void => {
    const next = waiting.shift();
    if (next) next(e);
    else free.push(e);
  };
  const run = async (id: string, mode: ClientMode, p: ClientProfile = profile) => {
    const enactor = await acquire();
    try {
      return await runClientScenario(getClientScenario(id)!, { profile: p, enactor, client: ({ dialUrl }) => referenceNodeClient(p, { mode, url: dialUrl!, webSocket }) });
    } finally {
      release(enactor);
    }
  };

  test.each(CLIENT_SCENARIOS.map((s) => s.id))('correct client passes %s', async (id) => {
    const r = await run(id, 'correct');
    expect(r.status, explain(r)).toBe('passed');
  });
  test.each(CLIENT_MATRIX)('$mode is caught by $scenario as $code ($profile.name)', async (row) => {
    const r = await run(row.scenario, row.mode, profileOf(row));
    expect(r.status, explain(r)).toBe('failed');
    expect(r.diagnosis?.code, explain(r)).toBe(row.code);
    if (row.says) expect(r.diagnosis?.summary, explain(r)).toMatch(row.says);
  });
  test.each(STATED_SCHEDULES)('the correct client with a stated schedule ($name) passes client/backoff', async ({ backoff }) => {
    const r = await run('client/backoff', 'correct', scheduleProfile(backoff));
    expect(r.status, explain(r)).toBe('passed');
  });
});
