/**
 * A user's own page, not the reference one: a naive client that retries every 20 ms forever,
 * sends no pings and exposes no scheduled delays. The client scenarios reach it only through
 * its profile (page URL, socket pattern, status selector), judge its backoff on the wire, and
 * keep its token out of the timelines.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../../harness/client/browser.js';
import { runPageScenario } from '../../harness/client/page-run.js';
import { parseClientProfile, type ClientProfile } from '../../harness/client/profile.js';
import { getClientScenario } from '../../scenarios/client/index.js';

const PAGE = `<!doctype html><p id="state">idle</p><script>
let n = 0;
function dial() {
  n++;
  const ws = new WebSocket('wss://chat.example.com/api/ws?token=s3cr3t-user-token');
  ws.onopen = () => { document.getElementById('state').textContent = 'connected (attempt ' + n + ')'; };
  ws.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'ping') ws.send(JSON.stringify({ type: 'pong', id: m.id })); };
  ws.onclose = (e) => { document.getElementById('state').textContent = 'closed ' + e.code + ', attempt ' + n; setTimeout(dial, 20); };
}
dial();
</script>`;

let server: Server | undefined;
let browser: Browser | undefined;
let profile: ClientProfile;
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  profile = parseClientProfile({
    name: 'naive-page',
    // 0.1: the policy's later retries (800 ms, 1 s) sit far above a 20 ms retry plus any noise.
    timeScale: 0.1,
    page: { url: `http://127.0.0.1:${port}/`, wsPattern: '**/api/ws*', statusSelector: '#state' },
    reconnect: { maxRetries: 5 },
    ping: { intervalMs: 10_000, timeoutMs: 5000 },
    toleranceMs: 250,
  });
  browser = (await launchChromium()).browser;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

test('a fixed 20 ms retry is a BACKOFF_VIOLATION judged on the wire; the page status is reported; the token is redacted', async () => {
  const r = await runPageScenario(browser!, profile, getClientScenario('client/backoff')!);
  expect(r.diagnosis?.code, r.diagnosis?.summary).toBe('BACKOFF_VIOLATION');
  expect(r.observations.source).toBe('wire');
  expect(r.observations.clientShows).toMatch(/^closed 1006, attempt \d+$/);
  expect(JSON.stringify(r.timelines)).not.toContain('s3cr3t-user-token');
  expect(r.timelines[0]?.url).toContain('token=[REDACTED]');
});

test('it retries after 1008 and never pings', async () => {
  const fatal = await runPageScenario(browser!, profile, getClientScenario('client/fatal-close-no-retry')!);
  expect(fatal.diagnosis?.code).toBe('RETRY_ON_FATAL_CLOSE');
  const dead = await runPageScenario(browser!, profile, getClientScenario('client/detects-dead-server')!);
  expect(dead.diagnosis?.code).toBe('DEAD_SERVER_NOT_DETECTED');
  expect(dead.diagnosis?.summary).toContain('sent no app ping at all');
});

test('a profile without serverPing skips answers-server-ping, with the reason', async () => {
  const r = await runPageScenario(browser!, profile, getClientScenario('client/answers-server-ping')!);
  expect(r.status).toBe('skipped');
  expect(r.reason).toBe('client profile "naive-page" has no `serverPing`');
});
