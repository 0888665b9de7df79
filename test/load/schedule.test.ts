/**
 * The arrival plan of a load run (harness/load/schedule.ts): a constant rate and ramp stages
 * give the arrivals due by each moment (the integral of the rate), and malformed rates, stages
 * and durations are usage errors naming the form to use.
 */
import { describe, expect, test } from 'vitest';
import { arrivalsDue, parseArrivalRate, parseDurationMs, parseRamp, planEndMs, rateAt } from '../../harness/load/schedule.js';

describe('arrivalsDue', () => {
  test('a constant rate', () => {
    const plan = parseArrivalRate('500/s');
    expect(arrivalsDue(plan, 0)).toBe(0);
    expect(arrivalsDue(plan, 1000)).toBe(500);
    expect(arrivalsDue(plan, 2500)).toBe(1250);
    expect(planEndMs(plan)).toBe(Infinity);
  });

  test('a ramp integrates its linear rate; after the last stage its final rate goes on', () => {
    const plan = parseRamp('0:1000/10s,1000:1000/5s');
    expect(arrivalsDue(plan, 10_000)).toBeCloseTo(5000, 6);
    expect(arrivalsDue(plan, 5000)).toBeCloseTo(1250, 6);
    expect(arrivalsDue(plan, 15_000)).toBeCloseTo(10_000, 6);
    expect(arrivalsDue(plan, 16_000)).toBeCloseTo(11_000, 6);
    expect(rateAt(plan, 5000)).toBe(500);
    expect(rateAt(plan, 12_000)).toBe(1000);
  });

  test('a ramp down to 0 ends', () => {
    const plan = parseRamp('100:0/2s');
    expect(arrivalsDue(plan, 2000)).toBeCloseTo(100, 6);
    expect(arrivalsDue(plan, 9000)).toBeCloseTo(100, 6);
    expect(planEndMs(plan)).toBe(2000);
  });
});

describe('parsing', () => {
  test.each([
    [() => parseArrivalRate('fast'), /--arrival-rate "fast" is not a rate above 0: write arrivals per second, e\.g\. --arrival-rate 500\/s/],
    [() => parseArrivalRate('0/s'), /is not a rate above 0/],
    [() => parseRamp('0-1000/10s'), /--ramp stage "0-1000\/10s" is not from:to\/duration.*e\.g\. --ramp 0:1000\/10s,1000:1000\/5s/],
    [() => parseRamp('0:1000/10'), /is not from:to\/duration/],
    [() => parseRamp('0:0/10s'), /never opens a connection/],
    [() => parseRamp('0:x/10s'), /"x" is not an arrival rate/],
    [() => parseDurationMs('10', '--duration'), /--duration "10" is not a duration: write a number and a unit, e\.g\. 500ms, 30s, 2m or 1h/],
  ])('%#: a usage error naming the form', (fn, message) => {
    expect(fn).toThrow(message);
  });

  test('durations', () => {
    expect(parseDurationMs('500ms', '--duration')).toBe(500);
    expect(parseDurationMs('1.5s', '--duration')).toBe(1500);
    expect(parseDurationMs('30m', '--duration')).toBe(1_800_000);
  });
});
