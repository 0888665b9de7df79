/**
 * The client detection matrix: every buggy mode of the reference client is caught by the
 * right client scenario with the right diagnosis code, and the correct client passes every
 * client scenario — in Node (the reference backend as the server, the `ws` package or the
 * global WebSocket as the client's socket) and in Chromium (the reference page, its sockets
 * played by Playwright's routeWebSocket). Timings are the incident 002 policy at timeScale
 * 0.05; backoff is judged on the delays the client scheduled.
 *
 * This file: the rows in Chromium; the Node half and the completeness check are
 * detection-matrix.test.ts (the rows are in detection-matrix-rows.ts).
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ClientMode } from '../../client/reference-client.js';
import { launchChromium } from '../../harness/client/browser.js';
import { installRouteEnactor, type RouteEnactor } from '../../harness/client/enactors/route.js';
import { startPageServer, type PageServer } from '../../harness/client/page-server.js';
import type { ClientProfile } from '../../harness/client/profile.js';
import { runClientScenario } from '../../harness/client/run-client-scenario.js';
import { pageClient } from '../../harness/client/subjects/page.js';
import { REFERENCE_PAGE_WS_PATTERN, withReferencePage } from '../../harness/client/subjects/reference-page.js';
import type { ScenarioResult } from '../../harness/results.js';
import { CLIENT_SCENARIOS, getClientScenario } from '../../scenarios/client/index.js';
import { CLIENT_MATRIX, STATED_SCHEDULES, explain, profile, profileOf, scheduleProfile } from './detection-matrix-rows.js';

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
  const run = async (id: string, mode: ClientMode, base: ClientProfile = profile): Promise<ScenarioResult> => {
    const p = withReferencePage(base, pages!.url, mode);
    return runClientScenario(getClientScenario(id)!, { profile: p, enactor, client: pageClient(page, p, `reference page (${mode})`) });
  };

  test.each(CLIENT_SCENARIOS.map((s) => s.id))('correct page passes %s', async (id) => {
    const r = await run(id, 'correct');
    expect(r.status, explain(r)).toBe('passed');
    expect(r.observations.runtime).toBe('browser');
  });
  test.each(CLIENT_MATRIX)('$mode page is caught by $scenario as $code ($profile.name)', async (row) => {
    const r = await run(row.scenario, row.mode, profileOf(row));
    expect(r.status, explain(r)).toBe('failed');
    expect(r.diagnosis?.code, explain(r)).toBe(row.code);
    if (row.says) expect(r.diagnosis?.summary, explain(r)).toMatch(row.says);
  });
  test.each(STATED_SCHEDULES)('the correct page with a stated schedule ($name) passes client/backoff', async ({ backoff }) => {
    const r = await run('client/backoff', 'correct', scheduleProfile(backoff));
    expect(r.status, explain(r)).toBe('passed');
    expect(r.observations.source).toBe('scheduled');
  });
});
