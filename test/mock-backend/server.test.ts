import http from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { signToken } from '../../mock-backend/auth.js';
import { buildServer, startReferenceBackend, type RunningBackend } from '../../mock-backend/server.js';
import { Probe } from '../../harness/probe.js';
import { textMatches } from '../../harness/match.js';

/** A request with a Host header of our choosing (fetch does not let a caller set it), bounded at 3 s. */
function withHost(url: string, host: string, method = 'GET', body?: string): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const req = http.request(url, { method, headers: { host, 'content-type': 'application/json' }, timeout: 3000 }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', fail);
    req.end(body);
  });
}

let running: RunningBackend[] = [];
const probes: Probe[] = [];
afterEach(async () => {
  for (const p of probes.splice(0)) p.dispose();
  await Promise.all(running.map((b) => b.close()));
  running = [];
});

async function start(o: Parameters<typeof startReferenceBackend>[0] = {}): Promise<{ b: RunningBackend; url: string }> {
  const b = await startReferenceBackend({ keepalive: { intervalMs: 60_000, timeoutMs: 60_000 }, ...o });
  running.push(b);
  return { b, url: `${b.wsUrl}?token=${await signToken(b.config.jwtSecret)}` };
}
function probe(url: string, headers?: Record<string, string>): Probe {
  const p = new Probe({ url, headers, handshakeTimeoutMs: 2000, closeTimeoutMs: 1000 });
  probes.push(p);
  return p;
}
const welcomed = (p: Probe) => p.waitFor('message', 2000, (e) => textMatches(e.text, { type: 'connection_established' }));

describe('reference backend', () => {
  test('injectWS: the welcome, app ping/pong and chat, without a network socket', async () => {
    const backend = await buildServer();
    try {
      await backend.app.ready();
      const token = await signToken(backend.config.jwtSecret);
      const ws = await backend.app.injectWS(`/ws?token=${token}`);
      const messages: Record<string, unknown>[] = [];
      ws.on('message', (d: Buffer) => messages.push(JSON.parse(d.toString())));
      const until = async (n: number) => {
        for (let i = 0; i < 100 && messages.length < n; i++) await new Promise((r) => setTimeout(r, 10));
      };
      await until(1);
      ws.send(JSON.stringify({ type: 'ping', id: 7 }));
      ws.send(JSON.stringify({ type: 'chat', message: 'hi' }));
      ws.send(JSON.stringify({ type: 'what' }));
      await until(4);
      expect(messages[0]).toMatchObject({ type: 'connection_established' });
      expect(messages[1]).toMatchObject({ type: 'pong', id: 7 });
      expect(messages[2]).toMatchObject({ type: 'chat_response', message: 'echo: hi' });
      expect(messages[3]).toMatchObject({ type: 'error', code: 'unknown_type' });
      ws.terminate();
    } finally {
      await backend.app.close();
    }
  });

  test('Authorization: Bearer works like ?token=, and a bad token is closed 1008', async () => {
    const { b } = await start();
    const good = probe(b.wsUrl, { Authorization: `Bearer ${await signToken(b.config.jwtSecret)}` });
    expect(await welcomed(good)).toBeDefined();
    const bad = probe(`${b.wsUrl}?token=nope`);
    const close = await bad.waitClosed(2000);
    expect(close).toMatchObject({ code: 1008, by: 'server' });
  });

  test('auth.reject = http refuses the upgrade with 401', async () => {
    const { b } = await start({ auth: { reject: 'http' } });
    const bad = probe(`${b.wsUrl}?token=nope`);
    expect(await bad.opened).toBe('rejected');
    expect(bad.events.find((e) => e.kind === 'rejected')).toMatchObject({ status: 401 });
  });

  test('faults switch at run time through the loopback admin endpoint; live sessions keep theirs', async () => {
    const { b, url } = await start();
    const before = probe(url);
    expect(await welcomed(before)).toBeDefined();
    const res = await fetch(b.adminUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults: ['accept-gated'] }) });
    expect(res.status).toBe(200);
    expect(await (await fetch(b.adminUrl)).json()).toEqual({ faults: [{ name: 'accept-gated', params: {} }] });
    const after = probe(url);
    expect(await after.opened).toBe('rejected');
    expect(before.isOpen).toBe(true);
    const bad = await fetch(b.adminUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults: ['nope'] }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/unknown fault "nope"/);
  });

  test('the admin routes refuse a Host header that is not loopback (DNS rebinding), 403, and change nothing', async () => {
    const { b } = await start();
    const port = new URL(b.adminUrl).port;
    const put = JSON.stringify({ faults: ['accept-gated'] });
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `0.0.0.0:${port}`]) {
      expect(await withHost(b.adminUrl, host, 'PUT', put), host).toMatchObject({ status: 403, text: expect.stringMatching(/Host header refused/) });
      expect((await withHost(b.adminUrl, host)).status, host).toBe(403);
    }
    expect(b.activeFaults()).toEqual([]);
    for (const host of [`127.0.0.1:${port}`, '127.0.0.1', `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await withHost(b.adminUrl, host)).status, host).toBe(200);
    }
    expect((await withHost(b.adminUrl, `127.0.0.1:${port}`, 'PUT', put)).status).toBe(200);
    expect(b.activeFaults()).toEqual([{ name: 'accept-gated', params: {} }]);
    // The health route is not an admin route: any Host may read it.
    expect((await withHost(b.healthUrl, 'evil.example')).status).toBe(200);
  });

  test('a non-loopback host with the built-in secret is refused before listening (exit 2, names the fix)', async () => {
    await expect(startReferenceBackend({ host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/built-in JWT secret is public.*--secret <secret> or set WSC_JWT_SECRET/),
    });
    await expect(startReferenceBackend({ host: '::', port: 0, jwtSecret: 'ws-chaos-reference-secret' })).rejects.toMatchObject({ exitCode: 2 });
    await expect(startReferenceBackend({ port: 0, jwtSecret: '' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/secret is empty/) });
  });

  test('startup-incomplete closes 1011 until forMs has passed, then is healthy', async () => {
    const { url } = await start({ faults: [{ name: 'startup-incomplete', params: { forMs: 400 } }] });
    const cold = probe(url);
    expect(await cold.waitClosed(2000)).toMatchObject({ code: 1011, reason: 'Service startup incomplete' });
    await new Promise((r) => setTimeout(r, 500));
    const warm = probe(url);
    expect(await welcomed(warm)).toBeDefined();
  });

  test('health counts open connections; shutdown sends 1001 going away', async () => {
    const { b, url } = await start();
    const p = probe(url);
    await welcomed(p);
    expect(await (await fetch(b.healthUrl)).json()).toMatchObject({ status: 'ok', connections: 1 });
    const closing = b.close();
    const close = await p.waitClosed(3000);
    await closing;
    expect(close).toMatchObject({ code: 1001, reason: 'going away', by: 'server' });
  });

  test('a plain HTTP GET on the WebSocket route gets 426 with a hint', async () => {
    const { b } = await start();
    const res = await fetch(`${b.baseUrl}/ws`);
    expect(res.status).toBe(426);
  });

  test('a port in use is an environment error naming the fix', async () => {
    const { b } = await start();
    const port = Number(new URL(b.baseUrl).port);
    await expect(startReferenceBackend({ port })).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/already in use/) });
  });
});
