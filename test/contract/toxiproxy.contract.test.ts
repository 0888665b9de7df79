/**
 * Toxiproxy contract: the same assertions against the embedded server (default) and against a
 * real Toxiproxy when TOXIPROXY_URL is set (e.g. TOXIPROXY_URL=http://127.0.0.1:8474). The real
 * server must be dedicated to this run: every proxy on it is deleted before and after.
 *
 * - API rows of shared/toxiproxy-behaviour.md with plain fetch (status, Content-Type, exact body);
 * - the toxiproxy-node-client path;
 * - each toxic's effect on real sockets, with wide time tolerances (noisy 2-core machine);
 * - WebSocket-aware toxics: their effects on the embedded server; on a real server they must be
 *   refused with 400 `invalid toxic type` (so nothing is skipped).
 * Everything listens on 127.0.0.1, port 0; everything opened is closed in afterEach/afterAll.
 */
import net from 'node:net';
import { Toxiproxy, type Toxic } from 'toxiproxy-node-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startEmbeddedToxiproxy, type EmbeddedToxiproxy } from '../../harness/proxy/embedded/index.js';
import { supportsWsToxics, wsToxicBody, type WsDropAttributes } from '../../harness/proxy/ws-toxics.js';

const EXTERNAL_URL = process.env.TOXIPROXY_URL?.replace(/\/+$/, '') || undefined;
const isEmbedded = EXTERNAL_URL === undefined;
const EMBEDDED_VERSION_BODY = '{"version": "2.12.0+ws-chaos-embedded"}\n';

let api = '';
let embedded: EmbeddedToxiproxy | null = null;
const cleanups: Array<() => unknown> = [];
let proxyCounter = 0;

// ---------------------------------------------------------------- helpers: HTTP

interface Reply {
  status: number;
  type: string | null;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bodies are checked field by field against the spec
  json: () => any;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${api}${path}`, { method, body: payload, headers });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text, json: () => JSON.parse(text) };
}

function errorBody(message: string, status: number): string {
  return `{"error":${JSON.stringify(message)},"status":${status}}\n`;
}

function expectApiError(r: Reply, status: number, message: string): void {
  expect({ status: r.status, type: r.type, text: r.text }).toEqual({
    status,
    type: 'text/plain; charset=utf-8',
    text: errorBody(message, status),
  });
}

function proxyName(): string {
  return `wsc-contract-${process.pid}-${++proxyCounter}`;
}

async function deleteAllProxies(): Promise<void> {
  const r = await call('GET', '/proxies');
  for (const name of Object.keys(r.json())) await call('DELETE', `/proxies/${encodeURIComponent(name)}`);
}

interface ProxyInfo {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  port: number;
}

async function createProxy(upstreamPort: number, extra: Record<string, unknown> = {}): Promise<ProxyInfo> {
  const name = proxyName();
  const r = await call('POST', '/proxies', { name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstreamPort}`, ...extra });
  expect(r.status).toBe(201);
  const p = r.json();
  return { ...p, port: Number(String(p.listen).split(':').pop()) };
}

async function addToxic(proxy: string, toxic: Record<string, unknown>): Promise<Reply> {
  const r = await call('POST', `/proxies/${proxy}/toxics`, toxic);
  expect(r.status, r.text).toBe(200);
  return r;
}

// ---------------------------------------------------------------- helpers: sockets

function track<T extends { close(): unknown }>(thing: T): T {
  cleanups.push(() => thing.close());
  return thing;
}

interface TestServer {
  port: number;
  sockets: Set<net.Socket>;
  close(): Promise<void>;
}

async function tcpServer(onConnection: (socket: net.Socket) => void, options: net.ServerOpts = {}): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer(options, (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return track({
    port,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}

const echoServer = (): Promise<TestServer> => tcpServer((s) => s.pipe(s));

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

interface Client {
  socket: net.Socket;
  received: () => Buffer;
  dataEvents: () => number;
  /** Resolves when the socket closes: elapsed ms since `since` and the error code, if any. */
  closed: Promise<{ at: number; error: string | null; sawEnd: boolean }>;
}

async function connect(port: number, options: { allowHalfOpen?: boolean } = {}): Promise<Client> {
  const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: options.allowHalfOpen ?? false });
  cleanups.push(() => socket.destroy());
  const parts: Buffer[] = [];
  let events = 0;
  let error: string | null = null;
  let sawEnd = false;
  socket.on('data', (d: Buffer) => {
    parts.push(d);
    events++;
  });
  socket.on('error', (e: NodeJS.ErrnoException) => {
    error = e.code ?? e.message;
  });
  socket.on('end', () => {
    sawEnd = true;
  });
  const closed = new Promise<{ at: number; error: string | null; sawEnd: boolean }>((resolve) =>
    socket.once('close', () => resolve({ at: performance.now(), error, sawEnd })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return { socket, received: () => Buffer.concat(parts), dataEvents: () => events, closed };
}

async function connectError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    cleanups.push(() => socket.destroy());
    socket.once('connect', () => resolve('connected'));
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (predicate()) return true;
    await sleep(5);
  }
  return predicate();
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `payload` and waits until that many more bytes came back; returns the round trip in ms. */
async function roundTrip(client: Client, payload = 'ping', timeoutMs = 5_000): Promise<number> {
  const before = client.received().length;
  const start = performance.now();
  client.socket.write(payload);
  const ok = await waitFor(() => client.received().length >= before + payload.length, timeoutMs);
  if (!ok) throw new Error(`no echo within ${timeoutMs} ms`);
  return performance.now() - start;
}

async function closedWithin<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- helpers: WebSocket

interface WsTestServer {
  port: number;
  received: string[];
  closes: Array<{ code: number; reason: string }>;
  close(): Promise<void>;
}

async function wsServer(onConnection: (ws: WebSocket) => void = () => {}): Promise<WsTestServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const received: string[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? `<binary ${(data as Buffer).length}>` : data.toString();
      received.push(text);
      if (text.startsWith('echo:')) ws.send(text);
    });
    ws.on('close', (code, reason) => closes.push({ code, reason: reason.toString() }));
    onConnection(ws);
  });
  return track({
    port: (wss.address() as net.AddressInfo).port,
    received,
    closes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  });
}

interface WsClient {
  ws: WebSocket;
  messages: Array<{ text: string; at: number }>;
  pongs: number;
  closed: Promise<{ code: number; reason: string; at: number }>;
}

