/**
 * client/flap-bounded against the reference client must not depend on how fast a close travels.
 * The scenario ends each connection flapAfterMs after open, but the client sees that end later:
 * through Playwright's routeWebSocket on a loaded box the close reached the page 170 ms late
 * (open 312.6 ms, close 514.2 ms for a 30 ms flap), after the reference profile's 200 ms stable
 * window (5 s × 0.04) had reset the counter, and the correct page made a 6th attempt
 * (RECONNECT_UNBOUNDED, the matrix's "correct page passes client/flap-bounded", 1 run in 3).
 * Here the reference client runs the reference profile's own config on a fake socket whose
 * server close arrives CLOSE_LATENCY_MS late (three times the latency seen), on fake timers.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ReferenceClient, type MinimalWebSocket } from '../../client/reference-client.js';
import { scaledPolicy } from '../../harness/client/policy.js';
import { referenceClientConfig } from '../../harness/client/reference-config.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';
import { flapAfterMs } from '../../scenarios/client/flap-bounded.js';

const CLOSE_LATENCY_MS = 500;
const OPEN_LATENCY_MS = 5;

const profile = referenceClientProfile();
const policy = scaledPolicy(profile);

/** A socket whose server opens it, then ends it (1005) flapAfterMs + CLOSE_LATENCY_MS after open, as the client sees it. */
function lateClosingSocket(closeAfterOpenMs: number): new (url: string) => MinimalWebSocket {
  return class implements MinimalWebSocket {
    readyState = 0;
    onopen: MinimalWebSocket['onopen'] = null;
    onmessage: MinimalWebSocket['onmessage'] = null;
    onclose: MinimalWebSocket['onclose'] = null;
    onerror: MinimalWebSocket['onerror'] = null;
    constructor(_url: string) {
      setTimeout(() => {
        this.readyState = 1;
        this.onopen?.({});
        setTimeout(() => {
          this.readyState = 3;
          this.onclose?.({ code: 1005, reason: '' });
        }, closeAfterOpenMs);
      }, OPEN_LATENCY_MS);
    }
    send(): void {}
    close(): void {
      this.readyState = 3;
    }
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test(`the reference profile's stable window outlasts the flap plus ${CLOSE_LATENCY_MS} ms of close latency`, () => {
  expect(policy.resetAfterStableMs).not.toBeNull();
  expect(policy.resetAfterStableMs ?? 0).toBeGreaterThan(flapAfterMs(policy) + CLOSE_LATENCY_MS);
});

test(`the correct reference client stays bounded when each flap's close reaches it ${CLOSE_LATENCY_MS} ms late`, () => {
  const closeAfterOpenMs = flapAfterMs(policy) + CLOSE_LATENCY_MS;
  const client = new ReferenceClient(referenceClientConfig(profile, 'correct', 'ws://ws-chaos.test/ws'), {
    WebSocketImpl: lateClosingSocket(closeAfterOpenMs),
    random: () => 0.5,
  });
  try {
    client.start();
    // Every allowed attempt with its connection time and delay (a resume after giving up may follow).
    const perAttemptMs = OPEN_LATENCY_MS + closeAfterOpenMs;
    vi.advanceTimersByTime(policy.maxAttempts * perAttemptMs + policy.maxRetries * policy.backoff.capMs + 200);
    const kinds = client.events.map((e) => e.kind);
    expect(kinds).not.toContain('counter-reset');
    const gaveUp = kinds.indexOf('gave-up');
    expect(gaveUp).toBeGreaterThan(0);
    expect(kinds.slice(0, gaveUp).filter((k) => k === 'dial')).toHaveLength(policy.maxAttempts);
  } finally {
    client.stop();
  }
});
