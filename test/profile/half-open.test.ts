/**
 * chaos/half-open and timeouts.serverCloseMs: the server's close-handshake timeout widens the
 * bound, and the hint names both causes (no pong timeout, or a close handshake that waits).
 */
import { describe, expect, test } from 'vitest';
import { parseProfile } from '../../harness/profile/load.js';
import type { BackendScenario } from '../../harness/scenario.js';
import halfOpenScenario, { halfOpenHint } from '../../scenarios/chaos/half-open.js';

/** As the engine holds it: timeoutMs takes any profile (these profiles have the keepalive it needs). */
const halfOpen: BackendScenario = halfOpenScenario;

const base = { name: 'x', url: 'ws://127.0.0.1:9/ws', keepalive: { kind: 'app', intervalMs: 1000, timeoutMs: 2000, toleranceMs: 500 } };

describe('chaos/half-open', () => {
  test('the hint names both causes and the profile field that states the close timeout', () => {
    const hint = halfOpenHint(0);
    expect(hint).toMatch(/does not enforce a pong timeout/);
    expect(hint).toMatch(/close handshake waits for a close frame that never comes back through a half-open link/);
    expect(hint).toMatch(/timeouts\.serverCloseMs/);
    expect(halfOpenHint(10_000)).toMatch(/the profile states 10000 ms/);
  });

  test('timeouts.serverCloseMs widens the scenario budget by exactly its value, and is bounded', () => {
    const without = halfOpen.timeoutMs(parseProfile(base));
    const withClose = halfOpen.timeoutMs(parseProfile({ ...base, timeouts: { serverCloseMs: 10_000 } }));
    expect(withClose - without).toBe(10_000);
    expect(() => parseProfile({ ...base, timeouts: { serverCloseMs: 2 ** 31 } })).toThrow(/profile\.timeouts\.serverCloseMs: must be from 0 to 86400000 ms/);
  });
});
