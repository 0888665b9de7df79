/**
 * The one millisecond formatter: each preset prints exactly what the formatter it replaced
 * printed (the old ones are copied here as the reference), at the size boundaries and over a
 * sweep of values.
 */
import { describe, expect, test } from 'vitest';
import { CONNECTION_MS, DURATION_MS, formatMs, POLICY_MS, SECONDS, SUMMARY_MS, TIMELINE_MS, WHOLE_MS } from '../../harness/diagnose/format.js';

const before = {
  summary: (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)),
  connection: (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)),
  policy: (ms: number): string => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0)),
  timeline: (ms: number): string => {
    const a = Math.abs(ms);
    if (a >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
    if (a >= 100) return `${Math.round(ms)} ms`;
    if (a >= 10) return `${ms.toFixed(1)} ms`;
    return `${ms.toFixed(2)} ms`;
  },
  duration: (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`),
  seconds: (ms: number): string => `${(ms / 1000).toFixed(1)} s`,
  whole: (ms: number): string => `${Math.round(ms)} ms`,
};

const sweep = [0, 0.004, 0.42, 1, 2.25, 9.99, 9.994, 9.996, 10, 10.04, 53.84, 99.94, 99.96, 100, 100.4, 940, 999.4, 999.6, 1000, 1234, 9999.4, 9999.6, 10_000, 12_345, 123_456];

describe('formatMs keeps the text of every formatter it replaced', () => {
  test.each([
    ['SUMMARY_MS (scenario summaries)', SUMMARY_MS, before.summary],
    ['CONNECTION_MS (connection diagnosis)', CONNECTION_MS, before.connection],
    ['POLICY_MS (client judges)', POLICY_MS, before.policy],
    ['TIMELINE_MS (timeline pictures)', TIMELINE_MS, before.timeline],
    ['DURATION_MS (console durations)', DURATION_MS, before.duration],
    ['SECONDS (run durations, warm-up)', SECONDS, before.seconds],
    ['WHOLE_MS (summary.md durations)', WHOLE_MS, before.whole],
  ] as const)('%s', (_name, preset, old) => {
    for (const ms of sweep) expect(formatMs(ms, preset), `${ms} ms`).toBe(old(ms));
  });

  test('the boundaries pick the precision of the size above them', () => {
    expect(formatMs(9.99, CONNECTION_MS)).toBe('9.99');
    expect(formatMs(10, CONNECTION_MS)).toBe('10.0');
    expect(formatMs(99.9, CONNECTION_MS)).toBe('99.9');
    expect(formatMs(100, CONNECTION_MS)).toBe('100');
    expect(formatMs(9999, TIMELINE_MS)).toBe('9999 ms');
    expect(formatMs(10_000, TIMELINE_MS)).toBe('10.0 s');
    expect(formatMs(999, DURATION_MS)).toBe('999 ms');
    expect(formatMs(1000, DURATION_MS)).toBe('1.0 s');
  });

  test('the summary preset is the default', () => {
    expect(formatMs(4.256)).toBe('4.26');
    expect(formatMs(53.6)).toBe('54');
  });
});
