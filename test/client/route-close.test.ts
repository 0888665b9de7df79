/**
 * The route enactor in Chromium (issue 10 item 7, issue 8 item 4): a page that closes its own
 * socket gets its `close` event (the enactor completes the close it took over with onClose),
 * so a page that reconnects from onclose does; and a page that opens no WebSocket fails a
 * client scenario with CLIENT_NEVER_CONNECTED instead of passing it.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../../harness/client/browser.js';
import { installRouteEnactor, type RouteEnactor } from '../../harness/client/enactors/route.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';
import { runClientScenario } from '../../harness/client/run-client-scenario.js';
import { defineClientUnderTest } from '../../harness/client/subject.js';
import { getClientScenario } from '../../scenarios/client/index.js';

const WS_URL = 'ws://route-close.ws-chaos.test/ws';
const PAGE = { url: 'data:text/html,<p>route-close</p>', wsPattern: 'ws://route-close.ws-chaos.test/**', scheduleGlobal: '__wsChaosSchedule' };
const profile = referenceClientProfile({ page: PAGE });
// A page that never dials has no timing to judge: only how long each watch waits for an open
// depends on the scale (and on fixed slack that stays), so a quarter of the reference 0.04 saves
// about 5 s (23 s -> 18 s).
const neverDialsProfile = referenceClientProfile({ page: PAGE, timeScale: 0.01 });
const SETTLE_BOUND_MS = 5000;

let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let enactor: RouteEnactor;
beforeAll(async () => {
  browser = (await launchChromium()).browser;
  context = await browser.newContext();
  page = await context.newPage();
  enactor = await installRouteEnactor(page, profile);
});
afterAll(async () => {
  await enactor?.close();
  await context?.close();
  await browser?.close();
});

test('a page that closes its own socket gets close, and reconnects from onclose', async () => {
  enactor.recorder.reset();
  enactor.play({});
  await page.evaluate((url) => {
    const w = globalThis as unknown as { closes: number[]; opens: number };
    w.closes = [];
    w.opens = 0;
    const dial = (): void => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        w.opens++;
        if (w.opens === 1) ws.close(4000, 'page closes');
      };
      ws.onclose = (ev) => {
        w.closes.push(ev.code);
        if (w.closes.length === 1) dial();
      };
    };
    dial();
  }, WS_URL);
  await page.waitForFunction(() => (globalThis as unknown as { opens: number }).opens >= 2, undefined, { timeout: SETTLE_BOUND_MS });
  const closes = await page.evaluate(() => (globalThis as unknown as { closes: number[] }).closes);
  expect(closes).toEqual([4000]);
  const attempts = enactor.recorder.timelines();
  expect(attempts).toHaveLength(2);
  expect(attempts[0]!.events.find((e) => e.kind === 'close')).toMatchObject({ code: 4000, by: 'client' });
  await page.goto('about:blank');
});

test('a page that opens no WebSocket fails client/flap-bounded with CLIENT_NEVER_CONNECTED', async () => {
  const client = defineClientUnderTest({
    label: 'page without a WebSocket',
    runtime: 'browser',
    start: async () => void (await page.setContent('<p>no socket here</p>')),
    stop: async () => void (await page.goto('about:blank')),
  });
  const r = await runClientScenario(getClientScenario('client/flap-bounded')!, { profile: neverDialsProfile, enactor, client });
  expect(r.status, `${r.status} ${r.diagnosis?.summary}`).toBe('failed');
  expect(r.diagnosis?.code).toBe('CLIENT_NEVER_CONNECTED');
  expect(r.diagnosis?.summary).toContain('matching client.page.wsPattern ws://route-close.ws-chaos.test/**');
});
