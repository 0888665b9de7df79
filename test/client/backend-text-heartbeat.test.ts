/**
 * The reference backend speaks a client profile's plain-text heartbeat (issue 10 items 3/6 for
 * the "real server" enactor): with messages.text, the client's "ping" gets "pong" instead of a
 * 1007 close, the server keepalive pings as "ping" and counts the client's "pong", and a fault
 * that withholds pongs still withholds them. The reference client dials it from Node.
 */
import WS from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';
import { runClientScenario } from '../../harness/client/run-client-scenario.js';
import { referenceNodeClient } from '../../harness/client/subjects/reference-node.js';
import type { ClientMode } from '../../client/reference-client.js';
import { startBackendEnactor, type BackendEnactor } from '../../mock-backend/client-enactor.js';
import { getClientScenario } from '../../scenarios/client/index.js';

const profile = referenceClientProfile({ name: 'text heartbeat', messages: { text: { ping: 'ping', pong: 'pong' } } });
const webSocket = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function' ? 'global' : 'ws';

let enactor: BackendEnactor;
beforeAll(async () => {
  enactor = await startBackendEnactor(profile);
});
afterAll(async () => {
  await enactor?.close();
});
const run = (id: string, mode: ClientMode = 'correct') =>
  runClientScenario(getClientScenario(id)!, { profile, enactor, client: ({ dialUrl }) => referenceNodeClient(profile, { mode, url: dialUrl!, webSocket }) });
const texts = (r: Awaited<ReturnType<typeof run>>, dir: 'in' | 'out'): string[] =>
  r.timelines.flatMap((tl) => tl.events.flatMap((e) => (e.kind === 'message' && e.dir === dir ? [e.text] : [])));

describe('the reference backend with a plain-text heartbeat', () => {
  test('client/answers-server-ping passes: the keepalive pings as "ping", the client\'s "pong" counts', async () => {
    const r = await run('client/answers-server-ping');
    expect(r.status, JSON.stringify(r.diagnosis)).toBe('passed');
    expect(texts(r, 'in')).toContain('ping');
    expect(texts(r, 'out')).toContain('pong');
  });
  test('a "ping" frame is answered "pong" (not closed 1007)', async () => {
    enactor.play({});
    const ws = new WS(enactor.dialUrl);
    try {
      const reply = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no reply to "ping" within 3000 ms')), 3000);
        ws.on('open', () => ws.send('ping'));
        ws.on('message', (data: Buffer) => {
          if (data.toString() === 'pong') {
            clearTimeout(timer);
            resolve('pong');
          }
        });
        ws.on('close', (code: number) => {
          clearTimeout(timer);
          reject(new Error(`closed ${code}`));
        });
      });
      expect(reply).toBe('pong');
    } finally {
      ws.terminate();
    }
  });
  test('client/detects-dead-server passes: the client\'s "ping" is never closed 1007', async () => {
    const r = await run('client/detects-dead-server');
    expect(r.status, JSON.stringify(r.diagnosis)).toBe('passed');
    expect(texts(r, 'out')).toContain('ping');
    expect(r.timelines.flatMap((tl) => tl.events).some((e) => e.kind === 'close' && e.code === 1007)).toBe(false);
  });
  test('a client that never times out the silent server is still caught (the fault withholds the text pong)', async () => {
    const r = await run('client/detects-dead-server', 'no-pong-timeout');
    expect(r.status).toBe('failed');
    expect(r.diagnosis?.code).toBe('DEAD_SERVER_NOT_DETECTED');
  });
});
