/**
 * Proxy overhead benchmark: `tsx bench/proxy.bench.ts`.
 *
 * A `ws` echo server on 127.0.0.1:0, measured directly, through the embedded Toxiproxy-compatible
 * server (no toxics) in this process (how scenarios use it: proxy, client and server share one
 * event loop) and in its own process (`harness/proxy/main.ts`, like a real Toxiproxy), and through
 * a real Toxiproxy when TOXIPROXY_URL is set:
 * - echo round trip of a 64-byte message, p50 / p99 (after a warm-up);
 * - bulk upload of 1 MiB binary messages, MB/s (10^6 bytes/s) until the server acknowledges;
 * - connect-to-open (TCP + HTTP upgrade), p50.
 * Every loop is bounded in count and time; everything started here is closed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import { startEmbeddedToxiproxy } from '../harness/proxy/embedded/index.js';
import { probeVersion } from '../harness/proxy/version-probe.js';

const RTT_WARMUP = 1_000; // the proxy path needs ~1000 round trips of JIT warm-up before p99 settles
const RTT_SAMPLES = 2_000;
const BULK_WARMUP_MESSAGES = 8;
const BULK_MESSAGES = 64;
const BULK_MESSAGE_BYTES = 1024 * 1024;
const CONNECT_SAMPLES = 200;
const PHASE_DEADLINE_MS = 30_000;

interface Result {
  rttP50: number;
  rttP99: number;
  bulkMBps: number;
  connectP50: number;
  notes: string[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function open(url: string): Promise<{ ws: WebSocket; ms: number }> {
  const start = performance.now();
  const ws = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no open within 5 s: ${url}`));
    }, 5_000);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve({ ws, ms: performance.now() - start });
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function closeWs(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    ws.once('close', () => resolve());
    ws.terminate();
  });
}

async function measureRtt(url: string, notes: string[]): Promise<number[]> {
  const { ws } = await open(url);
  const payload = Buffer.alloc(64, 0x61);
  const samples: number[] = [];
  const deadline = performance.now() + PHASE_DEADLINE_MS;
  try {
    for (let i = 0; i < RTT_WARMUP + RTT_SAMPLES && performance.now() < deadline; i++) {
      const start = performance.now();
      await new Promise<void>((resolve) => {
        ws.once('message', () => resolve());
        ws.send(payload);
      });
      if (i >= RTT_WARMUP) samples.push(performance.now() - start);
    }
  } finally {
    await closeWs(ws);
  }
  if (samples.length < RTT_SAMPLES) notes.push(`rtt: deadline hit after ${samples.length} samples`);
  return samples.sort((a, b) => a - b);
}

/** Sends `count` 1 MiB messages then `fin`; resolves when the server acknowledges all bytes. */
async function upload(ws: WebSocket, count: number): Promise<number> {
  const message = Buffer.alloc(BULK_MESSAGE_BYTES, 0x62);
  const start = performance.now();
  const acked = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bulk: no ack within the deadline')), PHASE_DEADLINE_MS);
    ws.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  for (let i = 0; i < count; i++) ws.send(message);
  ws.send('fin');
  await acked;
  return performance.now() - start;
}

async function measureBulk(url: string): Promise<number> {
  const { ws } = await open(url);
  try {
    await upload(ws, BULK_WARMUP_MESSAGES);
    const ms = await upload(ws, BULK_MESSAGES);
    return (BULK_MESSAGES * BULK_MESSAGE_BYTES) / 1e6 / (ms / 1000);
  } finally {
    await closeWs(ws);
  }
}

async function measureConnect(url: string, notes: string[]): Promise<number[]> {
  const samples: number[] = [];
  const deadline = performance.now() + PHASE_DEADLINE_MS;
  for (let i = 0; i < CONNECT_SAMPLES && performance.now() < deadline; i++) {
    const { ws, ms } = await open(url);
    samples.push(ms);
    await closeWs(ws);
  }
  if (samples.length < CONNECT_SAMPLES) notes.push(`connect: deadline hit after ${samples.length} samples`);
  return samples.sort((a, b) => a - b);
}

