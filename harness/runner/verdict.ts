/**
 * How a scenario's verdict ends its Playwright test. A failed scenario is an assertion failure
 * (JUnit `<failure>`, the diagnosis as its message); a scenario that could not run is an error
 * (JUnit `<error>`). Neither carries Expected/Received noise nor a code frame of ws-chaos's own
 * source: the error has no stack frames, only the diagnosis. Playwright's JUnit reporter files
 * an error under `<failure>` when its message names an expect matcher, hence the last line.
 * A scenario that failed as the config expects (`expectedFailures`) ends its test passing, with
 * an `expected-failure` annotation: Playwright must not count it, the run does not fail for it.
 */
import type { TestInfo } from '@playwright/test';
import { expectationNote, failedAsExpected } from '../expected-failures.js';
import type { ScenarioResult } from '../results.js';

function bare(message: string): Error {
  const err = new Error(message);
  err.stack = message;
  return err;
}

export function endTestWith(result: ScenarioResult, testInfo?: Pick<TestInfo, 'annotations'>): void {
  const d = result.diagnosis;
  const note = expectationNote(result);
  if (note) testInfo?.annotations.push({ type: failedAsExpected(result) ? 'expected-failure' : 'expectation', description: note });
  if (failedAsExpected(result)) return;
  if (result.status === 'failed' && d) {
    throw bare(`${d.code}: ${d.summary}\nhint: ${d.hint}${note ? `\n${note}` : ''}\nverdict: expect(scenario).toPass() — failed`);
  }
  if (result.status === 'errored') {
    throw bare(d ? `${d.code}: ${d.summary}` : `the scenario could not run: ${result.reason ?? 'unknown error'}`);
  }
}
