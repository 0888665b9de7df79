/**
 * A server's close frame is stamped when it is read, not when the socket is torn down (issue 13
 * item 2): the server closes 1009 after the first 64 KiB of a 16 MB message and stops reading, so
 * the probe's socket stays up behind its own unsent data until ws's close timeout. The same
 * server must get the same verdict from conformance/close-codes as one whose teardown is quick.
 */
import { afterEach, expect, test } from 'vitest';
import { parseProfile } from '../../harness/profile/load.js';
import { Probe } from '../../harness/probe.js';
import { runScenario } from '../../harness/run-scenario.js';
import { first } from '../../harness/timeline.js';
import closeCodes from '../../scenarios/conformance/close-codes.js';
import { startLimitServer } from './limit-server.js';

const LIMIT_BYTES = 64 * 1024;
const BIG_BYTES = 16 * 1024 * 1024;
const CLOSE_TIMEOUT_MS = 1500;

let stop: (() => Promise<void>) | undefined;
let probe: Probe | undefined;
afterEach(async () => {
  probe?.dispose();
  probe = undefined;
  await stop?.();
  stop = undefined;
});

test('a 1009 close frame read during our own 16 MB send is stamped far earlier than the socket teardown', async () => {
  const server = await startLimitServer(LIMIT_BYTES);
  stop = server.stop;
  probe = new Probe({ url: `ws://127.0.0.1:${server.port}/`, handshakeTimeoutMs: 5000, closeTimeoutMs: CLOSE_TIMEOUT_MS });
  expect(await probe.opened).toBe('open');
  const sentAt = probe.elapsed();
  probe.sendBinary(Buffer.alloc(BIG_BYTES, 0x61));
  const ended = await probe.waitEnded(5000);
  await probe.waitClosed(CLOSE_TIMEOUT_MS + 3000);

  const frame = first(probe.events, 'close-frame');
  const close = first(probe.events, 'close');
  expect(frame).toMatchObject({ code: 1009, reason: 'message too big' });
  expect(ended?.kind).toBe('close-frame');
  expect(close?.code).toBe(1009);
  // The teardown waits for the close timeout behind the unsent data; the frame does not.
  expect(close!.t - frame!.t).toBeGreaterThan(CLOSE_TIMEOUT_MS / 2);
  expect(frame!.t - sentAt).toBeLessThan(close!.t - sentAt - CLOSE_TIMEOUT_MS / 2);
});

test('conformance/close-codes sees that 1009 although the teardown comes after its wait (not "stayed open")', async () => {
  const server = await startLimitServer(LIMIT_BYTES);
  stop = server.stop;
  const profile = parseProfile({
    name: 'close-frame-stamp',
    url: `ws://127.0.0.1:${server.port}/ws`,
    provoke: { malformedJson: false, maxMessageBytes: BIG_BYTES, expect: { oversized: [1009] } },
    timeouts: { handshakeMs: 2000, immediateDisconnectMs: 100, closeMs: 800 },
  });
  const r = await runScenario(closeCodes, { profile });
  const seen = (r.observations as { provocations: Array<{ provocation: string; outcome: string }> }).provocations;
  expect(seen.map((s) => s.outcome).join(' | ')).toMatch(/^1009 .*after \d/);
  expect(r.status).toBe('passed');
});
