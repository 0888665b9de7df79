/** judgeCleanup and judgeHealthBaseline: CONNECTIONS_LEAKED per situation, SCENARIO_ERROR without a count. */
import { describe, expect, test } from 'vitest';
import { judgeCleanup, judgeHealthBaseline } from '../../../harness/diagnose/judges/health.js';

describe('judgeCleanup', () => {
  const leaked = { baseline: 0, last: 1, settled: false, waitedMs: 2000 };
  test('a settled count passes whatever came before', () => {
    expect(judgeCleanup({ kind: 'reset' }, { ...leaked, last: 0, settled: true })).toBeNull();
  });
  test('every situation is CONNECTIONS_LEAKED with its own summary', () => {
    expect(judgeCleanup({ kind: 'cycles', cycles: 20 }, leaked)?.summary).toBe('after 20 clean connect/close cycles the health count is 1, baseline 0 (waited 2000 ms)');
    expect(judgeCleanup({ kind: 'dead-client', detectedMs: 612.4 }, leaked)?.summary).toBe('the dead client was closed after 612 ms, but the health count stayed at 1 (baseline 0) for 2000 ms');
    expect(judgeCleanup({ kind: 'reset' }, leaked)?.summary).toBe('after the reset the health count stayed at 1 (baseline 0) for 2000 ms: the server kept the dead connection');
    expect(judgeCleanup({ kind: 'clean-close' }, leaked)).toMatchObject({ code: 'CONNECTIONS_LEAKED', summary: 'after a clean close the health count stayed at 1 (baseline 0)' });
  });
});

describe('judgeHealthBaseline', () => {
  test('a count is enough; none is SCENARIO_ERROR', () => {
    expect(judgeHealthBaseline(0)).toBeNull();
    expect(judgeHealthBaseline(undefined)).toMatchObject({ code: 'SCENARIO_ERROR', summary: 'the health endpoint gave no connection count' });
  });
});
