/**
 * The client detection matrix: every buggy mode of the reference client is caught by the
 * right client scenario with the right diagnosis code, and the correct client passes every
 * client scenario — in Node (the reference backend as the server, the `ws` package or the
 * global WebSocket as the client's socket) and in Chromium (the reference page, its sockets
 * played by Playwright's routeWebSocket). Timings are the incident 002 policy at timeScale
 * 0.05; backoff is judged on the delays the client scheduled.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLIENT_MODES, type ClientMode } from '../../client/reference-client.js';
import type { DiagnosisCode } from '../../harness/diagnose/codes.js';
import { launchChromium } from '../../harness/client/browser.js';
import { startBackendEnactor, type BackendEnactor } from '../../mock-backend/client-enactor.js';
import { installRouteEnactor, type RouteEnactor } from '../../harness/client/enactors/route.js';
import { startPageServer, type PageServer } from '../../harness/client/page-server.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';
import { runClientScenario } from '../../harness/client/run-client-scenario.js';
import { pageClient } from '../../harness/client/subjects/page.js';
import { referenceNodeClient } from '../../harness/client/subjects/reference-node.js';
import { REFERENCE_PAGE_WS_PATTERN, withReferencePage } from '../../harness/client/subjects/reference-page.js';
import type { ScenarioResult } from '../../harness/results.js';
import { CLIENT_SCENARIOS, getClientScenario } from '../../scenarios/client/index.js';

interface Row {
  mode: Exclude<ClientMode, 'correct'>;
  scenario: string;
  code: DiagnosisCode;
}

export const CLIENT_MATRIX: Row[] = [
  { mode: 'no-max-retries', scenario: 'client/reconnect-limit', code: 'RECONNECT_UNBOUNDED' },
  { mode: 'no-backoff-cap', scenario: 'client/backoff', code: 'BACKOFF_VIOLATION' },
  { mode: 'reset-on-open', scenario: 'client/flap-bounded', code: 'RECONNECT_UNBOUNDED' },
  { mode: 'retry-on-fatal', scenario: 'client/fatal-close-no-retry', code: 'RETRY_ON_FATAL_CLOSE' },
  { mode: 'ignore-server-ping', scenario: 'client/answers-server-ping', code: 'CLIENT_PONG_MISSING' },
  { mode: 'no-pong-timeout', scenario: 'client/detects-dead-server', code: 'DEAD_SERVER_NOT_DETECTED' },
  { mode: 'give-up-early', scenario: 'client/recovers-after-outage', code: 'NO_RECOVERY' },
];

const profile = referenceClientProfile();
const explain = (r: ScenarioResult): string =>
  `${r.id}: ${r.status} ${r.diagnosis ? `${r.diagnosis.code}: ${r.diagnosis.summary}` : ''} ${r.reason ?? ''}\nobservations: ${JSON.stringify(r.observations)}`;

test('every buggy mode has a row, and every client scenario catches one', () => {
  expect(new Set(CLIENT_MATRIX.map((r) => r.mode))).toEqual(new Set(CLIENT_MODES.filter((m) => m !== 'correct')));
  expect(new Set(CLIENT_MATRIX.map((r) => r.scenario))).toEqual(new Set(CLIENT_SCENARIOS.map((s) => s.id)));
});

describe('node: the reference client against the reference backend', () => {
  let enactor: BackendEnactor;
  const webSocket = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function' ? 'global' : 'ws';
  beforeAll(async () => {
    enactor = await startBackendEnactor(profile);
  });
  afterAll(async () => {
    await enactor?.close();
  });
  const run = (id: string, mode: ClientMode) =>
    runClientScenario(getClientScenario(id)!, { profile, enactor, client: ({ dialUrl }) => referenceNodeClient(profile, { mode, url: dialUrl!, webSocket }) });

  test.each(CLIENT_SCENARIOS.map((s) => s.id))('correct client passes %s', async (id) => {
    const r = await run(id, 'correct');
    expect(r.status, explain(r)).toBe('passed');
  });
  test.each(CLIENT_MATRIX)('$mode is caught by $scenario as $code', async ({ mode, scenario, code }) => {
    const r = await run(scenario, mode);
    expect(r.status, explain(r)).toBe('failed');
    expect(r.diagnosis?.code, explain(r)).toBe(code);
  });
});

describe('browser: the reference page in Chromium, its sockets routed', () => {
  let browser: Browser | undefined;
  let pages: PageServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let enactor: RouteEnactor;
  // One page and one route for the whole suite: each scenario reloads the page with its mode.
  beforeAll(async () => {
    pages = await startPageServer();
    browser = (await launchChromium()).browser;
    context = await browser.newContext();
    page = await context.newPage();
    enactor = await installRouteEnactor(page, profile, REFERENCE_PAGE_WS_PATTERN);
  });
  afterAll(async () => {
    await enactor?.close();
    await context?.close();
    await browser?.close();
    await pages?.close();
  });
  const run = async (id: string, mode: ClientMode): Promise<ScenarioResult> => {
    const p = withReferencePage(profile, pages!.url, mode);
    return runClientScenario(getClientScenario(id)!, { profile: p, enactor, client: pageClient(page, p, `reference page (${mode})`) });
  };

  test.each(CLIENT_SCENARIOS.map((s) => s.id))('correct page passes %s', async (id) => {
    const r = await run(id, 'correct');
    expect(r.status, explain(r)).toBe('passed');
    expect(r.observations.runtime).toBe('browser');
  });
  test.each(CLIENT_MATRIX)('$mode page is caught by $scenario as $code', async ({ mode, scenario, code }) => {
    const r = await run(scenario, mode);
    expect(r.status, explain(r)).toBe('failed');
    expect(r.diagnosis?.code, explain(r)).toBe(code);
  });
});