async function wsConnect(port: number): Promise<WsClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false });
  cleanups.push(() => ws.terminate());
  const client: WsClient = { ws, messages: [], pongs: 0, closed: Promise.resolve({ code: 0, reason: '', at: 0 }) };
  ws.on('error', () => {});
  ws.on('message', (data) => client.messages.push({ text: data.toString(), at: performance.now() }));
  ws.on('pong', () => client.pongs++);
  client.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString(), at: performance.now() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return client;
}

// ---------------------------------------------------------------- lifecycle

beforeAll(async () => {
  if (EXTERNAL_URL) api = EXTERNAL_URL;
  else {
    embedded = await startEmbeddedToxiproxy();
    api = embedded.url;
  }
  await deleteAllProxies();
});

afterEach(async () => {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch {
      // keep cleaning
    }
  }
  await deleteAllProxies();
});

afterAll(async () => {
  if (api) await deleteAllProxies().catch(() => {});
  await embedded?.stop();
});

// ================================================================= HTTP API

describe('control API (plain fetch)', { timeout: 10_000 }, () => {
  it('GET /version: exact body, application/json;charset=utf-8', async () => {
    const r = await call('GET', '/version');
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json;charset=utf-8');
    expect(r.text).toMatch(/^\{"version": "[^"]+"\}\n$/);
    if (isEmbedded) expect(r.text).toBe(EMBEDDED_VERSION_BODY);
  });

  it('GET /proxies: {} when empty', async () => {
    const r = await call('GET', '/proxies');
    expect({ status: r.status, type: r.type, text: r.text }).toEqual({ status: 200, type: 'application/json', text: '{}' });
  });

  it('POST /proxies: 201, key order with "Logger":{}, listen shows the bound port', async () => {
    const name = proxyName();
    const r = await call('POST', '/proxies', { name, listen: '127.0.0.1:0', upstream: '127.0.0.1:9', ignored: 1 });
    expect(r.status).toBe(201);
    expect(r.type).toBe('application/json');
    const listen = r.json().listen as string;
    expect(listen).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(listen).not.toBe('127.0.0.1:0');
    const expected = { name, listen, upstream: '127.0.0.1:9', enabled: true, Logger: {}, toxics: [] };
    expect(r.text).toBe(JSON.stringify(expected));
    const show = await call('GET', `/proxies/${name}`);
    expect({ status: show.status, text: show.text }).toEqual({ status: 200, text: r.text });
    const index = await call('GET', '/proxies');
    expect(index.text).toBe(JSON.stringify({ [name]: expected }));
  });

  it('GET /proxies: keyed by name, sorted', async () => {
    const names = ['zz', 'aa', 'mm'].map((suffix) => `${proxyName()}-${suffix}`);
    for (const name of names) await call('POST', '/proxies', { name, listen: '127.0.0.1:0', upstream: '127.0.0.1:9', enabled: false });
    expect(Object.keys((await call('GET', '/proxies')).json())).toEqual([...names].sort());
  });

  it('POST /proxies: a proxy created disabled keeps the literal listen; body parsed whatever the Content-Type', async () => {
    const name = proxyName();
    const r = await call('POST', '/proxies', { name, listen: '127.0.0.1:0', upstream: 'nowhere.invalid:1', enabled: false }, {
      'Content-Type': 'text/plain',
    });
    expect(r.status).toBe(201);
    expect(r.json()).toMatchObject({ listen: '127.0.0.1:0', enabled: false, upstream: 'nowhere.invalid:1' });
  });

  it('POST /proxies: errors (409 duplicate, 400 missing fields, 400 malformed JSON, 400 wrong type)', async () => {
    const name = proxyName();
    await call('POST', '/proxies', { name, listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
    expectApiError(await call('POST', '/proxies', { name, listen: '127.0.0.1:0', upstream: '127.0.0.1:9' }), 409, 'proxy already exists');
    expectApiError(await call('POST', '/proxies', { upstream: '127.0.0.1:9' }), 400, 'missing required field: name');
    expectApiError(await call('POST', '/proxies', { name: proxyName() }), 400, 'missing required field: upstream');
    expectApiError(await call('POST', '/proxies', '{'), 400, 'bad request body: unexpected EOF');
    expectApiError(await call('POST', '/proxies', 'x'), 400, "bad request body: invalid character 'x' looking for beginning of value");
    const wrong = await call('POST', '/proxies', { name: 5, upstream: '127.0.0.1:9' });
    expect(wrong.status).toBe(400);
    expect(wrong.json().error).toMatch(/^bad request body: json: cannot unmarshal number into Go struct field .*name of type string$/);
  });

  it('very deep JSON nesting: 400 `exceeded max depth` (Go\'s limit, 10 000 levels), never a 500', async () => {
    const deep = '['.repeat(10_001) + ']'.repeat(10_001);
    expectApiError(await call('POST', '/proxies', deep), 400, "bad request body: invalid character '[' exceeded max depth");
    const p = await createProxy(9);
    const deepObject = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    expectApiError(await call('POST', `/proxies/${p.name}/toxics`, deepObject), 400, "bad request body: invalid character '{' exceeded max depth");
    // 10 000 levels are within the limit: the body decodes (and is then the wrong type for a proxy).
    const limit = await call('POST', '/proxies', '['.repeat(10_000) + ']'.repeat(10_000));
    expect(limit.status).toBe(400);
    expect(limit.json().error).toMatch(/^bad request body: json: cannot unmarshal array into Go value of type toxiproxy.Proxy$/);
  });

  it('POST /proxies: listen port in use is a 500 with Go\'s bind error', async () => {
    const busy = await tcpServer(() => {});
    const r = await call('POST', '/proxies', { name: proxyName(), listen: `127.0.0.1:${busy.port}`, upstream: '127.0.0.1:9' });
    expectApiError(r, 500, `listen tcp 127.0.0.1:${busy.port}: bind: address already in use`);
  });

  it('unknown proxy / toxic: 404 with the documented messages', async () => {
    expectApiError(await call('GET', '/proxies/nope-none'), 404, 'proxy not found');
    expectApiError(await call('DELETE', '/proxies/nope-none'), 404, 'proxy not found');
    expectApiError(await call('PATCH', '/proxies/nope-none', {}), 404, 'proxy not found');
    expectApiError(await call('GET', '/proxies/nope-none/toxics'), 404, 'proxy not found');
    const p = await createProxy(9);
    expectApiError(await call('GET', `/proxies/${p.name}/toxics/nope`), 404, 'toxic not found');
    expectApiError(await call('PATCH', `/proxies/${p.name}/toxics/nope`, {}), 404, 'toxic not found');
    expectApiError(await call('DELETE', `/proxies/${p.name}/toxics/nope`), 404, 'toxic not found');
  });

  it('unknown path 404 text, wrong method 405 empty, Mozilla user agent 403', async () => {
    const nf = await call('GET', '/nope');
    expect({ status: nf.status, type: nf.type, text: nf.text }).toEqual({
      status: 404,
      type: 'text/plain; charset=utf-8',
      text: '404 page not found\n',
    });
    for (const [method, path] of [['PUT', '/proxies'], ['DELETE', '/version'], ['GET', '/reset'], ['GET', '/populate']] as const) {
      const r = await call(method, path);
      expect({ method, path, status: r.status, text: r.text }).toEqual({ method, path, status: 405, text: '' });
    }
    const moz = await call('GET', '/proxies', undefined, { 'User-Agent': 'Mozilla/5.0 (X11)' });
    expect({ status: moz.status, type: moz.type, text: moz.text }).toEqual({
      status: 403,
      type: 'text/plain; charset=utf-8',
      text: 'User agent not allowed\n',
    });
  });

  it('PATCH (and deprecated POST) /proxies/{p}: missing fields keep their values; DELETE 204', async () => {
    const p = await createProxy(9);
    const same = await call('PATCH', `/proxies/${p.name}`, {});
    expect(same.status).toBe(200);
    expect(same.json()).toMatchObject({ listen: p.listen, upstream: p.upstream, enabled: true });
    const viaPost = await call('POST', `/proxies/${p.name}`, { upstream: '127.0.0.1:10' });
    expect(viaPost.status).toBe(200);
    expect(viaPost.json()).toMatchObject({ upstream: '127.0.0.1:10', enabled: true });
    const del = await call('DELETE', `/proxies/${p.name}`);
    expect({ status: del.status, text: del.text }).toEqual({ status: 204, text: '' });
    expect((await call('GET', `/proxies/${p.name}`)).status).toBe(404);
  });

  it('POST /proxies/{p}/toxics: 200, defaults, key order, every type lists every attribute', async () => {
    const p = await createProxy(9);
    const r = await call('POST', `/proxies/${p.name}/toxics`, { type: 'latency', attributes: { latency: 100 } });
    expect({ status: r.status, type: r.type }).toEqual({ status: 200, type: 'application/json' });
    expect(r.text).toBe(
      '{"attributes":{"latency":100,"jitter":0},"name":"latency_downstream","type":"latency","stream":"downstream","toxicity":1}',
    );
    const expected: Array<[string, Record<string, unknown>, string]> = [
      ['bandwidth', { rate: 5 }, '{"rate":5}'],
      ['slow_close', {}, '{"delay":0}'],
      ['timeout', {}, '{"timeout":0}'],
      ['reset_peer', {}, '{"timeout":0}'],
      ['slicer', { average_size: 64 }, '{"average_size":64,"size_variation":0,"delay":0}'],
      ['limit_data', {}, '{"bytes":0}'],
      ['noop', {}, '{}'],
    ];
    for (const [type, attributes, attrsJson] of expected) {
      const t = await call('POST', `/proxies/${p.name}/toxics`, { type, attributes, stream: 'upstream', toxicity: 0.5 });
      expect(t.text).toBe(`{"attributes":${attrsJson},"name":"${type}_upstream","type":"${type}","stream":"upstream","toxicity":0.5}`);
    }
    const list = await call('GET', `/proxies/${p.name}/toxics`);
    expect(list.json().map((t: { name: string }) => t.name)).toEqual([
      ...expected.map(([type]) => `${type}_upstream`),
      'latency_downstream',
    ]);
  });

  it('toxics: stream case-insensitive and echoed, upstream chain listed first, one name space', async () => {
    const p = await createProxy(9);
    await addToxic(p.name, { name: 'a', type: 'noop' });
    const b = await addToxic(p.name, { type: 'latency', stream: 'UpStream' });
    expect(b.json()).toMatchObject({ name: 'latency_UpStream', stream: 'UpStream' });
    await addToxic(p.name, { name: 'c', type: 'noop', stream: 'downstream' });
    const list = await call('GET', `/proxies/${p.name}/toxics`);
    expect(list.json().map((t: { name: string }) => t.name)).toEqual(['latency_UpStream', 'a', 'c']);
    expectApiError(await call('POST', `/proxies/${p.name}/toxics`, { name: 'a', type: 'noop', stream: 'upstream' }), 409, 'toxic already exists');
    const proxy = await call('GET', `/proxies/${p.name}`);
    expect(proxy.json().toxics.map((t: { name: string }) => t.name)).toEqual(['latency_UpStream', 'a', 'c']);
  });

  it('toxics: 400 for unknown/missing type, bad stream (checked first), wrong attribute type, malformed body', async () => {
    const p = await createProxy(9);
    const path = `/proxies/${p.name}/toxics`;
    expectApiError(await call('POST', path, { type: 'nope' }), 400, 'invalid toxic type');
    expectApiError(await call('POST', path, {}), 400, 'invalid toxic type');
    const badStream = 'stream was invalid, can be either upstream or downstream';
    expectApiError(await call('POST', path, { type: 'nope', stream: 'sideways' }), 400, badStream);
    const wrong = await call('POST', path, { type: 'latency', attributes: { latency: '300' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json().error).toMatch(/^bad request body: json: cannot unmarshal string into Go struct field .*latency of type int64$/);
    expectApiError(await call('POST', path, '{"type":'), 400, 'bad request body: unexpected EOF');
  });

  it('GET/PATCH/POST/DELETE /proxies/{p}/toxics/{t}: attributes merged, toxicity kept unless sent', async () => {
    const p = await createProxy(9);
    await addToxic(p.name, { name: 'lat', type: 'latency', attributes: { latency: 100, jitter: 10 }, toxicity: 0.5 });
    const show = await call('GET', `/proxies/${p.name}/toxics/lat`);
    expect(show.json()).toEqual({ attributes: { latency: 100, jitter: 10 }, name: 'lat', type: 'latency', stream: 'downstream', toxicity: 0.5 });
    const patched = await call('PATCH', `/proxies/${p.name}/toxics/lat`, { attributes: { jitter: 20 } });
    expect(patched.status).toBe(200);
    expect(patched.json()).toMatchObject({ attributes: { latency: 100, jitter: 20 }, toxicity: 0.5 });
    const posted = await call('POST', `/proxies/${p.name}/toxics/lat`, { toxicity: 1 });
    expect(posted.json()).toMatchObject({ attributes: { latency: 100, jitter: 20 }, toxicity: 1 });
    const del = await call('DELETE', `/proxies/${p.name}/toxics/lat`);
    expect({ status: del.status, text: del.text }).toEqual({ status: 204, text: '' });
    expect((await call('GET', `/proxies/${p.name}/toxics`)).text).toBe('[]');
  });

  it('POST /reset: 204, removes every toxic, re-enables proxies, deletes none', async () => {
    const a = await createProxy(9);
    const b = await createProxy(9);
    await addToxic(a.name, { type: 'latency', attributes: { latency: 10 } });
    await call('PATCH', `/proxies/${b.name}`, { enabled: false });
    const r = await call('POST', '/reset');
    expect({ status: r.status, text: r.text }).toEqual({ status: 204, text: '' });
    const all = (await call('GET', '/proxies')).json();
    expect(all[a.name]).toMatchObject({ enabled: true, toxics: [] });
    expect(all[b.name]).toMatchObject({ enabled: true, listen: b.listen });
  });

  it('POST /populate: 201 {"proxies":[...]}; different listen/upstream replaces, identical is left as is', async () => {
    const keep = proxyName();
    const swap = proxyName();
    const r = await call('POST', '/populate', [
      { name: keep, listen: '127.0.0.1:0', upstream: '127.0.0.1:9' },
      { name: swap, listen: '127.0.0.1:0', upstream: '127.0.0.1:9' },
    ]);
    expect({ status: r.status, type: r.type }).toEqual({ status: 201, type: 'application/json' });
    expect(r.text).toMatch(/^\{"proxies":\[.*\]\}$/s);
    const [kept, swapped] = r.json().proxies as ProxyInfo[];
    await addToxic(keep, { type: 'noop' });
    await addToxic(swap, { type: 'noop' });
    const again = await call('POST', '/populate', [
      { name: keep, listen: kept!.listen, upstream: '127.0.0.1:9' },
      { name: swap, listen: swapped!.listen, upstream: '127.0.0.1:10' },
    ]);
    expect(again.status).toBe(201);
    const all = (await call('GET', '/proxies')).json();
    expect(all[keep].toxics).toHaveLength(1);
    expect(all[swap]).toMatchObject({ upstream: '127.0.0.1:10', toxics: [] });
  });

  it('POST /populate errors are application/json and carry "proxies"', async () => {
    const r = await call('POST', '/populate', [{ upstream: '127.0.0.1:9' }]);
    expect({ status: r.status, type: r.type }).toEqual({ status: 400, type: 'application/json' });
    const body = r.json();
    expect(body).toMatchObject({ error: expect.stringMatching(/^missing required field: name/), status: 400 });
    expect(Object.keys(body)).toContain('proxies');
    expect(r.text.endsWith('}'), 'json.Marshal output: no trailing newline').toBe(true);
  });

  it('success bodies are json.Marshal output without a trailing newline; only /version and errors end with one', async () => {
    const p = await createProxy(9);
    const bodies = [
      await call('GET', '/proxies'),
      await call('GET', `/proxies/${p.name}`),
      await call('PATCH', `/proxies/${p.name}`, {}),
      await addToxic(p.name, { type: 'noop' }),
      await call('GET', `/proxies/${p.name}/toxics`),
      await call('GET', `/proxies/${p.name}/toxics/noop_downstream`),
    ];
    for (const r of bodies) {
      expect(r.status).toBe(200);
      expect(r.text.endsWith('\n'), r.text).toBe(false);
    }
    expect((await call('GET', '/version')).text.endsWith('}\n')).toBe(true);
    expect((await call('GET', '/proxies/none')).text.endsWith('}\n')).toBe(true);
  });

  it('impossible values (slicer average_size <= 0, size_variation > average_size, bandwidth rate < 0)', async () => {
    // Real Toxiproxy accepts them and crashes once data flows: no connection is ever opened here.
    const p = await createProxy(9);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ type: 'slicer', attributes: { average_size: 0 } }, /slicer attribute average_size must be 1 or more/],
      [{ type: 'slicer', attributes: { average_size: 10, size_variation: 11 } }, /slicer attribute size_variation must be between 0 and average_size \(10\)/],
      [{ type: 'bandwidth', attributes: { rate: -1 } }, /bandwidth attribute rate must be 0 or more/],
    ];
    for (const [toxic, message] of cases) {
      const r = await call('POST', `/proxies/${p.name}/toxics`, toxic);
      if (isEmbedded) {
        expect(r.status).toBe(400);
        expect(r.json().error).toMatch(message);
      } else {
        expect(r.status).toBe(200);
        await call('DELETE', `/proxies/${p.name}/toxics/${r.json().name}`);
      }
    }
  });
});

describe('integers beyond JavaScript\'s exact range', { timeout: 10_000 }, () => {
  it('latency jitter >= 2^62 (crashes real Toxiproxy) and integers above 2^53 are refused, never rounded', async () => {
    // Real Toxiproxy accepts both (it keeps int64; the jitter panics once data flows): no connection is opened here.
    const p = await createProxy(9);
    const cases: Array<[string, RegExp, string]> = [
      ['{"type":"latency","attributes":{"jitter":4611686018427387904}}', /latency attribute jitter must be below 4611686018427387904 \(2\^62\)/, '"jitter":4611686018427387904'],
      ['{"type":"latency","attributes":{"latency":9007199254740993}}', /latency attribute latency must be between -9007199254740991 and 9007199254740991 .*got 9007199254740993/, '"latency":9007199254740993'],
      ['{"type":"timeout","attributes":{"timeout":-9223372036854775808}}', /timeout attribute timeout must be between .*got -9223372036854775808/, '"timeout":-9223372036854775808'],
    ];
    for (const [body, message, roundTrip] of cases) {
      const r = await call('POST', `/proxies/${p.name}/toxics`, body);
      if (isEmbedded) {
        expect(r.status, r.text).toBe(400);
        expect(r.json().error).toMatch(message);
      } else {
        expect(r.status).toBe(200);
        expect(r.text).toContain(roundTrip);
        await call('DELETE', `/proxies/${p.name}/toxics/${r.json().name}`);
      }
    }
    const safe = await addToxic(p.name, { type: 'latency', attributes: { latency: 9007199254740991 } });
    expect(safe.text).toContain('"latency":9007199254740991');
  });
});

// ================================================================= toxiproxy-node-client

describe('toxiproxy-node-client', { timeout: 15_000 }, () => {
  it('getVersion, createProxy, addToxic, toxic.update, toxic.remove, proxy.update, reset, getAll, remove', async () => {
    const echo = await echoServer();
    const tp = new Toxiproxy(api);
    const version = await tp.getVersion();
    expect(version).toMatch(/^\{"version": "[^"]+"\}\n$/);
    const name = proxyName();
    const proxy = await tp.createProxy({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
    expect(proxy.listen).toMatch(/^127\.0\.0\.1:\d+$/);
    const port = Number(proxy.listen.split(':')[1]);
    const client = await connect(port);
    expect(await roundTrip(client)).toBeLessThan(250);

    const toxic = await proxy.addToxic<{ latency: number; jitter: number }>({
      name: 'lat',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 300, jitter: 0 },
    });
    expect(toxic.toJson()).toEqual({ attributes: { latency: 300, jitter: 0 }, name: 'lat', stream: 'downstream', toxicity: 1, type: 'latency' });
    const slow = await roundTrip(client);
    expect(slow).toBeGreaterThanOrEqual(250);
    expect(slow).toBeLessThan(1_500);

    const updated = await toxic.update({ ...toxic.toJson(), attributes: { latency: 0, jitter: 0 } });
    expect(updated.attributes).toEqual({ latency: 0, jitter: 0 });
    expect(await roundTrip(client)).toBeLessThan(250);
    await updated.remove();
    expect((await proxy.getToxic('lat').catch((e: Error) => e)).toString()).toMatch(/status code 404/);

    const disabled = await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    expect(disabled.enabled).toBe(false);
    await tp.reset();
    const all = await tp.getAll();
    expect(all[name]?.enabled).toBe(true);
    const dup = await tp.createProxy({ name, listen: '127.0.0.1:0', upstream: 'x:1' }).catch((e: Error) => e);
    expect(String((dup as Error).message)).toBe('Request failed with status code 409');
    await (await tp.get(name)).remove();
    expect(await tp.get(name).catch((e: Error) => e.message)).toBe('Request failed with status code 404');
  });

  it('ws_* toxics through the client (wsToxicBody); supportsWsToxics tells which server has them', async () => {
    expect(await supportsWsToxics(api)).toBe(isEmbedded);
    const tp = new Toxiproxy(api);
    const proxy = await tp.createProxy({ name: proxyName(), listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
    const added = await proxy.addToxic(wsToxicBody({ type: 'ws_drop', attributes: { opcode: 10 } })).catch((e: Error) => e);
    if (isEmbedded) {
      expect((added as Toxic<WsDropAttributes>).attributes).toEqual({ opcode: 10, json_field: '', json_value: '' });
      expect((added as Toxic<WsDropAttributes>).name).toBe('ws_drop_downstream');
    } else {
      expect((added as Error).message).toBe('Request failed with status code 400');
    }
  });

  it('populate through the client', async () => {
    const tp = new Toxiproxy(api);
    const name = proxyName();
    const proxies = await tp.populate([{ name, listen: '127.0.0.1:0', upstream: '127.0.0.1:9' }]);
    expect(proxies[name]?.upstream).toBe('127.0.0.1:9');
  });
});

// ================================================================= toxics on real sockets

describe('toxic effects on TCP connections', { timeout: 15_000 }, () => {
  it('no toxic: bytes pass both ways unchanged', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    const client = await connect(p.port);
    const payload = Buffer.alloc(200_000, 0).map((_, i) => i % 251);
    client.socket.write(payload);
    expect(await waitFor(() => client.received().length >= payload.length, 5_000)).toBe(true);
    expect(client.received().equals(payload)).toBe(true);
  });

  it('latency 300 ms downstream: echo round trip 250..1500 ms; up+down: 500..2500 ms', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    await addToxic(p.name, { type: 'latency', attributes: { latency: 300 } });
    const client = await connect(p.port);
    const rtt = await roundTrip(client);
    expect(rtt).toBeGreaterThanOrEqual(250);
    expect(rtt).toBeLessThan(1_500);
    await addToxic(p.name, { type: 'latency', stream: 'upstream', attributes: { latency: 300 } });
    const both = await roundTrip(client);
    expect(both).toBeGreaterThanOrEqual(500);
    expect(both).toBeLessThan(2_500);
  });

  it('latency added to an open connection applies to the next message; an update applies at once', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    const client = await connect(p.port);
    expect(await roundTrip(client)).toBeLessThan(250);
    await addToxic(p.name, { name: 'lat', type: 'latency', attributes: { latency: 300 } });
    expect(await roundTrip(client)).toBeGreaterThanOrEqual(250);
    await call('PATCH', `/proxies/${p.name}/toxics/lat`, { attributes: { latency: 0 } });
    expect(await roundTrip(client)).toBeLessThan(250);
  });

  it('toxicity is drawn per connection and direction, never per chunk', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    // Affected round trips take >= 2 000 ms; unaffected ones must stay under 1 000 ms even at load 13 with 30 connects at once.
    await addToxic(p.name, { type: 'latency', attributes: { latency: 2_000 }, toxicity: 0.5 });
    const runs = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const client = await connect(p.port);
        const first = await roundTrip(client, 'a');
        const second = await roundTrip(client, 'b');
        return [first >= 1_000, second >= 1_000] as const;
      }),
    );
    for (const [a, b] of runs) expect(a).toBe(b);
    const affected = runs.filter(([a]) => a).length;
    expect(affected).toBeGreaterThanOrEqual(3);
    expect(affected).toBeLessThanOrEqual(27);
  });

  it('toxicity 0 never applies', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    await addToxic(p.name, { type: 'latency', attributes: { latency: 500 }, toxicity: 0 });
    const client = await connect(p.port);
    expect(await roundTrip(client)).toBeLessThan(250);
  });

  it('bandwidth 20 KB/s: 20 000 B take about a second (600..5000 ms)', async () => {
    const server = await tcpServer((s) => s.end(Buffer.alloc(20_000, 1)));
    const p = await createProxy(server.port);
    await addToxic(p.name, { type: 'bandwidth', attributes: { rate: 20 } });
    const start = performance.now();
    const client = await connect(p.port);
    expect(await waitFor(() => client.received().length >= 20_000, 6_000)).toBe(true);
    const elapsed = performance.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('bandwidth 0 stops data; removing the toxic lets the held data through', async () => {
    const server = await tcpServer((s) => s.write('held back'));
    const p = await createProxy(server.port);
    await addToxic(p.name, { name: 'bw0', type: 'bandwidth', attributes: { rate: 0 } });
    const client = await connect(p.port);
    await sleep(400);
    expect(client.received().length).toBe(0);
    await call('DELETE', `/proxies/${p.name}/toxics/bw0`);
    expect(await waitFor(() => client.received().toString() === 'held back', 2_000)).toBe(true);
  });

  it('slow_close 500 ms: data unchanged, the close arrives 400..3000 ms late', async () => {
    const server = await tcpServer((s) => s.end('bye'));
    const p = await createProxy(server.port);
    await addToxic(p.name, { type: 'slow_close', attributes: { delay: 500 } });
    const start = performance.now();
    const client = await connect(p.port);
    expect(await waitFor(() => client.received().toString() === 'bye', 2_000)).toBe(true);
    const { at } = await client.closed;
    expect(at - start).toBeGreaterThanOrEqual(400);
    expect(at - start).toBeLessThan(3_000);
  });

  it('timeout 300 ms: data dropped, connection closed 200..3000 ms after the last chunk', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    await addToxic(p.name, { type: 'timeout', stream: 'upstream', attributes: { timeout: 300 } });
    const client = await connect(p.port);
    const wrote = performance.now();
    client.socket.write('lost');
    const { at } = await client.closed;
    expect(client.received().length).toBe(0);
    expect(at - wrote).toBeGreaterThanOrEqual(200);
    expect(at - wrote).toBeLessThan(3_000);
  });

  it('timeout 0: a half-open link until the toxic is removed, which closes the connection', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    await addToxic(p.name, { name: 't0', type: 'timeout', attributes: { timeout: 0 } });
    const client = await connect(p.port);
    client.socket.write('swallowed');
    expect(await closedWithin(client.closed, 500)).toBe('timeout');
    expect(client.received().length).toBe(0);
    await call('DELETE', `/proxies/${p.name}/toxics/t0`);
    expect(await closedWithin(client.closed, 2_000)).not.toBe('timeout');
  });

  it('timeout 0 cleared by /reset closes the connection too', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    await addToxic(p.name, { type: 'timeout', attributes: { timeout: 0 } });
    const client = await connect(p.port);
    client.socket.write('swallowed');
    await sleep(100); // the link exists (the upstream was dialled) before the reset
    await call('POST', '/reset');
    expect(await closedWithin(client.closed, 2_000)).not.toBe('timeout');
  });

  it('reset_peer present at accept: RST (ECONNRESET) at both ends on the first chunk', async () => {
    const serverErrors: string[] = [];
    const server = await tcpServer((s) => s.on('error', (e: NodeJS.ErrnoException) => serverErrors.push(e.code ?? '')));
    const p = await createProxy(server.port);
    await addToxic(p.name, { type: 'reset_peer', stream: 'upstream', attributes: { timeout: 0 } });
    const client = await connect(p.port);
    client.socket.write('boom');
    const closed = await closedWithin(client.closed, 3_000);
    expect(closed).not.toBe('timeout');
    expect((closed as { error: string | null }).error).toBe('ECONNRESET');
    expect(await waitFor(() => serverErrors.includes('ECONNRESET'), 2_000)).toBe(true);
  });

  it('reset_peer added to a live connection: a plain FIN; idle connections untouched', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    const live = await connect(p.port);
    const idle = await connect(p.port);
    await roundTrip(live);
    await addToxic(p.name, { type: 'reset_peer', stream: 'upstream', attributes: { timeout: 100 } });
    live.socket.write('boom');
    const closed = await closedWithin(live.closed, 3_000);
    expect(closed).toMatchObject({ error: null, sawEnd: true });
    expect(await closedWithin(idle.closed, 400)).toBe('timeout');
  });

  it('slicer: a 300-byte write arrives in several pieces, intact', async () => {
    const payload = Buffer.from('x'.repeat(300));
    const server = await tcpServer((s) => s.write(payload));
    const p = await createProxy(server.port);
    await addToxic(p.name, { type: 'slicer', attributes: { average_size: 10, size_variation: 5, delay: 2_000 } });
    const client = await connect(p.port);
    expect(await waitFor(() => client.received().length >= 300, 5_000)).toBe(true);
    expect(client.received().equals(payload)).toBe(true);
    expect(client.dataEvents()).toBeGreaterThanOrEqual(5);
  });

  it('limit_data 10 bytes: exactly 10 bytes, then the connection closes', async () => {
    const server = await tcpServer((s) => s.write(Buffer.alloc(100, 0x61)));
    const p = await createProxy(server.port);
    await addToxic(p.name, { type: 'limit_data', attributes: { bytes: 10 } });
    const client = await connect(p.port);
    expect(await closedWithin(client.closed, 3_000)).not.toBe('timeout');
    expect(client.received().toString()).toBe('a'.repeat(10));
  });

  it('durations over 2^31-1 ms really hold (3 000 000 000 ms latency, timeout, slow_close)', async () => {
    const echo = await echoServer();
    const held = await createProxy(echo.port);
    await addToxic(held.name, { type: 'latency', attributes: { latency: 3_000_000_000 } });
    const heldClient = await connect(held.port);
    await expect(roundTrip(heldClient, 'ping', 1_000)).rejects.toThrow(/no echo/);
    const dropped = await createProxy(echo.port);
    await addToxic(dropped.name, { type: 'timeout', attributes: { timeout: 3_000_000_000 } });
    const droppedClient = await connect(dropped.port);
    droppedClient.socket.write('ping');
    expect(await closedWithin(droppedClient.closed, 1_000)).toBe('timeout');
    const slowEcho = await echoServer();
    const slow = await createProxy(slowEcho.port);
    await addToxic(slow.name, { type: 'slow_close', stream: 'upstream', attributes: { delay: 3_000_000_000 } });
    const slowClient = await connect(slow.port);
    expect(await roundTrip(slowClient)).toBeLessThan(1_000);
    let upstreamClosed = false;
    expect(slowEcho.sockets.size).toBe(1);
    for (const s of slowEcho.sockets) s.once('close', () => (upstreamClosed = true));
    slowClient.socket.end();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(upstreamClosed).toBe(false);
  });

  it('noop: accepted, changes nothing', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    await addToxic(p.name, { type: 'noop' });
    const client = await connect(p.port);
    expect(await roundTrip(client, 'hello')).toBeLessThan(250);
    expect(client.received().toString()).toBe('hello');
  });
});

