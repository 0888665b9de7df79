import { expect, test } from 'vitest';
import { FAULTS } from '../../harness/faults/catalogue.js';
import { ROWS as CHAOS_ROWS } from './chaos-rows.js';
import { MATRIX } from './conformance-rows.js';
import { LOAD_ROWS } from '../load/load-rows.js';

const faultName = (f: (typeof MATRIX)[number]['fault']): string => (f === null ? 'healthy' : typeof f === 'string' ? f : f.name);

test('every fault of the catalogue has a conformance row', () => {
  const missing = FAULTS.filter((f) => !MATRIX.some((r) => faultName(r.fault) === f.name)).map((f) => f.name);
  expect(missing).toEqual([]);
});

test("every fault's catalogued diagnosis is produced by some row (conformance, chaos or load)", () => {
  for (const f of FAULTS) {
    const conformance = MATRIX.filter((r) => faultName(r.fault) === f.name).flatMap((r) => Object.values(r.expect));
    const chaos = CHAOS_ROWS.flatMap((r) => r.failing)
      .filter((c) => (c.faults ?? []).some((x) => (typeof x === 'string' ? x : x.name) === f.name))
      .map((c) => c.expect);
    // A fault that shows only under concurrency (welcome-pool) is caught by the load matrix.
    const load = LOAD_ROWS.filter((r) => r.fault !== null && faultName(r.fault) === f.name).flatMap((r) => r.expect.codes);
    expect([...conformance, ...chaos, ...load], `${f.name} should produce ${f.diagnosis}`).toContain(f.diagnosis);
  }
});
