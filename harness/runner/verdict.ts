/**
 * How a scenario's verdict ends its Playwright test. A failed scenario is an assertion failure
 * (JUnit `<failure>`, the diagnosis as its message); a scenario that could not run is an error
 * (JUnit `<error>`).
 */
import { expect } from '@playwright/test';
import type { ScenarioResult } from '../results';

export function endTestWith(result: ScenarioResult): void {
  const d = result.diagnosis;
  if (result.status === 'failed' && d) {
    expect(result.status, `${d.code}: ${d.summary}\nhint: ${d.hint}`).toBe('passed');
  }
  if (result.status === 'errored') {
    const err = new Error(d ? `${d.code}: ${d.summary}` : `the scenario could not run: ${result.reason ?? 'unknown error'}`);
    err.stack = err.message;
    throw err;
  }
}
