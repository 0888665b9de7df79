/**
 * Expected failures (config `expectedFailures`: scenario id → the diagnosis code it is known to
 * fail with). A scenario that fails with that code is "failed as expected": still `failed` in
 * results.json, but not counted in `totals.failed` and not failing the run. Failing with another
 * code (or erroring) is a real failure; passing is reported ("remove the entry") and stays exit 0.
 * The same for backend and client scenarios: each run judges the results it has, an entry about
 * a scenario of the other kind simply matches none of them (cli/select.ts checks the ids exist).
 */

/** The parts of a scenario result (harness/results.ts) an expectation reads; no import of it, no cycle. */
interface Judged {
  id: string;
  status: 'passed' | 'failed' | 'skipped' | 'errored';
  diagnosis: { code: string } | null;
  expected?: Expectation;
}

export type ExpectedOutcome = 'failed-as-expected' | 'passed-unexpectedly' | 'failed-differently';

/** What results.json says per scenario that has an entry (additive field `expected`). */
export interface Expectation {
  /** The code the config expects. */
  code: string;
  outcome: ExpectedOutcome;
}

export type ExpectedFailures = Readonly<Record<string, string>>;

/** The expectation's outcome for this result; undefined when it has no entry or was skipped. */
export function expectationFor(r: Omit<Judged, 'expected'>, expected: ExpectedFailures | undefined): Expectation | undefined {
  const code = expected?.[r.id];
  if (code === undefined || r.status === 'skipped') return undefined;
  if (r.status === 'passed') return { code, outcome: 'passed-unexpectedly' };
  if (r.status === 'failed' && r.diagnosis?.code === code) return { code, outcome: 'failed-as-expected' };
  return { code, outcome: 'failed-differently' };
}

/** The result with its `expected` field set (or removed) from the config's expectations. */
export function withExpectation<R extends Judged>(r: R, expected: ExpectedFailures | undefined): R {
  const e = expectationFor(r, expected);
  const { expected: _old, ...rest } = r;
  return (e ? { ...rest, expected: e } : rest) as R;
}

/** A result the run's verdict ignores: it failed exactly as the config expects. */
export const failedAsExpected = (r: Pick<Judged, 'expected'>): boolean => r.expected?.outcome === 'failed-as-expected';

/** One line for people about an expectation, or undefined when there is nothing to say. */
export function expectationNote(r: Pick<Judged, 'expected' | 'diagnosis' | 'status'>): string | undefined {
  const e = r.expected;
  if (!e) return undefined;
  if (e.outcome === 'failed-as-expected') return `expected failure (${e.code})`;
  if (e.outcome === 'passed-unexpectedly') return `expected to fail with ${e.code} but passed: remove the entry from expectedFailures`;
  return `expected to fail with ${e.code}, failed with ${r.diagnosis?.code ?? r.status}: a real failure`;
}

/** Expectations whose scenario is not in the run: ids the config names that match nothing. */
export function unknownExpectations(expected: ExpectedFailures | undefined, ids: readonly string[]): string[] {
  return Object.keys(expected ?? {}).filter((id) => !ids.includes(id));
}