describe('proxy state and live connections', { timeout: 15_000 }, () => {
  it('disable closes connections and refuses new ones; toxics survive; enable binds the same address', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    await addToxic(p.name, { type: 'noop' });
    const client = await connect(p.port);
    await roundTrip(client);
    const off = await call('PATCH', `/proxies/${p.name}`, { enabled: false });
    expect(off.json()).toMatchObject({ enabled: false, listen: p.listen });
    expect(await closedWithin(client.closed, 2_000)).not.toBe('timeout');
    expect(await connectError(p.port)).toBe('ECONNREFUSED');
    expect((await call('GET', `/proxies/${p.name}/toxics`)).json()).toHaveLength(1);
    const on = await call('PATCH', `/proxies/${p.name}`, { enabled: true });
    expect(on.json()).toMatchObject({ enabled: true, listen: p.listen });
    const again = await connect(p.port);
    expect(await roundTrip(again)).toBeLessThan(1_000);
  });

  it('disable: a WebSocket sees 1006 (no close frame) at both ends', async () => {
    const server = await wsServer();
    const p = await createProxy(server.port);
    const client = await wsConnect(p.port);
    client.ws.send('echo:up');
    expect(await waitFor(() => client.messages.length === 1, 2_000)).toBe(true);
    await call('PATCH', `/proxies/${p.name}`, { enabled: false });
    expect(await closedWithin(client.closed, 2_000)).toMatchObject({ code: 1006 });
    expect(await waitFor(() => server.closes.length === 1, 2_000)).toBe(true);
    expect(server.closes[0]!.code).toBe(1006);
  });

  it('DELETE closes the open connections', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    const client = await connect(p.port);
    await roundTrip(client);
    await call('DELETE', `/proxies/${p.name}`);
    expect(await closedWithin(client.closed, 2_000)).not.toBe('timeout');
    expect(await connectError(p.port)).toBe('ECONNREFUSED');
  });

  it('changing upstream drops connections; an identical PATCH is a no-op', async () => {
    const echo = await echoServer();
    const other = await echoServer();
    const p = await createProxy(echo.port);
    const client = await connect(p.port);
    await call('PATCH', `/proxies/${p.name}`, { listen: p.listen, upstream: p.upstream, enabled: true });
    expect(await roundTrip(client)).toBeLessThan(1_000);
    await call('PATCH', `/proxies/${p.name}`, { upstream: `127.0.0.1:${other.port}` });
    expect(await closedWithin(client.closed, 2_000)).not.toBe('timeout');
  });

  it('PATCH compares resolved addresses: localhost:P for 127.0.0.1:P keeps the proxy and its connections', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    const client = await connect(p.port);
    const r = await call('PATCH', `/proxies/${p.name}`, { listen: `localhost:${p.port}` });
    expect({ status: r.status, listen: r.json().listen, enabled: r.json().enabled }).toEqual({ status: 200, listen: p.listen, enabled: true });
    expect(await roundTrip(client)).toBeLessThan(1_000);
    expect(await closedWithin(client.closed, 300)).toBe('timeout');
  });

  it('PATCH with a listen that does not resolve: 500 before anything changes (still enabled, same address, connections kept)', async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    const client = await connect(p.port);
    for (const listen of ['no-port-here', '127.0.0.1:notaport']) {
      const r = await call('PATCH', `/proxies/${p.name}`, { listen });
      expect(r.status, r.text).toBe(500);
      expect(r.type).toBe('text/plain; charset=utf-8');
    }
    expect((await call('GET', `/proxies/${p.name}`)).json()).toMatchObject({ listen: p.listen, enabled: true });
    expect(await roundTrip(client)).toBeLessThan(1_000);
    const second = await connect(p.port);
    expect(await roundTrip(second)).toBeLessThan(1_000);
  });

  it('half-close is not preserved: a client FIN closes the whole connection', async () => {
    const serverEnded: boolean[] = [];
    const server = await tcpServer((s) => s.on('end', () => serverEnded.push(true)), { allowHalfOpen: true });
    const p = await createProxy(server.port);
    const client = await connect(p.port, { allowHalfOpen: true });
    await sleep(50);
    client.socket.end();
    const closed = await closedWithin(client.closed, 2_000);
    expect(closed).toMatchObject({ sawEnd: true });
    expect(serverEnded).toEqual([true]);
  });

  it('a failed upstream dial closes the accepted client at once', async () => {
    const p = await createProxy(await freePort());
    const client = await connect(p.port);
    expect(await closedWithin(client.closed, 2_000)).not.toBe('timeout');
    expect(client.received().length).toBe(0);
  });
});

