/**
 * A run's first line names what it runs against: the target's URL, redacted (no query token, no
 * userinfo password, also when they came from `${ENV}`), and the profile's name — for a backend
 * run (and how many scenarios this shard runs: the split `--list --shard` shows) and a client run
 * (the page URL, the client profile and the sockets it plays). One real run shows the line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import { backendRunHeader } from '../../cli/run.js';
import { clientRunHeader } from '../../cli/run-client.js';
import { parseClientProfile } from '../../harness/client/profile.js';
import { parseProfile } from '../../harness/profile/load.js';
import { killAllClis, runCli, stripAnsi } from '../reports/helpers/cli.js';

const SECRET = 'sekret-value-42';
const env = { WSC_TEST_TOKEN: SECRET, WSC_TEST_PASS: 'hunter2-pass' };
const secretProfile = (port = 8443) =>
  parseProfile({ name: 'acme-prod', url: `wss://bob:\${WSC_TEST_PASS}@ws.acme.test:${port}/ws?tenant=acme&token=\${WSC_TEST_TOKEN}` }, env);

describe('backend run header', () => {
  test('the URL redacted (token, password), then the profile name', () => {
    const line = stripAnsi(backendRunHeader({ profile: secretProfile(), picked: new Array(4).fill(0), faults: [] }));
    expect(line).toBe('ws-chaos 4 scenario(s) against wss://bob:[REDACTED]@ws.acme.test:8443/ws?tenant=acme&token=[REDACTED] (profile "acme-prod")');
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain('hunter2');
  });

  test("the query auth parameter a profile names is redacted too, whatever it is called; IPv6 shown as dialled", () => {
    const p = parseProfile({ name: 'v6', url: 'ws://[::1]:9000/ws?tenant=acme&who=${WSC_TEST_TOKEN}', auth: { mode: 'query', param: 'who', token: 'x-token-1234' } }, env);
    expect(stripAnsi(backendRunHeader({ profile: p, picked: [1], faults: [] }))).toBe('ws-chaos 1 scenario(s) against ws://[::1]:9000/ws?tenant=acme&who=[REDACTED] (profile "v6")');
  });

  test('a shard says how many of the selection it runs (first shards one more); the reference backend its profile and faults', () => {
    const picked = new Array(24).fill(0);
    expect(stripAnsi(backendRunHeader({ profile: secretProfile(), picked, shard: { current: 2, total: 3 }, faults: [] }))).toMatch(/^ws-chaos shard 2\/3: 8 of 24 scenario\(s\) against wss:/);
    expect(stripAnsi(backendRunHeader({ profile: undefined, picked: new Array(5).fill(0), shard: { current: 2, total: 2 }, faults: ['missing-services'] }))).toBe(
      'ws-chaos shard 2/2: 2 of 5 scenario(s) against the reference backend (profile "reference-backend", on a loopback port the runner picks) playing missing-services',
    );
  });
});

describe('client run header', () => {
  test('the page URL redacted, the client profile name and its socket pattern', () => {
    const profile = parseClientProfile({ name: 'web-app', page: { url: 'https://ops:p4ssw0rd@app.acme.test/chat?access_token=abcdef123456&room=1', wsPattern: '**/socket/**' } });
    const line = stripAnsi(clientRunHeader(7, profile, undefined));
    expect(line).toBe('ws-chaos 7 client scenario(s) against https://ops:[REDACTED]@app.acme.test/chat?access_token=[REDACTED]&room=1 (client profile "web-app", sockets matching **/socket/**)');
  });

  test('the reference client page names its mode as the profile', () => {
    expect(stripAnsi(clientRunHeader(3, undefined, 'reset-on-open'))).toBe('ws-chaos 3 client scenario(s) against the reference client page (profile "reference-client:reset-on-open")');
    expect(stripAnsi(clientRunHeader(3, undefined, undefined))).toContain('(profile "reference-client:correct")');
  });
});

describe('a real run prints it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsc-run-header-'));
  let server: WebSocketServer;
  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => server.once('listening', () => r()));
  });
  afterAll(async () => {
    killAllClis();
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  test('against an external target: the redacted URL and the profile name, no secret anywhere in the output', async () => {
    const { port } = server.address() as AddressInfo;
    const file = join(dir, 'profile.json');
    writeFileSync(file, JSON.stringify({ name: 'header-check', url: `ws://bob:\${WSC_TEST_PASS}@127.0.0.1:${port}/ws?tenant=acme&token=\${WSC_TEST_TOKEN}` }));
    const r = await runCli(['--profile', file, '--grep', '^conformance/handshake$', '--out', join(dir, 'out')], { env, timeoutMs: 90_000 });
    expect([0, 1], r.stderr).toContain(r.code);
    expect(r.stdout.split('\n')[0]).toBe(`ws-chaos 1 scenario(s) against ws://bob:[REDACTED]@127.0.0.1:${port}/ws?tenant=acme&token=[REDACTED] (profile "header-check")`);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stdout + r.stderr).not.toContain('hunter2');
  }, 100_000);
});
