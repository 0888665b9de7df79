/**
 * How a scenario's verdict ends its Playwright test. A failed scenario is an assertion failure
 * (JUnit `<failure>`, the diagnosis as its message); a scenario that could not run is an error
 * (JUnit `<error>`). Neither carries Expected/Received noise nor a code frame of ws-chaos's own
 * source: the error has no stack frames, only the diagnosis. Playwright's JUnit reporter files
 * an error under `<failure>` when its message names an expect matcher, hence the last line.
 */
import type { ScenarioResult } from '../results.js';

function bare(message: string): Error {
  const err = new Error(message);
  err.stack = message;
  return err;
}

export function endTestWith(result: ScenarioResult): void {
  const d = result.diagnosis;
  if (result.status === 'failed' && d) {
    throw bare(`${d.code}: ${d.summary}\nhint: ${d.hint}\nverdict: expect(scenario).toPass() — failed`);
  }
  if (result.status === 'errored') {
    throw bare(d ? `${d.code}: ${d.summary}` : `the scenario could not run: ${result.reason ?? 'unknown error'}`);
  }
}
