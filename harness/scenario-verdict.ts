/**
 * What a scenario returns, whichever its kind: a Verdict (`pass(...)` / `fail(...)`), or it
 * throws SkipScenario when it cannot apply here. Kept apart from harness/scenario.ts so the
 * per-kind context types (harness/client/scenario.ts) can use it without an import cycle.
 */
import type { Diagnosis } from './diagnose/codes.js';

/** Throw from `run` when the scenario cannot apply here (the reason is reported). */
export class SkipScenario extends Error {}

export interface Verdict {
  status: 'passed' | 'failed';
  diagnosis: Diagnosis | null;
  /** The measured facts that support the verdict: codes, timings, counts. */
  observations: Record<string, unknown>;
}

/** A user diagnosis code (or a built-in one): UPPER_SNAKE, e.g. ACME_LOGIN_REFUSED. */
export const DIAGNOSIS_CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

export const pass = (observations: Record<string, unknown> = {}): Verdict => ({ status: 'passed', diagnosis: null, observations });

/**
 * A failed verdict: `fail(diagnosis, observations?)`, or a scenario's own code in three strings,
 * `fail('ACME_LOGIN_REFUSED', 'login answered 403', 'check the session cookie', observations?)`.
 */
export function fail(d: Diagnosis, observations?: Record<string, unknown>): Verdict;
export function fail(code: string, summary: string, hint: string, observations?: Record<string, unknown>): Verdict;
export function fail(
  d: Diagnosis | string,
  summaryOrObs?: string | Record<string, unknown>,
  hint?: string,
  observations: Record<string, unknown> = {},
): Verdict {
  if (typeof d !== 'string') return { status: 'failed', diagnosis: d, observations: (summaryOrObs as Record<string, unknown> | undefined) ?? {} };
  if (!DIAGNOSIS_CODE.test(d)) throw new Error(`diagnosis code "${d}" must be UPPER_SNAKE (e.g. ACME_LOGIN_REFUSED)`);
  return { status: 'failed', diagnosis: { code: d, summary: String(summaryOrObs ?? ''), hint: hint ?? '' }, observations };
}
