/**
 * The embedded `idle_timeout` toxic: traffic keeps the connection alive, silence in the toxic's
 * direction closes it. Wide margins for a loaded 2-core machine: with a 1 s idle timeout, a write
 * every 100 ms (ten times more often than needed) keeps one link open for 3 s, while the silent
 * one closes no earlier than the timeout and before the busy loop ends.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startEmbeddedToxiproxy, type EmbeddedToxiproxy } from '../../harness/proxy/embedded/index.js';

const IDLE_TIMEOUT_MS = 1_000;
const WRITE_EVERY_MS = 100;
const BUSY_WRITES = 30; // 3 s of traffic: three idle timeouts

let tp: EmbeddedToxiproxy;
let echo: net.Server;
const sockets = new Set<net.Socket>();
beforeAll(async () => {
  tp = await startEmbeddedToxiproxy();
  echo = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.pipe(s);
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => echo.close(() => r()));
  await tp.stop();
});

async function proxied(name: string): Promise<net.Socket> {
  const client = new Toxiproxy(tp.url);
  const port = (echo.address() as AddressInfo).port;
  const proxy = await client.createProxy({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${port}` });
  await proxy.addToxic({ name: 'idle', type: 'idle_timeout' as never, stream: 'downstream', toxicity: 1, attributes: { timeout: IDLE_TIMEOUT_MS } as never });
  const [host, p] = proxy.listen.split(':');
  const s = net.connect(Number(p), host);
  s.on('data', () => undefined);
  await new Promise((r) => s.once('connect', r));
  return s;
}

test('traffic keeps it open; silence closes it', { timeout: 20_000 }, async () => {
  const busy = await proxied('idle-busy');
  const quiet = await proxied('idle-quiet');
  let quietClosedAt: number | undefined;
  let busyClosed = false;
  const start = performance.now();
  quiet.on('close', () => (quietClosedAt = performance.now() - start));
  busy.on('close', () => (busyClosed = true));
  for (let i = 0; i < BUSY_WRITES; i++) {
    busy.write('x');
    await new Promise((r) => setTimeout(r, WRITE_EVERY_MS));
  }
  expect(busyClosed).toBe(false);
  expect(quietClosedAt).toBeDefined();
  expect(quietClosedAt!).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - 50);
  busy.destroy();
  quiet.destroy();
});

test('a timeout below 1 ms is refused with the attribute named', async () => {
  const port = (echo.address() as AddressInfo).port;
  await fetch(`${tp.url}/proxies`, { method: 'POST', body: JSON.stringify({ name: 'idle-bad', listen: '127.0.0.1:0', upstream: `127.0.0.1:${port}` }) });
  const res = await fetch(`${tp.url}/proxies/idle-bad/toxics`, { method: 'POST', body: JSON.stringify({ type: 'idle_timeout', attributes: { timeout: 0 } }) });
  expect(res.status).toBe(400);
  expect(await res.text()).toMatch(/idle_timeout attribute timeout must be 1 or more/);
});