// ================================================================= WebSocket-aware toxics

const WS_TYPES = ['ws_drop', 'ws_delay', 'ws_close'] as const;

/**
 * A WebSocket-aware toxic test: runs `body` on the embedded server; on a real Toxiproxy asserts
 * instead that the toxic types it uses are refused with 400 `invalid toxic type`.
 */
function wsIt(name: string, types: ReadonlyArray<(typeof WS_TYPES)[number]>, body: () => Promise<void>): void {
  it(name, async () => {
    if (isEmbedded) return body();
    const p = await createProxy(9);
    for (const type of types) {
      expectApiError(await call('POST', `/proxies/${p.name}/toxics`, { type, attributes: { opcode: 10 } }), 400, 'invalid toxic type');
    }
  });
}

describe('WebSocket-aware toxics (embedded; refused by a real Toxiproxy)', { timeout: 15_000 }, () => {
  wsIt('ws_drop opcode 10 added to a live connection swallows pongs; messages still flow', ['ws_drop'], async () => {
    const server = await wsServer();
    const p = await createProxy(server.port);
    const client = await wsConnect(p.port);
    client.ws.ping();
    expect(await waitFor(() => client.pongs === 1, 2_000)).toBe(true);
    const r = await addToxic(p.name, { type: 'ws_drop', attributes: { opcode: 10 } });
    expect(r.json()).toEqual({
      attributes: { opcode: 10, json_field: '', json_value: '' },
      name: 'ws_drop_downstream',
      type: 'ws_drop',
      stream: 'downstream',
      toxicity: 1,
    });
    client.ws.ping();
    client.ws.send('echo:still-here');
    expect(await waitFor(() => client.messages.length === 1, 2_000)).toBe(true);
    await sleep(200);
    expect(client.pongs).toBe(1);
    expect(client.messages[0]!.text).toBe('echo:still-here');
  });

  wsIt('ws_drop by JSON field downstream: every {"type":"pong"} message is swallowed', ['ws_drop'], async () => {
    const server = await wsServer((ws) => {
      for (const [type, n] of [['pong', 1], ['data', 2], ['pong', 3], ['data', 4]] as const) ws.send(JSON.stringify({ type, n }));
    });
    const p = await createProxy(server.port);
    await addToxic(p.name, { type: 'ws_drop', attributes: { json_field: 'type', json_value: 'pong' } });
    const client = await wsConnect(p.port);
    expect(await waitFor(() => client.messages.length >= 2, 2_000)).toBe(true);
    await sleep(150);
    expect(client.messages.map((m) => JSON.parse(m.text).n)).toEqual([2, 4]);
  });

  wsIt('ws_drop by JSON field upstream (masked client frames), through a slicer that splits every frame', ['ws_drop'], async () => {
    const server = await wsServer();
    const p = await createProxy(server.port);
    await addToxic(p.name, { name: 'slice', type: 'slicer', stream: 'upstream', attributes: { average_size: 3, size_variation: 1 } });
    await addToxic(p.name, { type: 'ws_drop', stream: 'upstream', attributes: { json_field: 'meta.kind', json_value: 'drop' } });
    const client = await wsConnect(p.port);
    client.ws.send(JSON.stringify({ meta: { kind: 'drop' }, n: 1 }));
    client.ws.send(JSON.stringify({ meta: { kind: 'keep' }, n: 2 }));
    client.ws.send('not json');
    client.ws.send(JSON.stringify({ meta: { kind: 'drop' }, n: 3 }));
    client.ws.send(Buffer.alloc(1_000, 7));
    expect(await waitFor(() => server.received.length >= 3, 3_000)).toBe(true);
    await sleep(150);
    expect(server.received).toEqual([JSON.stringify({ meta: { kind: 'keep' }, n: 2 }), 'not json', '<binary 1000>']);
  });

  wsIt('ws_delay holds matching frames by `delay` ms while others overtake them', ['ws_delay'], async () => {
    let sentAt = 0;
    const server = await wsServer((ws) => {
      sentAt = performance.now();
      ws.send(JSON.stringify({ type: 'slow' }));
      ws.send(JSON.stringify({ type: 'fast' }));
    });
    const p = await createProxy(server.port);
    await addToxic(p.name, { type: 'ws_delay', attributes: { delay: 400, json_field: 'type', json_value: 'slow' } });
    const client = await wsConnect(p.port);
    expect(await waitFor(() => client.messages.length === 2, 3_000)).toBe(true);
    expect(client.messages.map((m) => JSON.parse(m.text).type)).toEqual(['fast', 'slow']);
    const held = client.messages[1]!.at - sentAt;
    expect(held).toBeGreaterThanOrEqual(300);
    expect(held).toBeLessThan(2_500);
  });

  wsIt('ws_close downstream: the client sees the injected code and reason, then the TCP close', ['ws_close'], async () => {
    const server = await wsServer();
    const p = await createProxy(server.port);
    await addToxic(p.name, { type: 'ws_close', attributes: { code: 4001, reason: 'bye', after: 200 } });
    const client = await wsConnect(p.port);
    const closed = await closedWithin(client.closed, 3_000);
    expect(closed).toMatchObject({ code: 4001, reason: 'bye' });
    // The client's close reply passes upstream: the server sees the same code.
    expect(await waitFor(() => server.closes.length === 1, 2_000)).toBe(true);
    expect(server.closes[0]!.code).toBe(4001);
  });

  wsIt('ws_close upstream added live (masked, after -1): the server sees the code, peers close the TCP', ['ws_close'], async () => {
    const server = await wsServer();
    const p = await createProxy(server.port);
    const client = await wsConnect(p.port);
    client.ws.send('echo:before');
    expect(await waitFor(() => client.messages.length === 1, 2_000)).toBe(true);
    await addToxic(p.name, { type: 'ws_close', stream: 'upstream', attributes: { code: 4002, reason: 'client gone', after: -1 } });
    expect(await waitFor(() => server.closes.length === 1, 3_000)).toBe(true);
    expect(server.closes[0]).toEqual({ code: 4002, reason: 'client gone' });
    expect(await closedWithin(client.closed, 3_000)).toMatchObject({ code: 4002 });
  });

  wsIt('ws_* toxics leave non-WebSocket traffic untouched', ['ws_drop', 'ws_close'], async () => {
    const echo = await echoServer();
    const p = await createProxy(echo.port);
    await addToxic(p.name, { type: 'ws_drop', attributes: { opcode: -1, json_field: 'type', json_value: 'x' } });
    await addToxic(p.name, { type: 'ws_drop', stream: 'upstream', attributes: { opcode: 1 } });
    await addToxic(p.name, { type: 'ws_close', attributes: { code: 1000 } });
    const client = await connect(p.port);
    const frameLike = Buffer.from([0x81, 0x02, 0x68, 0x69, 0x89, 0x00]);
    client.socket.write(frameLike);
    expect(await waitFor(() => client.received().length >= frameLike.length, 2_000)).toBe(true);
    expect(client.received().equals(frameLike)).toBe(true);
  });

  wsIt('attributes are validated with clear 400s', WS_TYPES, async () => {
    const p = await createProxy(9);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ type: 'ws_drop', attributes: { opcode: 3 } }, /ws_drop attribute opcode must be -1 \(any\) or one of .*got 3$/],
      [{ type: 'ws_drop', attributes: {} }, /ws_drop needs a matcher/],
      [{ type: 'ws_drop', attributes: { json_value: 'pong' } }, /json_value needs json_field/],
      [{ type: 'ws_drop', attributes: { opcode: 2, json_field: 'type' } }, /json_field only matches text frames/],
      [{ type: 'ws_delay', attributes: { opcode: 9, delay: -1 } }, /ws_delay attribute delay must be 0 or more \(ms\), got -1/],
      [{ type: 'ws_close', attributes: { code: 999 } }, /ws_close attribute code must be 0 .* or between 1000 and 4999, got 999/],
      [{ type: 'ws_close', attributes: { code: 1000, reason: 'x'.repeat(124) } }, /reason must be at most 123 bytes/],
      [{ type: 'ws_close', attributes: { code: 0, reason: 'x' } }, /reason must be empty when code is 0/],
      [{ type: 'ws_close', attributes: { after: -2 } }, /ws_close attribute after must be 0 or more/],
      [{ type: 'ws_close', attributes: { reason: 5 } }, /cannot unmarshal number into Go struct field WsCloseToxic\.attributes\.reason of type string/],
    ];
    for (const [toxic, message] of cases) {
      const r = await call('POST', `/proxies/${p.name}/toxics`, toxic);
      expect({ status: r.status, type: r.type }).toEqual({ status: 400, type: 'text/plain; charset=utf-8' });
      expect(r.json().error).toMatch(/^bad request body: /);
      expect(r.json().error).toMatch(message);
    }
    const update = await addToxic(p.name, { name: 'd', type: 'ws_delay', attributes: { opcode: 9, delay: 10 } });
    expect(update.json().attributes).toEqual({ delay: 10, opcode: 9, json_field: '', json_value: '' });
    const bad = await call('PATCH', `/proxies/${p.name}/toxics/d`, { attributes: { opcode: 42 } });
    expect(bad.status).toBe(400);
    expect((await call('GET', `/proxies/${p.name}/toxics/d`)).json().attributes.opcode).toBe(9);
  });
});
