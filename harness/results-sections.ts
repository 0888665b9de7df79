/**
 * The shapes of results.json whose producers live outside the contract: the scenario status
 * union, the `baseline` comparison, the `rootCause` and the `warmup` section. Plain types (and
 * one constant list), importing only the diagnosis codes, so harness/results.ts can name every
 * part of the file without importing a reporter, a judge or the probe (no import cycle).
 */
import type { AnyDiagnosisCode } from './diagnose/codes.js';

export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'errored';

/**
 * - `fixed`: failed (or errored) in the baseline, passes now
 * - `regressed`: passed in the baseline, fails (or errors) now
 * - `still-failing` / `still-passing`: same side as before (the diagnosis may have changed)
 * - `new`: not in the baseline
 * - `removed`: in the baseline, not in this run (removed, renamed, or not selected by --grep)
 * - `skipped`: skipped in this run or in the baseline, so there is nothing to compare
 */
export const COMPARISONS = ['regressed', 'fixed', 'still-failing', 'new', 'removed', 'skipped', 'still-passing'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** What a baseline needs to say about one scenario. */
export interface Verdict {
  status: ScenarioStatus;
  /** The diagnosis code, or null when there was none. */
  code: string | null;
}

export interface ScenarioComparison {
  comparison: Comparison;
  /** The baseline's verdict; null for `new`. */
  was: Verdict | null;
  /** This run's verdict; null for `removed`. */
  now: Verdict | null;
}

/** The optional top-level `baseline` field of results.json (computed by harness/reporters/baseline.ts). */
export interface BaselineSection {
  file: string;
  startedAt: string;
  totals: Record<Comparison, number>;
  /** Keyed by scenario id: this run's scenarios in run order, then the removed ones. */
  scenarios: Record<string, ScenarioComparison>;
}

/** results.json's `rootCause` (computed by harness/diagnose/root-cause.ts). */
export interface RootCause {
  code: AnyDiagnosisCode;
  /** How many scenarios failed (or errored) with this code, of how many that ran. */
  count: number;
  of: number;
  /** One line, e.g. "20 of 23 scenarios failed with INTERNAL_ERROR_BEFORE_WELCOME (...) — fix that first". */
  sentence: string;
}

/** results.json's `warmup` (measured by harness/warmup.ts). */
export interface WarmupResult {
  /** ms from the first dial to the first welcomed connection; null: never within maxMs. */
  readyAfterMs: number | null;
  attempts: number;
  /** The refusals before the first welcomed connection, grouped by diagnosis code and close. */
  failures: Array<{ code: AnyDiagnosisCode; detail: string; count: number }>;
  maxMs: number;
  intervalMs: number;
  budgetMs?: number;
  /** One line for people, e.g. "refused connections for the first 3.2 s after start (...), then healthy". */
  finding: string;
  /** Never ready within maxMs, or ready later than budgetMs. */
  failed: boolean;
}
