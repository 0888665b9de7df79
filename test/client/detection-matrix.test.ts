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
import type { ClientProfile, ClientProfileInput } from '../../harness/client/profile.js';
import { REFERENCE_CLIENT_PROFILE_INPUT, referenceClientProfile } from '../../harness/client/reference-profile.js';
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
  /** What the profile claims instead of the reference profile (a silent part is judged against the recommended policy). */
  profile?: { name: string; reconnect?: ClientProfileInput['reconnect']; ping?: ClientProfileInput['ping'] };
  /** Text the summary must carry. */
  says?: RegExp;
}

const REF_RECONNECT = REFERENCE_CLIENT_PROFILE_INPUT.reconnect!;
/** The reference reconnect policy without `part`: the profile says nothing about it. */
const silentOn = (part: 'maxRetries' | 'fatalCloseCodes' | 'resumeEveryMs'): ClientProfileInput['reconnect'] => {
  const r = { ...REF_RECONNECT };
  delete r[part];
  return r;
};
const RECOMMENDED = /judged against the recommended policy/;

export const CLIENT_MATRIX: Row[] = [
  { mode: 'no-max-retries', scenario: 'client/reconnect-limit', code: 'RECONNECT_UNBOUNDED' },
  { mode: 'no-backoff-cap', scenario: 'client/backoff', code: 'BACKOFF_VIOLATION' },
  {
    mode: 'reset-on-open',
    scenario: 'client/flap-bounded',
    code: 'RECONNECT_UNBOUNDED',
    says: /^unbounded on 1005 .*, 1006 .*, 1011 .*, 1000 [^;]*; bounded on refused handshake .*the counter resets on every open/,
  },
  {
    mode: 'unbounded-on-1011',
    scenario: 'client/flap-bounded',
    code: 'RECONNECT_UNBOUNDED',
    says: /^unbounded on 1011 \(close after the welcome\) .*; bounded on 1005 .*, 1006 .*, 1000 .*, refused handshake .*the counter did not reset: the client never stops/,
  },
  { mode: 'final-on-1001', scenario: 'client/reconnects-after-restart', code: 'NO_RECOVERY', says: /^after the server's 1001 close .* the client never dialled again .*reload the page; after 1012 it reconnected$/ },
  { mode: 'retry-on-fatal', scenario: 'client/fatal-close-no-retry', code: 'RETRY_ON_FATAL_CLOSE' },
  { mode: 'ignore-server-ping', scenario: 'client/answers-server-ping', code: 'CLIENT_PONG_MISSING' },
  { mode: 'no-pong-timeout', scenario: 'client/detects-dead-server', code: 'DEAD_SERVER_NOT_DETECTED' },
  { mode: 'give-up-early', scenario: 'client/recovers-after-outage', code: 'NO_RECOVERY' },
  // Item 3: an outage longer than the retry window; giving up for good needs a page reload.
  { mode: 'gives-up-for-good', scenario: 'client/recovers-after-long-outage', code: 'NO_RECOVERY', says: /^the client gave up for good during the long outage: it made 5 attempt\(s\) over .*reload the page$/ },
  { mode: 'gives-up-for-good', scenario: 'client/recovers-after-long-outage', code: 'NO_RECOVERY', profile: { name: 'claims no resume', reconnect: silentOn('resumeEveryMs') }, says: /reload the page; judged against the recommended policy \(the profile claims no reconnect\.resumeEveryMs\)$/ },
  // Issue 10 item 1: silence is judged against the recommended policy, and the verdict says so.
  { mode: 'no-heartbeat', scenario: 'client/detects-dead-server', code: 'DEAD_SERVER_NOT_DETECTED', profile: { name: 'claims no heartbeat', ping: undefined }, says: /sent no app ping at all.*judged against the recommended policy \(the profile claims no ping/ },
  { mode: 'retry-on-fatal', scenario: 'client/fatal-close-no-retry', code: 'RETRY_ON_FATAL_CLOSE', profile: { name: 'claims no fatal codes', reconnect: silentOn('fatalCloseCodes') }, says: RECOMMENDED },
  { mode: 'no-max-retries', scenario: 'client/reconnect-limit', code: 'RECONNECT_UNBOUNDED', profile: { name: 'claims no maxRetries', reconnect: silentOn('maxRetries') }, says: RECOMMENDED },
  // Item 11: unlimited retries can be stated, and fail by the recommended policy.
  { mode: 'no-max-retries', scenario: 'client/reconnect-limit', code: 'RECONNECT_UNBOUNDED', profile: { name: 'claims unlimited', reconnect: { ...REF_RECONNECT, maxRetries: 'unlimited' } }, says: /claims unlimited retries/ },
  // Item 4: a schedule that does not grow, or has no jitter, is unsound; a client that does not follow its schedule violates it.
  { mode: 'constant-delay', scenario: 'client/backoff', code: 'BACKOFF_UNSOUND', profile: { name: 'claims a constant delay', reconnect: { ...REF_RECONNECT, backoff: { baseMs: 1000, factor: 1, capMs: 1000, jitterRatio: 0.1 } } }, says: /does not grow.*clients dropped together would reconnect within/ },
  { mode: 'constant-delay', scenario: 'client/backoff', code: 'BACKOFF_VIOLATION' },
  { mode: 'no-jitter', scenario: 'client/backoff', code: 'BACKOFF_UNSOUND', says: /claims ±10 % jitter, but \d+ delays all sit on the schedule/ },
  // Item 9: a hot loop (a tenth of each delay) fails.
  { mode: 'hot-loop', scenario: 'client/backoff', code: 'BACKOFF_VIOLATION' },
];

/** Item 5: schedules the profile can state; the correct client runs each one and passes client/backoff. */
const STATED_SCHEDULES: Array<{ name: string; backoff: NonNullable<ClientProfileInput['reconnect']>['backoff'] }> = [
  { name: 'explicit delay list', backoff: { delaysMs: [0, 1000, 3000, 6000, 10_000], jitterRatio: 0.2 } },
  { name: 'immediate first retry', backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0.2, immediateFirst: true } },
  { name: 'growth from step 2', backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0.2, growFromStep: 2 } },
  { name: 'exponent counted from 1', backoff: { baseMs: 500, factor: 2, capMs: 10_000, jitterRatio: 0.2, attemptsFrom: 1 } },
  { name: 'base drawn from a range', backoff: { baseRangeMs: [500, 1500], factor: 2, capMs: 12_000, jitterRatio: 0.2 } },
];
const scheduleProfile = (backoff: (typeof STATED_SCHEDULES)[number]['backoff']): ClientProfile =>
  referenceClientProfile({ name: 'stated schedule', reconnect: { ...REF_RECONNECT, backoff } });
const profileOf = (row: Row): ClientProfile => (row.profile ? referenceClientProfile(row.profile) : profile);


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
  const run = (id: string, mode: ClientMode, p: ClientProfile = profile) =>
    runClientScenario(getClientScenario(id)!, { profile: p, enactor, client: ({ dialUrl }) => referenceNodeClient(p, { mode, url: dialUrl!, webSocket }) });

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
