/**
 * IMMEDIATE_DISCONNECT vs DROPPED_BEFORE_WELCOME must not flip when the harness's own event loop
 * is busy (issue 13 item 1). The server runs in a child process, so it drops on its own clock
 * while this process is blocked by an injected busy-wait; the probe stamps the FIN late, and must
 * say so and keep the verdict.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, test } from 'vitest';
import { diagnoseConnection } from '../../harness/diagnose/connection.js';
import { Probe } from '../../harness/probe.js';
import { endedAt, first } from '../../harness/timeline.js';

const STALL_MS = 200;
const criteria = { immediateDisconnectMs: 10, welcome: { type: 'welcome' } };

/**
 * A ws server in a child process: DROP_MS='now' drops each connection in its connection handler
 * (the FIN follows the 101 at once); 'on-message' drops it the moment the client's first message
 * arrives; a number drops it that many ms after it opens.
 */
const SERVER = `
const { WebSocketServer } = require('ws');
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('listening', () => process.stdout.write(String(wss.address().port) + '\\n'));
wss.on('connection', (ws) => {
  const how = process.env.DROP_MS;
  if (how === 'now') return ws.terminate();
  if (how === 'on-message') return ws.once('message', () => ws.terminate());
  setTimeout(() => ws.terminate(), Number(how)).unref();
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

let child: ChildProcess | undefined;
let probe: Probe | undefined;
afterEach(() => {
  probe?.dispose();
  probe = undefined;
  if (child?.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
  child = undefined;
});

async function startServer(dropMs: number | 'now' | 'on-message'): Promise<number> {
  child = spawn(process.execPath, ['-e', SERVER], { cwd: process.cwd(), env: { ...process.env, DROP_MS: String(dropMs) }, stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await Promise.race([once(child.stdout!, 'data'), new Promise((_, reject) => setTimeout(() => reject(new Error('drop server did not start in 10 s')), 10_000).unref())])) as [Buffer];
  return Number(chunk.toString().trim());
}

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* the injected stall */
  }
}

describe('open→drop classification under an injected event-loop stall', () => {
  test('a server that drops at once, seen late because the loop was blocked, stays IMMEDIATE_DISCONNECT and says the harness was busy', async () => {
    const port = await startServer('on-message');
    probe = new Probe({ url: `ws://127.0.0.1:${port}/`, handshakeTimeoutMs: 5000 });
    expect(await probe.waitFor('open', 5000)).toBeDefined();
    probe.send('drop me');
    busyWait(STALL_MS); // the server drops at once on that message: the FIN arrives while the loop is blocked
    await probe.waitClosed(5000);
    const open = first(probe.events, 'open')!;
    const end = first(probe.events, 'tcp-end') ?? first(probe.events, 'close')!;
    expect(end.t - open.t).toBeGreaterThan(STALL_MS / 2); // stamped late, far outside the 10 ms window
    expect(end.lateMs).toBeGreaterThan(STALL_MS / 2); // and the probe knows it
    const d = diagnoseConnection(probe.events, criteria);
    expect(d?.code).toBe('IMMEDIATE_DISCONNECT');
    expect(d?.summary).toMatch(/± \d+ ms: the harness was busy/);
    expect(d?.summary).toMatch(/too busy to tell/);
  });

  test('a server that drops 300 ms after open, seen late under a stall, stays DROPPED_BEFORE_WELCOME with the uncertainty stated', async () => {
    const port = await startServer(300);
    probe = new Probe({ url: `ws://127.0.0.1:${port}/`, handshakeTimeoutMs: 5000 });
    expect(await probe.waitFor('open', 5000)).toBeDefined();
    await new Promise((r) => setTimeout(r, 250));
    busyWait(STALL_MS); // covers 250–450 ms after open: the drop at 300 ms arrives in it
    await probe.waitClosed(5000);
    const d = diagnoseConnection(probe.events, criteria);
    expect(d?.code).toBe('DROPPED_BEFORE_WELCOME');
    expect(d?.summary).toMatch(/± \d+ ms: the harness was busy/);
  });

  test('an at-once drop is IMMEDIATE_DISCONNECT, and the summary mentions a busy harness only when the open or end stamp was late', async () => {
    const port = await startServer('now');
    probe = new Probe({ url: `ws://127.0.0.1:${port}/`, handshakeTimeoutMs: 5000 });
    await probe.waitClosed(5000);
    const d = diagnoseConnection(probe.events, criteria);
    expect(d?.code).toBe('IMMEDIATE_DISCONNECT');
    const ended = endedAt(probe.events)!;
    const late = (first(probe.events, 'open')!.lateMs ?? 0) > 0 || (ended.lateMs ?? 0) > 0;
    expect(/the harness was busy/.test(d?.summary ?? '')).toBe(late);
  });
});
