/**
 * The chaos part of the detection matrix: every chaos scenario, through the embedded
 * Toxiproxy, passes against the healthy reference backend and fails with the right code
 * against a reference-backend configuration with the weakness it is there to expose.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ToxiproxyRef } from '../../harness/chaos.js';
import { startEmbeddedToxiproxy, type EmbeddedToxiproxy } from '../../harness/proxy/embedded/index.js';
import { startReferenceTarget } from '../../mock-backend/target.js';
import { runScenario } from '../../harness/run-scenario.js';
import { ROWS, type Config } from './chaos-rows.js';
import { CHAOS, getScenario } from '../../scenarios/index.js';
import { MATRIX_KEEPALIVE, matrixProfile } from './matrix-profile.js';

let proxy: EmbeddedToxiproxy;
let ref: ToxiproxyRef;
beforeAll(async () => {
  proxy = await startEmbeddedToxiproxy();
  ref = { provider: 'embedded', version: proxy.version, url: proxy.url };
});
afterAll(async () => {
  await proxy?.stop();
});

async function verdict(scenarioId: string, config: Config): Promise<string> {
  const target = await startReferenceTarget({ faults: config.faults ?? [], keepalive: MATRIX_KEEPALIVE, backend: config.backend });
  try {
    const result = await runScenario(getScenario(scenarioId)!, { profile: matrixProfile(target.profile), toxiproxy: ref });
    return result.status === 'passed' ? 'passed' : `${result.status}:${result.diagnosis?.code ?? result.reason}: ${result.diagnosis?.summary ?? result.reason ?? ''}`;
  } finally {
    await target.close();
  }
}

describe('chaos detection matrix (embedded Toxiproxy)', () => {
  test('every chaos scenario has a row', () => {
    expect(CHAOS.map((s) => s.id).sort()).toEqual(ROWS.map((r) => r.scenario).sort());
  });

  describe.concurrent('rows', () => {
    for (const row of ROWS) {
      test(`${row.scenario}: passes against the healthy backend`, async () => {
        expect(await verdict(row.scenario, { label: 'healthy' })).toBe('passed');
      });
      for (const f of row.failing) {
        test(`${row.scenario}: ${f.label} → ${f.expect}`, async () => {
          expect(await verdict(row.scenario, f)).toMatch(new RegExp(`^failed:${f.expect}:`));
        });
      }
    }
  });
});
