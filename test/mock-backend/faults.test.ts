import { describe, expect, test } from 'vitest';
import { FAULTS } from '../../harness/faults/catalogue.js';
import { formatFault, parseFaultList } from '../../harness/faults/spec.js';

describe('fault specs', () => {
  test('names and params parse; defaults fill the rest', () => {
    expect(parseFaultList('flap:afterMs=200:code=1011, no-keepalive')).toEqual([
      { name: 'flap', params: { afterMs: 200, code: 1011 } },
      { name: 'no-keepalive', params: {} },
    ]);
    expect(parseFaultList('slow-welcome')).toEqual([{ name: 'slow-welcome', params: { delayMs: 3000 } }]);
  });
  test('unknown names, params and impossible values are refused with what is allowed', () => {
    expect(() => parseFaultList('nope')).toThrow(/unknown fault "nope"\. Known faults: orchestrator-init-failure/);
    expect(() => parseFaultList('flap:bogus=1')).toThrow(/has no parameter "bogus"; it takes afterMs, code/);
    expect(() => parseFaultList('flap:code=99')).toThrow(/code=99 is out of range; use an integer from 1000 to 4999/);
    expect(() => parseFaultList('flap:afterMs')).toThrow(/is not param=number/);
  });
  test('formatFault shows only changed params', () => {
    expect(formatFault({ name: 'flap', params: { afterMs: 150, code: 1011 } })).toBe('flap:code=1011');
  });
  test('every fault documents its incident, symptom and diagnosis; names are unique kebab-case', () => {
    const names = new Set<string>();
    for (const f of FAULTS) {
      expect(f.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(names.has(f.name)).toBe(false);
      names.add(f.name);
      expect(f.description.length).toBeGreaterThan(10);
      expect(f.clientSees.length).toBeGreaterThan(10);
      expect(f.incident === null || /^00[0-4]$/.test(f.incident)).toBe(true);
    }
    // Every incident is reproduced by at least one fault.
    for (const incident of ['000', '001', '002', '003', '004']) expect(FAULTS.some((f) => f.incident === incident), incident).toBe(true);
  });
});
