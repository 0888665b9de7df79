/**
 * conformance/close-codes against a small test backend of its own (ws, 127.0.0.1 port 0)
 * whose answer to an oversized message is configurable: an empty reason is advice (or
 * CLOSE_REASON_MISSING when the profile requires reasons), a valid code other than the
 * expected one is UNEXPECTED_CLOSE_CODE, and the oversized message is maxMessageBytes + 1.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { afterEach, describe, expect, test } from 'vitest';
import { parseProfile } from '../harness/profile/load.js';
import { runScenario } from '../harness/run-scenario.js';
import closeCodes, { oversizedMessage } from '../scenarios/conformance/close-codes.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

interface Answers {
  limitBytes: number;
  oversized: { code: number; reason: string };
}

/** Closes 1007 "malformed JSON" on bad JSON, stays open (error message) on an unknown type, `oversized` above the limit. */
async function testBackend(a: Answers): Promise<{ url: string; sizes: number[] }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(wss);
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const sizes: number[] = [];
  wss.on('connection', (ws) => {
    ws.on('message', (data: Buffer) => {
      sizes.push(data.length);
      if (data.length > a.limitBytes) return ws.close(a.oversized.code, a.oversized.reason);
      try {
        JSON.parse(data.toString());
      } catch {
        return ws.close(1007, 'malformed JSON');
      }
      ws.send(JSON.stringify({ type: 'error', code: 'unknown_type' }));
    });
  });
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`, sizes };
}

function profileFor(url: string, provoke: Record<string, unknown>) {
  return parseProfile({
    name: 'close-codes-test',
    url,
    provoke: { unknownType: { type: 'nope' }, maxMessageBytes: 1000, expect: { malformedJson: [1007], unknownType: 'stays-open', oversized: [1009] }, ...provoke },
    timeouts: { handshakeMs: 2000, immediateDisconnectMs: 100, closeMs: 800 },
  });
}

describe('conformance/close-codes', () => {
  test('the oversized provocation is exactly maxMessageBytes + 1 bytes', () => {
    expect(Buffer.byteLength(oversizedMessage(1001))).toBe(1001);
  });

  test('1009 with an empty reason passes, with advice (RFC 6455 allows no reason)', async () => {
    const b = await testBackend({ limitBytes: 1000, oversized: { code: 1009, reason: '' } });
    const r = await runScenario(closeCodes, { profile: profileFor(b.url, {}) });
    expect(r.status, JSON.stringify(r)).toBe('passed');
    expect(r.observations.advice).toEqual([expect.stringMatching(/oversized message \(1001 bytes\): close 1009 \(message too big\) carried no reason/)]);
    expect(b.sizes).toContain(1001);
  });

  test('with provoke.requireReason, an empty reason is CLOSE_REASON_MISSING', async () => {
    const b = await testBackend({ limitBytes: 1000, oversized: { code: 1009, reason: '' } });
    const r = await runScenario(closeCodes, { profile: profileFor(b.url, { requireReason: true }) });
    expect(r.status).toBe('failed');
    expect(r.diagnosis?.code).toBe('CLOSE_REASON_MISSING');
  });

  test('oversized closed 1011 where 1009 is expected is UNEXPECTED_CLOSE_CODE', async () => {
    const b = await testBackend({ limitBytes: 1000, oversized: { code: 1011, reason: 'boom' } });
    const r = await runScenario(closeCodes, { profile: profileFor(b.url, {}) });
    expect(r.status).toBe('failed');
    expect(r.diagnosis?.code).toBe('UNEXPECTED_CLOSE_CODE');
    expect(r.diagnosis?.summary).toMatch(/oversized message \(1001 bytes\) closed 1011 \(internal error\), expected 1009 \(message too big\)/);
  });

  test('a provocation expected to close that stays open is UNEXPECTED_CLOSE_CODE', async () => {
    const b = await testBackend({ limitBytes: 1000, oversized: { code: 1009, reason: 'too big' } });
    const r = await runScenario(closeCodes, { profile: profileFor(b.url, { expect: { unknownType: [1003] } }) });
    expect(r.status).toBe('failed');
    expect(r.diagnosis?.code).toBe('UNEXPECTED_CLOSE_CODE');
    expect(r.diagnosis?.summary).toMatch(/unknown message type: stayed open 800 ms, expected a close 1003/);
  });
});
