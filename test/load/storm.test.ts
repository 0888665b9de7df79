/**
 * Deploy storms against the restartable reference backend (mock-backend/cluster-restart.ts), at
 * small N: a graceful restart with the no-jitter policy is a RECONNECT_HERD and the jittered one
 * is not; a crash (no close frame) is absorbed by the healthy backend, every client back.
 * Bounded: each storm gives up on the herd after recoverMs; the backend and all sockets close in finally.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stormLoadResult, writeStormOutputs } from '../../harness/load/storm-outputs.js';
import { runStorm, type StormTrigger } from '../../harness/load/storm.js';
import { namedPolicy } from '../../harness/load/reconnect-policy.js';
import { startRestartableTarget } from '../../mock-backend/cluster-restart.js';

const N = 150;
const plan = { stages: [{ fromPerS: 1500, toPerS: 1500, durationMs: 0 }] };

async function storm(kind: 'restart' | 'crash', policy: 'no-jitter' | 'jittered') {
  const target = await startRestartableTarget();
  try {
    const trigger: StormTrigger = { kind, fire: () => target.backend.storm(kind, { closeCode: 1012 }) };
    return await runStorm({ profile: target.profile, connections: N, plan, policy: namedPolicy(policy), trigger, recoverMs: 15_000 });
  } finally {
    await target.close();
  }
}

describe('deploy storm', () => {
  it('a graceful restart with the no-jitter policy: every client back on the same beat, RECONNECT_HERD', async () => {
    const r = await storm('restart', 'no-jitter');
    expect(r.dropped).toBe(N);
    expect(r.neverBack).toBe(0);
    // All retry 1 000 ms after their close: the whole herd inside one 250 ms window.
    expect(r.peak.perS).toBeGreaterThan(r.budgetPerS);
    expect(r.diagnoses.map((d) => d.code)).toEqual(['RECONNECT_HERD']);
    expect(r.diagnoses[0]?.summary).toMatch(/no-jitter policy/);
    // load.json carries the storm and fails; load.svg marks the restart.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsc-storm-'));
    try {
      writeStormOutputs(stormLoadResult(r, { connections: N, plan, target: { name: 'reference-backend', url: 'ws://127.0.0.1/ws' }, thresholds: [] }), dir);
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'load.json'), 'utf8'));
      expect(json).toMatchObject({ schema: 'ws-chaos/load@1', passed: false, storm: { kind: 'restart', policy: 'no-jitter', dropped: N, neverBack: 0 } });
      expect(json.storm.diagnoses[0].code).toBe('RECONNECT_HERD');
      expect(json.totals.attempted).toBe(2 * N);
      expect(fs.readFileSync(path.join(dir, 'load.svg'), 'utf8')).toContain('>restart<');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('the same restart with the jittered policy spreads the herd: no RECONNECT_HERD, all back', async () => {
    const r = await storm('restart', 'jittered');
    expect(r.dropped).toBe(N);
    expect(r.neverBack).toBe(0);
    // Full jitter over [0, 1 s]: about a quarter of the herd per 250 ms window, the budget is all of it.
    expect(r.peak.perS).toBeLessThan(r.budgetPerS);
    expect(r.diagnoses).toEqual([]);
    expect(r.back99Ms).not.toBeNull();
  }, 30_000);

  it('a crash (no close frame) is absorbed by the healthy backend: no failed attempt once it was back', async () => {
    const r = await storm('crash', 'jittered');
    expect(r.kind).toBe('crash');
    expect(r.dropped).toBe(N);
    expect(r.neverBack).toBe(0);
    expect(r.backend.attemptsWhileUp).toBeGreaterThan(0);
    expect(r.backend).toMatchObject({ lateWelcomes: 0, overloadCloses: 0, refusedUpgrades: 0, otherFailures: 0 });
    expect(r.diagnoses.map((d) => d.code)).not.toContain('HERD_NOT_ABSORBED');
    // The storm's drops are expected: no per-connection diagnosis for them.
    expect(r.recorder.tally.failed).toBe(0);
  }, 30_000);
});
