/**
 * Before and after: compare this run's verdicts with a baseline run's (an earlier
 * `results.json`), scenario by scenario. Pure functions; loading the file is baseline-file.ts.
 */
import type { ScenarioResult, ScenarioStatus } from '../results.js';
import { COMPARISONS, type BaselineSection, type Comparison, type ScenarioComparison, type Verdict } from '../results-sections.js';

/** The comparison types are part of the results contract (harness/results-sections.ts); re-exported for the reporters. */
export { COMPARISONS, type BaselineSection, type Comparison, type ScenarioComparison, type Verdict };

/** The baseline as the CLI hands it to the run (in the run config file). */
export interface BaselineRef {
  /** The results file that was read (symlinks resolved, so `reports/latest` is pinned). */
  file: string;
  startedAt: string;
  scenarios: Array<{ id: string } & Verdict>;
}

type Side = 'ok' | 'bad' | 'skip';
const side = (s: ScenarioStatus): Side => (s === 'passed' ? 'ok' : s === 'skipped' ? 'skip' : 'bad');

export function verdictOf(r: Pick<ScenarioResult, 'status' | 'diagnosis'>): Verdict {
  return { status: r.status, code: r.diagnosis?.code ?? null };
}

export function compareVerdict(was: Verdict | null, now: Verdict | null): Comparison {
  if (!was) return 'new';
  if (!now) return 'removed';
  const a = side(was.status);
  const b = side(now.status);
  if (a === 'skip' || b === 'skip') return 'skipped';
  if (a === 'bad') return b === 'ok' ? 'fixed' : 'still-failing';
  return b === 'ok' ? 'still-passing' : 'regressed';
}

export function emptyComparisonTotals(): Record<Comparison, number> {
  return Object.fromEntries(COMPARISONS.map((c) => [c, 0])) as Record<Comparison, number>;
}

export function compareOne(baseline: BaselineRef, current: Pick<ScenarioResult, 'id' | 'status' | 'diagnosis'>): ScenarioComparison {
  const b = baseline.scenarios.find((s) => s.id === current.id);
  const was = b ? { status: b.status, code: b.code } : null;
  const now = verdictOf(current);
  return { comparison: compareVerdict(was, now), was, now };
}

export function compareWithBaseline(
  baseline: BaselineRef,
  current: ReadonlyArray<Pick<ScenarioResult, 'id' | 'status' | 'diagnosis'>>,
): BaselineSection {
  const scenarios: Record<string, ScenarioComparison> = {};
  for (const r of current) scenarios[r.id] = compareOne(baseline, r);
  for (const b of baseline.scenarios) {
    if (!(b.id in scenarios)) scenarios[b.id] = { comparison: 'removed', was: { status: b.status, code: b.code }, now: null };
  }
  const totals = emptyComparisonTotals();
  for (const c of Object.values(scenarios)) totals[c.comparison]++;
  return { file: baseline.file, startedAt: baseline.startedAt, totals, scenarios };
}

export const COMPARISON_LABEL: Record<Comparison, string> = {
  fixed: 'fixed',
  regressed: 'regressed',
  'still-failing': 'still failing',
  'still-passing': 'still passing',
  new: 'new',
  removed: 'removed',
  skipped: 'not compared (skipped)',
};

/** "3 fixed, 1 regressed, 8 still passing": the non-zero totals, most important first. */
export function comparisonCounts(totals: Record<Comparison, number>): string {
  const parts = COMPARISONS.filter((c) => totals[c] > 0).map((c) => `${totals[c]} ${COMPARISON_LABEL[c]}`);
  return parts.length ? parts.join(', ') : 'nothing to compare';
}

/** "(was WELCOME_LATE)" when a still-failing scenario failed differently. */
export function diagnosisChange(c: ScenarioComparison): string | undefined {
  if (!c.was || !c.now || c.was.code === c.now.code) return undefined;
  if (c.comparison === 'still-failing') return `was ${c.was.code ?? c.was.status}`;
  if (c.comparison === 'fixed') return `was ${c.was.code ?? c.was.status}`;
  return undefined;
}
