/**
 * `messages.typeField` in Chromium (it was tested in Node and msw only): a page whose protocol
 * tells messages apart by "op", not "type", reached through its profile (page URL, socket
 * pattern, `messages: { typeField: 'op', idField: 'ref' }` and nothing else about the shapes).
 * The routed server pings it {"op":"ping","ref":...}; a page that answers {"op":"pong","ref":...}
 * passes client/answers-server-ping, one that answers {"type":"pong"} (a `type` protocol's
 * pong) is CLIENT_PONG_MISSING.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../harness/client/browser.js';
import { runPageScenario } from '../../harness/client/page-run.js';
import { parseClientProfile, type ClientProfile } from '../../harness/client/profile.js';
import { getClientScenario } from '../../scenarios/client/index.js';

/** The page: answers a server ping {"op":"ping"} with a pong whose kind is in `pongField`. */
const page = (pongField: 'op' | 'type'): string => `<!doctype html><p id="state">idle</p><script>
const show = (s) => { document.getElementById('state').textContent = s; };
let pongs = 0;
function dial() {
  const ws = new WebSocket('wss://app.example.test/live/ws');
  ws.onopen = () => show('connected');
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.op === 'ping') { ws.send(JSON.stringify({ ${pongField}: 'pong', ref: m.ref })); show('connected, ' + (++pongs) + ' pong(s) sent'); }
  };
  ws.onclose = (e) => { show('closed ' + e.code); setTimeout(dial, 1000); };
}
dial();
</script>`;

let server: Server | undefined;
let browser: Browser | undefined;
let base = '';
const profileFor = (path: string): ClientProfile =>
  parseClientProfile({
    name: `op-page${path.replace('/', '-')}`,
    page: { url: `${base}${path}`, wsPattern: '**/live/ws', statusSelector: '#state' },
    reconnect: { maxRetries: 5 },
    serverPing: { intervalMs: 400, timeoutMs: 1500 },
    messages: { typeField: 'op', idField: 'ref' },
  });

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = req.url === '/correct' ? page('op') : req.url === '/faulty' ? page('type') : undefined;
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = (await launchChromium()).browser;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe('a page speaking {"op": ...} in Chromium, judged by client/answers-server-ping', () => {
  test('the profile derives every shape from typeField', () => {
    expect(profileFor('/correct').messages).toMatchObject({ ping: { op: 'ping' }, pong: { op: 'pong' }, idField: 'ref' });
  });

  test('answering {"op":"pong","ref":...} passes: both server pings answered with their ref', async () => {
    const r = await runPageScenario(browser!, profileFor('/correct'), getClientScenario('client/answers-server-ping')!);
    expect(r.status, r.diagnosis?.summary ?? r.reason).toBe('passed');
    expect(r.observations.answered).toBeGreaterThanOrEqual(2);
    expect((r.observations.pongRttMs as number[]).length).toBeGreaterThanOrEqual(2);
    // The routed server pinged in the profile's shape ({"op":"ping"}), never in the default one.
    const wire = JSON.stringify(r.timelines);
    expect(wire).toContain('\\"op\\":\\"ping\\"');
    expect(wire).not.toContain('\\"type\\":\\"ping\\"');
  }, 60_000);

  test('answering {"type":"pong"} is CLIENT_PONG_MISSING', async () => {
    const r = await runPageScenario(browser!, profileFor('/faulty'), getClientScenario('client/answers-server-ping')!);
    expect(r.status).toBe('failed');
    expect(r.diagnosis?.code, r.diagnosis?.summary).toBe('CLIENT_PONG_MISSING');
    expect(r.diagnosis?.summary).toMatch(/got no pong within 1500 ms \(0 pong\(s\) in all\)/);
  }, 60_000);
});
