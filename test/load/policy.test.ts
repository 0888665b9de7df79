/**
 * Reconnect policies of a deploy storm (harness/load/reconnect-policy.ts): the named ones'
 * schedules, their jitter, a client profile's policy, and the usage error for anything else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { namedPolicy, parseReconnectPolicy } from '../../harness/load/reconnect-policy.js';
import { isWsChaosError } from '../../harness/index.js';

describe('named reconnect policies', () => {
  it('no-jitter follows incident 002 (1 s, 2 s, 4 s ... capped at 10 s) on the same beat for every client', () => {
    const p = namedPolicy('no-jitter');
    expect([1, 2, 3, 4, 5, 6].map((r) => p.delayMs(r, () => 0.9))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(p.delayMs(1, () => 0)).toBe(p.delayMs(1, () => 0.99));
    expect(p.maxRetries).toBe(5);
    expect(p.jittered).toBe(false);
  });

  it('jittered draws each delay uniformly from [0, delay] (full jitter)', () => {
    const p = namedPolicy('jittered');
    expect(p.delayMs(1, () => 0)).toBe(0);
    expect(p.delayMs(1, () => 0.5)).toBe(500);
    expect(p.delayMs(3, () => 0.25)).toBe(1000);
    expect(p.jittered).toBe(true);
    const draws = Array.from({ length: 500 }, () => p.delayMs(1));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1000);
    expect(new Set(draws.map((d) => Math.floor(d / 100))).size).toBe(10);
  });

  it('immediate retries at once, and a timeScale compresses the others', () => {
    expect(namedPolicy('immediate').delayMs(4)).toBe(0);
    expect(namedPolicy('no-jitter', 0.1).delayMs(2)).toBe(200);
  });
});

describe('--reconnect-policy', () => {
  it('a client profile gives its maxRetries and schedule ± its jitterRatio, scaled by its timeScale', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsc-policy-'));
    try {
      const file = path.join(dir, 'client.json');
      fs.writeFileSync(file, JSON.stringify({ name: 'app', timeScale: 0.5, reconnect: { maxRetries: 3, backoff: { baseMs: 400, factor: 3, capMs: 5000, jitterRatio: 0.25 } } }));
      const p = parseReconnectPolicy(file);
      expect(p.name).toBe('client profile app');
      expect(p.maxRetries).toBe(3);
      expect(p.jittered).toBe(true);
      expect(p.delayMs(1, () => 0.5)).toBe(200);
      expect(p.delayMs(2, () => 0)).toBeCloseTo(600 * 0.75);
      expect(p.delayMs(2, () => 1)).toBeCloseTo(600 * 1.25);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a name that is neither a policy nor a .json profile is a usage error (exit 2) naming both forms', () => {
    let error: unknown;
    try {
      parseReconnectPolicy('jitter');
    } catch (e) {
      error = e;
    }
    expect(isWsChaosError(error) && error.exitCode).toBe(2);
    expect((error as Error).message).toMatch(/jittered, no-jitter, immediate.*client profile/);
  });
});