async function measure(url: string): Promise<Result> {
  const notes: string[] = [];
  const rtt = await measureRtt(url, notes);
  const bulkMBps = await measureBulk(url);
  const connect = await measureConnect(url, notes);
  return { rttP50: percentile(rtt, 50), rttP99: percentile(rtt, 99), bulkMBps, connectP50: percentile(connect, 50), notes };
}

async function createProxy(api: string, name: string, upstreamPort: number): Promise<number> {
  await fetch(`${api}/proxies/${name}`, { method: 'DELETE' });
  const res = await fetch(`${api}/proxies`, {
    method: 'POST',
    body: JSON.stringify({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstreamPort}` }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST ${api}/proxies answered ${res.status}: ${text.trim()}`);
  return Number((JSON.parse(text) as { listen: string }).listen.split(':').pop());
}

/** Runs `harness/proxy/main.ts --port 0` in a child process; resolves with its URL. */
async function spawnEmbeddedProcess(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  // The tsx CLI (not `node --import tsx`, under which SIGTERM handlers do not run).
  const tsxCli = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsxCli, 'harness/proxy/main.ts', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) return;
    process.kill(child.pid, 'SIGTERM');
    const killTimer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(killTimer);
  };
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`embedded process did not start within 15 s: ${output}`)), 15_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`embedded process exited: ${output}`));
    });
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return { url, child, stop };
}

async function main(): Promise<void> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 2 * BULK_MESSAGE_BYTES });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      if (isBinary && (data as Buffer).length === BULK_MESSAGE_BYTES) return; // bulk: count only
      ws.send(data, { binary: isBinary }); // echo (and the bulk `fin` ack)
    });
  });
  const upstreamPort = (wss.address() as AddressInfo).port;
  const embedded = await startEmbeddedToxiproxy();
  const realApi = process.env.TOXIPROXY_URL?.replace(/\/+$/, '');
  const proxyName = `wsc-bench-${process.pid}`;
  const columns: Array<[string, Result]> = [];
  try {
    columns.push(['direct', await measure(`ws://127.0.0.1:${upstreamPort}/`)]);
    const embeddedPort = await createProxy(embedded.url, proxyName, upstreamPort);
    columns.push(['embedded, in-process', await measure(`ws://127.0.0.1:${embeddedPort}/`)]);
    const separate = await spawnEmbeddedProcess();
    try {
      const separatePort = await createProxy(separate.url, proxyName, upstreamPort);
      columns.push(['embedded, own process', await measure(`ws://127.0.0.1:${separatePort}/`)]);
    } finally {
      await separate.stop();
    }
    if (realApi) {
      const version = await probeVersion(realApi, 5_000);
      const realPort = await createProxy(realApi, proxyName, upstreamPort);
      try {
        columns.push([`toxiproxy ${version}`, await measure(`ws://127.0.0.1:${realPort}/`)]);
      } finally {
        await fetch(`${realApi}/proxies/${proxyName}`, { method: 'DELETE' });
      }
    }
  } finally {
    await embedded.stop();
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  const fmt = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
  const rows: Array<[string, (r: Result) => string]> = [
    [`WebSocket echo round trip p50, 64 B (ms, ${RTT_SAMPLES} samples)`, (r) => fmt(r.rttP50, 3)],
    ['WebSocket echo round trip p99, 64 B (ms)', (r) => fmt(r.rttP99, 3)],
    [`bulk upload, ${BULK_MESSAGES} x 1 MiB messages (MB/s)`, (r) => fmt(r.bulkMBps, 0)],
    [`connect to open p50 (ms, ${CONNECT_SAMPLES} connects)`, (r) => fmt(r.connectP50, 3)],
  ];
  const header = ['metric', ...columns.map(([name]) => name)];
  const lines = [header, header.map(() => '---'), ...rows.map(([label, get]) => [label, ...columns.map(([, r]) => get(r))])];
  process.stdout.write(`node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, loopback\n\n`);
  for (const line of lines) process.stdout.write(`| ${line.join(' | ')} |\n`);
  for (const [name, r] of columns) for (const note of r.notes) process.stdout.write(`note (${name}): ${note}\n`);
  if (!realApi) process.stdout.write('\n(set TOXIPROXY_URL to add a real Toxiproxy column)\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
