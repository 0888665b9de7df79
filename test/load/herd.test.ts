/**
 * The herd judges (harness/diagnose/judges/load-herd.ts) on plain numbers: the sliding-window
 * peak rate, RECONNECT_HERD, HERD_NOT_ABSORBED and CONNECTIONS_LEAKED (drift of the health count).
 */
import { describe, expect, it } from 'vitest';
import { judgeConnectionDrift, judgeHerdAbsorbed, judgeReconnectHerd, peakRatePerS } from '../../harness/diagnose/judges/load-herd.js';

describe('peakRatePerS', () => {
  it('finds the densest window', () => {
    const spread = Array.from({ length: 100 }, (_, i) => i * 10); // 100 arrivals over 1 s
    expect(peakRatePerS(spread, 250).peakPerS).toBe(100);
    const herd = [...spread, ...Array.from({ length: 100 }, (_, i) => 2000 + i * 0.1)];
    expect(peakRatePerS(herd, 250)).toEqual({ peakPerS: 400, atMs: 2000 });
    expect(peakRatePerS([], 250).peakPerS).toBe(0);
  });
});

describe('judgeReconnectHerd', () => {
  const base = { dropped: 200, windowMs: 250, peakAtMs: 1003, budgetPerS: 400, policyName: 'no-jitter' };
  it('is RECONNECT_HERD above the budget, naming the count, window, rate and policy', () => {
    const d = judgeReconnectHerd({ ...base, peakPerS: 800 });
    expect(d?.code).toBe('RECONNECT_HERD');
    expect(d?.summary).toBe('200 of 200 dropped clients reconnected within 250 ms (1003 ms after the restart): 800 arrivals/s, budget 400/s, with the no-jitter policy');
  });
  it('passes at the budget', () => {
    expect(judgeReconnectHerd({ ...base, peakPerS: 400 })).toBeNull();
  });
});

describe('judgeHerdAbsorbed', () => {
  const clean = { attempts: 1000, lateWelcomes: 0, overloadCloses: 0, refusedUpgrades: 0, otherFailures: 0, toleranceRatio: 0.01 };
  it('passes within the tolerated share', () => {
    expect(judgeHerdAbsorbed({ ...clean, lateWelcomes: 10 })).toBeNull();
    expect(judgeHerdAbsorbed({ ...clean, attempts: 0 })).toBeNull();
  });
  it('is HERD_NOT_ABSORBED beyond it, with each kind of failure counted', () => {
    const d = judgeHerdAbsorbed({ ...clean, lateWelcomes: 5, overloadCloses: 4, refusedUpgrades: 3, example: 'HTTP 503' });
    expect(d?.code).toBe('HERD_NOT_ABSORBED');
    expect(d?.summary).toBe('the backend failed 12 of 1 000 reconnect attempts made after it was back (1.2 %, tolerated 1.0 %): 5 late welcomes, 4 closes 1011/1013, 3 refused upgrades; first: HTTP 503');
  });
});

describe('judgeConnectionDrift', () => {
  it('passes while the health count follows the live count', () => {
    expect(judgeConnectionDrift({ samples: [{ atMs: 0, health: 100, live: 100 }, { atMs: 1000, health: 52, live: 50 }], tolerance: 2 })).toBeNull();
    expect(judgeConnectionDrift({ samples: [], tolerance: 2 })).toBeNull();
  });
  it('is CONNECTIONS_LEAKED when the count stays above the live count, naming when the drift began', () => {
    const d = judgeConnectionDrift({
      samples: [
        { atMs: 0, health: 100, live: 100 },
        { atMs: 1000, health: 100, live: 60 },
        { atMs: 2000, health: 100, live: 0 },
      ],
      tolerance: 2,
    });
    expect(d?.code).toBe('CONNECTIONS_LEAKED');
    expect(d?.summary).toMatch(/counts 100 connections while 0 are live \(drift 100, tolerated 2\) at 2000 ms; the drift began at 1000 ms/);
  });
});
