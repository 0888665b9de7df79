/**
 * Thresholds of a load run (harness/load/threshold.ts): the k6-style forms parse, malformed
 * ones are usage errors (exit 2) that name the threshold and the fix, and verdicts name the
 * measured value; a latency nobody measured cannot hold a threshold.
 */
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../harness/errors.js';
import { evaluateThreshold, parseThreshold } from '../../harness/load/threshold.js';

const METRICS = ['connect', 'upgrade', 'welcome', 'ping'];
const parse = (t: string) => parseThreshold(t, METRICS);

describe('parseThreshold', () => {
  test('latency, share and count forms', () => {
    expect(parse('welcome.p99<500ms')).toMatchObject({ kind: 'latency', metric: 'welcome', stat: 'p99', op: '<', limitMs: 500 });
    expect(parse(' connect.p95 <= 0.2s ')).toMatchObject({ kind: 'latency', metric: 'connect', stat: 'p95', op: '<=', limitMs: 200, text: 'connect.p95 <= 0.2s' });
    expect(parse('failed<0.1%')).toMatchObject({ kind: 'failed-ratio', op: '<', limitRatio: 0.001 });
    expect(parse('failed<=5')).toMatchObject({ kind: 'failed-count', op: '<=', limitCount: 5 });
    expect(parse('ping.max>=1ms')).toMatchObject({ op: '>=', stat: 'max' });
  });

  test.each([
    ['welcome.p99<500', /threshold "welcome\.p99<500": welcome\.p99 is a duration: give the value a unit, ms or s/],
    ['welcom.p99<500ms', /unknown metric "welcom"/],
    ['welcome.p42<500ms', /unknown statistic "p42"/],
    ['welcome<500ms', /welcome needs a statistic: welcome\.p99/],
    ['welcome.p99 = 500ms', /is not metric\.stat<value/],
    ['failed.p99<1%', /failed takes no statistic/],
    ['failed<150%', /a share above 100% can never be reached/],
    ['failed<0.5', /a count of failed connections is a whole number; for a share add %/],
    ['failed<5ms', /failed is a share \(%\) or a count, not a duration/],
    ['', /is not metric\.stat<value/],
  ])('%j is refused with a message naming it and the fix', (text, message) => {
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message).toMatch(/e\.g\. welcome\.p99<500ms or failed<0\.1%/);
  });
});

describe('evaluateThreshold', () => {
  const latency = { welcome: { count: 300, p50: 20, p90: 300, p95: 420, p99: 612.5, max: 900 } };
  const input = { latency, attempted: 10_000, failed: 12 };

  test('a breached latency threshold names the measured value', () => {
    const v = evaluateThreshold(parse('welcome.p99<500ms'), input);
    expect(v).toEqual({ threshold: 'welcome.p99<500ms', passed: false, measured: 612.5, summary: 'welcome.p99 = 612.5 ms over 300 samples: breaches < 500 ms' });
    expect(evaluateThreshold(parse('welcome.p95<500ms'), input).passed).toBe(true);
    // The boundary: < is strict, <= is not.
    expect(evaluateThreshold(parse('welcome.max<900ms'), input).passed).toBe(false);
    expect(evaluateThreshold(parse('welcome.max<=900ms'), input).passed).toBe(true);
  });

  test('failed as a share and as a count', () => {
    expect(evaluateThreshold(parse('failed<0.1%'), input)).toMatchObject({ passed: false, measured: 0.0012, summary: 'failed = 12 of 10000 connections failed (0.12%): breaches < 0.1%' });
    expect(evaluateThreshold(parse('failed<0.2%'), input).passed).toBe(true);
    expect(evaluateThreshold(parse('failed<=12'), input).passed).toBe(true);
    expect(evaluateThreshold(parse('failed<12'), input).passed).toBe(false);
  });

  test('nothing measured cannot hold a threshold', () => {
    expect(evaluateThreshold(parse('ping.p99<10ms'), input)).toMatchObject({ passed: false, measured: null, summary: 'ping.p99: no ping latency was measured, so ping.p99<10ms cannot hold' });
    expect(evaluateThreshold(parse('failed<1%'), { latency, attempted: 0, failed: 0 }).passed).toBe(false);
  });
});
