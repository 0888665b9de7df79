/** judgeWarmup: the finding for each warm-up outcome and SLOW_STARTUP at the budget boundary. */
import { describe, expect, test } from 'vitest';
import { judgeWarmup } from '../../../harness/diagnose/judges/warmup.js';

const refused = [{ detail: "INTERNAL_ERROR_BEFORE_WELCOME 1011 'Service startup incomplete'", count: 14 }];

describe('judgeWarmup', () => {
  test('healthy from the first connection passes', () => {
    expect(judgeWarmup({ readyAfterMs: 3.456, attempts: 1, failures: [], maxMs: 10_000 })).toEqual({
      finding: 'healthy from the first connection (welcomed after 3.46 ms)',
      failed: false,
      diagnosis: null,
    });
  });
  test('refusals, then ready within the budget (and exactly at it), pass with the refused stretch stated', () => {
    const j = judgeWarmup({ readyAfterMs: 3200, attempts: 15, failures: refused, maxMs: 10_000, budgetMs: 3200 });
    expect(j.failed).toBe(false);
    expect(j.finding).toBe("refused connections for the first 3.2 s after start (15 attempts: 14× INTERNAL_ERROR_BEFORE_WELCOME 1011 'Service startup incomplete'), then healthy");
  });
  test('ready later than the budget is SLOW_STARTUP naming the budget', () => {
    const j = judgeWarmup({ readyAfterMs: 3200.5, attempts: 15, failures: refused, maxMs: 10_000, budgetMs: 3200 });
    expect(j.failed).toBe(true);
    expect(j.diagnosis).toMatchObject({ code: 'SLOW_STARTUP', summary: expect.stringMatching(/, then healthy; the startup budget is 3\.2 s$/) });
  });
  test('never ready within maxMs is SLOW_STARTUP, also when aborted before any refusal', () => {
    expect(judgeWarmup({ readyAfterMs: null, attempts: 1, failures: [{ detail: 'CONNECT_FAILED', count: 1 }], maxMs: 5000 }).diagnosis).toMatchObject({
      code: 'SLOW_STARTUP',
      summary: 'never became ready within 5.0 s (1 attempt: CONNECT_FAILED)',
    });
    expect(judgeWarmup({ readyAfterMs: null, attempts: 0, failures: [], maxMs: 5000 }).finding).toBe('never became ready within 5.0 s (0 attempts: aborted)');
  });
});
