/** Run-level reconciliation and the run's root cause: pure functions over all scenario results. */
import { describe, expect, test } from 'vitest';
import { diagnosis, type DiagnosisCode } from '../../harness/diagnose/codes.js';
import { reconcileResults } from '../../harness/diagnose/reconcile.js';
import { rootCause } from '../../harness/diagnose/root-cause.js';
import type { ScenarioResult } from '../../harness/results.js';
import type { TimelineEvent } from '../../harness/timeline.js';

function result(id: string, status: ScenarioResult['status'], code?: DiagnosisCode, events: TimelineEvent[] = []): ScenarioResult {
  return {
    id,
    title: id,
    status,
    durationMs: 10,
    diagnosis: code ? diagnosis(code, `${code.toLowerCase()} in ${id}`) : null,
    observations: {},
    timelines: [{ label: 'main', url: 'ws://127.0.0.1:1/ws', startedAt: '', origin: 0, events } as unknown as ScenarioResult['timelines'][number]],
  };
}
const reply: TimelineEvent = { t: 5, kind: 'message', dir: 'in', text: '{"type":"pong"}', bytes: 15, binary: false };

describe('reconcileResults', () => {
  test('SILENT_SERVER is WELCOME_MISSING when another scenario of the run got messages from the server', () => {
    const out = reconcileResults([
      result('conformance/welcome-timing', 'failed', 'SILENT_SERVER'),
      result('conformance/app-ping-pong', 'passed', undefined, [reply]),
    ]);
    expect(out[0]!.diagnosis!.code).toBe('WELCOME_MISSING');
    expect(out[0]!.diagnosis!.summary).toMatch(/conformance\/app-ping-pong/);
    expect(out[0]!.diagnosis!.hint).toMatch(/never sends the welcome/);
    expect(out[0]!.diagnosis!.hint).not.toMatch(/sends never leave/i);
    expect(out[1]).toEqual(result('conformance/app-ping-pong', 'passed', undefined, [reply]));
  });

  test('SILENT_SERVER stands when nothing in the run ever came from the server', () => {
    const run = [result('conformance/welcome-timing', 'failed', 'SILENT_SERVER'), result('conformance/app-ping-pong', 'failed', 'SILENT_SERVER')];
    expect(reconcileResults(run).map((r) => r.diagnosis!.code)).toEqual(['SILENT_SERVER', 'SILENT_SERVER']);
  });
});

describe('rootCause', () => {
  test('names the code most failures share, with its count and evidence', () => {
    const run = [
      ...Array.from({ length: 20 }, (_, i) => result(`conformance/s${i}`, 'failed', 'INTERNAL_ERROR_BEFORE_WELCOME')),
      result('conformance/x', 'errored', 'SCENARIO_ERROR'),
      result('conformance/y', 'passed'),
      result('conformance/z', 'passed'),
      result('conformance/skipped', 'skipped'),
    ];
    const cause = rootCause(run)!;
    expect(cause).toMatchObject({ code: 'INTERNAL_ERROR_BEFORE_WELCOME', count: 20, of: 23 });
    expect(cause.sentence).toBe('20 of 23 scenarios failed with INTERNAL_ERROR_BEFORE_WELCOME (internal_error_before_welcome in conformance/s0) — fix that first');
  });

  test('no root cause for a single failure, a tie, or a run that passed', () => {
    expect(rootCause([result('a/a', 'failed', 'WELCOME_LATE'), result('a/b', 'passed')])).toBeNull();
    expect(rootCause([result('a/a', 'failed', 'WELCOME_LATE'), result('a/b', 'failed', 'WELCOME_LATE'), result('a/c', 'failed', 'APP_PONG_MISSING'), result('a/d', 'failed', 'APP_PONG_MISSING')])).toBeNull();
    expect(rootCause([result('a/a', 'passed')])).toBeNull();
  });
});
