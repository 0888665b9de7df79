/**
 * The detection matrix — the heart of the suite. For every fault of the catalogue, the
 * reference backend plays it and every conformance scenario runs against it: the scenarios
 * listed in the row must fail with exactly that diagnosis code, every other scenario must
 * pass. The healthy backend passes everything. A new fault is a new row.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { startReferenceTarget, type ReferenceTarget } from '../../mock-backend/target.js';
import { runScenario } from '../../harness/run-scenario.js';
import type { FaultSpecInput } from '../../harness/faults/spec.js';
import { MATRIX, type Id } from './conformance-rows.js';
import { CONFORMANCE } from '../../scenarios/index.js';
import { MATRIX_KEEPALIVE, matrixProfile } from './matrix-profile.js';
import { referenceContract } from '../contract-asyncapi/reference-contract.js';

const faultName = (f: FaultSpecInput | null): string => (f === null ? 'healthy' : typeof f === 'string' ? f : f.name);
const CONTRACT = referenceContract();

const targets = new Set<ReferenceTarget>();
afterAll(async () => {
  await Promise.all([...targets].map((t) => t.close()));
});

describe('detection matrix', () => {
  describe.concurrent('each row', () => {
    for (const row of MATRIX) {
      test(`${faultName(row.fault)}${row.asyncapi ? ' (with the AsyncAPI contract)' : ''}`, async () => {
        const target = await startReferenceTarget({ faults: row.fault ? [row.fault] : [], keepalive: MATRIX_KEEPALIVE });
        targets.add(target);
        try {
          const profile = matrixProfile(target.profile);
          const actual: Record<string, string> = {};
          const wanted: Record<string, string> = {};
          const evidence: string[] = [];
          for (const scenario of CONFORMANCE) {
            const id = scenario.id.replace('conformance/', '') as Id;
            const result = await runScenario(scenario, { profile, contract: row.asyncapi ? CONTRACT : undefined });
            actual[id] = result.status === 'passed' ? 'passed' : `${result.status}:${result.diagnosis?.code ?? '-'}`;
            wanted[id] = row.expect[id] ? `failed:${row.expect[id]}` : 'passed';
            if (actual[id] !== wanted[id]) evidence.push(`${id}: ${result.diagnosis?.summary ?? result.reason ?? JSON.stringify(result.observations)}`);
          }
          expect(actual, evidence.join('\n')).toEqual(wanted);
        } finally {
          await target.close();
          targets.delete(target);
        }
      });
    }
  });
});
