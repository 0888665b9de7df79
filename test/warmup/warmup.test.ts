/**
 * The run-level warm-up (issue 13 item 8): against the reference backend playing
 * startup-incomplete:forMs=1500, N (time to the first welcomed connection) is measured, the
 * refusals are named, and a startup budget or maxMs that is exceeded is a failed
 * conformance/warm-up result (SLOW_STARTUP).
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Profile } from '../../harness/profile/schema.js';
import { startReferenceTarget, type ReferenceTarget } from '../../mock-backend/target.js';
import { PassThrough } from 'node:stream';
import { warmUp, warmUpForRun, warmupScenarioResult } from '../../harness/warmup.js';

describe('warm-up', () => {
  let target: ReferenceTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  const withWarmup = (p: Profile, warmup: Profile['warmup']): Profile => ({ ...p, warmup });

  test('a backend that refuses for its first 1.5 s: N measured, the refusals named, then healthy', async () => {
    target = await startReferenceTarget({ faults: [{ name: 'startup-incomplete', params: { forMs: 1500 } }] });
    const w = (await warmUp(withWarmup(target.profile, { maxMs: 8000, intervalMs: 100 })))!;
    // The fault runs from backend start, the first dial comes just after: N a little under 1.5 s
    // (wide margins: a busy machine delays the dials, never the fault's own end).
    expect(w.readyAfterMs).not.toBeNull();
    expect(w.readyAfterMs!).toBeGreaterThan(700);
    expect(w.readyAfterMs!).toBeLessThan(6000);
    expect(w.attempts).toBeGreaterThan(2);
    expect(w.failures.map((f) => f.code)).toEqual(['INTERNAL_ERROR_BEFORE_WELCOME']);
    expect(w.failures[0]!.detail).toBe("INTERNAL_ERROR_BEFORE_WELCOME 1011 'Service startup incomplete'");
    expect(w.failures[0]!.count).toBe(w.attempts - 1);
    expect(w.finding).toMatch(/^refused connections for the first \d+\.\d s after start \(\d+ attempts: \d+× INTERNAL_ERROR_BEFORE_WELCOME 1011 'Service startup incomplete'\), then healthy$/);
    expect(w.failed).toBe(false);
    expect(warmupScenarioResult(w)).toBeUndefined();
  });

  test('ready later than budgetMs: a failed conformance/warm-up with SLOW_STARTUP', async () => {
    target = await startReferenceTarget({ faults: [{ name: 'startup-incomplete', params: { forMs: 1500 } }] });
    const w = (await warmUp(withWarmup(target.profile, { maxMs: 8000, intervalMs: 100, budgetMs: 200 })))!;
    expect(w.failed).toBe(true);
    const r = warmupScenarioResult(w)!;
    expect(r.id).toBe('conformance/warm-up');
    expect(r.status).toBe('failed');
    expect(r.diagnosis?.code).toBe('SLOW_STARTUP');
    expect(r.diagnosis?.summary).toContain('then healthy; the startup budget is 0.2 s');
  });

  test('never ready within maxMs: failed, with the attempts bounded by maxMs / intervalMs', async () => {
    target = await startReferenceTarget({ faults: [{ name: 'startup-incomplete', params: { forMs: 600_000 } }] });
    const w = (await warmUp(withWarmup(target.profile, { maxMs: 600, intervalMs: 100 })))!;
    expect(w.readyAfterMs).toBeNull();
    expect(w.attempts).toBeLessThanOrEqual(7);
    expect(w.failed).toBe(true);
    expect(warmupScenarioResult(w)?.diagnosis?.summary).toMatch(/^never became ready within 0\.6 s/);
  });

  test('a healthy backend: ready at the first attempt; no warmup part, no warm-up', async () => {
    target = await startReferenceTarget();
    const w = (await warmUp(withWarmup(target.profile, { maxMs: 2000, intervalMs: 100 })))!;
    expect(w.attempts).toBe(1);
    expect(w.failures).toEqual([]);
    expect(w.finding).toMatch(/^healthy from the first connection/);
    expect(await warmUp(target.profile)).toBeUndefined();
  });

  test('the CLI step keeps the result in the run config and prints the finding (with --quiet only when it failed)', async () => {
    target = await startReferenceTarget({ faults: [{ name: 'startup-incomplete', params: { forMs: 600_000 } }] });
    const read = (s: PassThrough): string => String(s.read() ?? '');
    const loud = new PassThrough();
    const config: Parameters<typeof warmUpForRun>[0] = { profile: withWarmup(target.profile, { maxMs: 300, intervalMs: 100 }), quiet: true };
    await warmUpForRun(config, loud);
    expect(config.warmup?.failed).toBe(true);
    expect(read(loud)).toMatch(/^warm-up: never became ready within 0\.3 s \(\d attempts: \d× INTERNAL_ERROR_BEFORE_WELCOME 1011 'Service startup incomplete'\)\n$/);
    const quiet = new PassThrough();
    const none: Parameters<typeof warmUpForRun>[0] = { profile: target.profile, quiet: false };
    await warmUpForRun(none, quiet);
    expect(none.warmup).toBeUndefined();
    expect(read(quiet)).toBe('');
  });
});
