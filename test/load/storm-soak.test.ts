/**
 * A compressed soak (harness/load/soak.ts) against the reference backend, at small N with churn:
 * the connection-leak fault is caught as drift of the health count (CONNECTIONS_LEAKED); the
 * healthy backend's count follows the live count, and its RSS and event-loop lag are sampled.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../harness/load/soak.js';
import { startReferenceTarget } from '../../mock-backend/target.js';

const plan = { stages: [{ fromPerS: 1000, toPerS: 1000, durationMs: 0 }] };

async function soak(faults: string[]) {
  const target = await startReferenceTarget({ faults, logLevel: 'silent' });
  try {
    return await runSoak({ profile: target.profile, connections: 100, plan, durationMs: 2500, churnPerS: 20, sampleEveryMs: 500, settleMs: 1500 });
  } finally {
    await target.close();
  }
}

describe('soak', () => {
  it('the connection-leak fault is caught as drift: CONNECTIONS_LEAKED', async () => {
    const r = await soak(['connection-leak']);
    expect(r.churned).toBeGreaterThan(0);
    expect(r.diagnoses.map((d) => d.code)).toEqual(['CONNECTIONS_LEAKED']);
    // Every connection closed (100 held + the churned ones) is still counted by the backend.
    const last = r.samples.at(-1);
    expect(last?.live).toBe(0);
    expect(last?.health).toBeGreaterThanOrEqual(100 + r.churned - 2);
  }, 20_000);

  it('the healthy backend follows the live count, no drops; its RSS and loop lag are sampled', async () => {
    const r = await soak([]);
    expect(r.diagnoses).toEqual([]);
    expect(r.samples.at(-1)).toMatchObject({ health: 0, live: 0 });
    expect(r.drops).toEqual({});
    expect(r.samples.every((s) => typeof s.rssBytes === 'number' && s.rssBytes > 0)).toBe(true);
    expect(r.samples.some((s) => s.live === 100)).toBe(true);
  }, 20_000);
});
