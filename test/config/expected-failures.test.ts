/**
 * Expected failures (config `expectedFailures`) and user diagnosis codes in every report: the
 * outcome per scenario, the totals, how the Playwright test ends (harness/runner/verdict.ts),
 * and console / summary.md / junit.xml / index.html showing a user's code with its own hint.
 */
import { describe, expect, it } from 'vitest';
import { expectationFor, withExpectation } from '../../harness/expected-failures.js';
import { fail } from '../../harness/index.js';
import { RESULTS_SCHEMA, totals, type RunResults, type ScenarioResult } from '../../harness/results.js';
import { consoleLine, consoleSummary } from '../../harness/reporters/console.js';
import { renderHtmlIndex } from '../../harness/reporters/html-index.js';
import { renderJunit } from '../../harness/reporters/junit.js';
import { markdownSummary } from '../../harness/reporters/markdown.js';
import { endTestWith } from '../../harness/runner/verdict.js';

const result = (id: string, status: ScenarioResult['status'], code?: string, hint = 'the built-in hint'): ScenarioResult => ({
  id,
  title: id,
  status,
  durationMs: 5,
  diagnosis: code ? { code, summary: `${code} happened`, hint } : null,
  observations: {},
  timelines: [],
});
const EXPECTED = { 'acme/known': 'ACME_KNOWN', 'acme/fixed': 'ACME_KNOWN', 'acme/other': 'ACME_KNOWN', 'acme/skipped': 'ACME_KNOWN' };

describe('the outcome of an expectation', () => {
  it('failed with the code / passed / failed with another code or errored / skipped', () => {
    expect(expectationFor(result('acme/known', 'failed', 'ACME_KNOWN'), EXPECTED)).toEqual({ code: 'ACME_KNOWN', outcome: 'failed-as-expected' });
    expect(expectationFor(result('acme/fixed', 'passed'), EXPECTED)).toEqual({ code: 'ACME_KNOWN', outcome: 'passed-unexpectedly' });
    expect(expectationFor(result('acme/other', 'failed', 'WELCOME_LATE'), EXPECTED)).toEqual({ code: 'ACME_KNOWN', outcome: 'failed-differently' });
    expect(expectationFor(result('acme/other', 'errored', 'SCENARIO_ERROR'), EXPECTED)?.outcome).toBe('failed-differently');
    expect(expectationFor(result('acme/skipped', 'skipped'), EXPECTED)).toBeUndefined();
    expect(expectationFor(result('acme/none', 'failed', 'ACME_KNOWN'), EXPECTED)).toBeUndefined();
  });

  it('totals: a failure as expected is counted apart, never in failed', () => {
    const rs = [result('acme/known', 'failed', 'ACME_KNOWN'), result('acme/other', 'failed', 'WELCOME_LATE'), result('acme/fixed', 'passed')].map((r) => withExpectation(r, EXPECTED));
    expect(totals(rs)).toEqual({ passed: 1, failed: 1, skipped: 0, errored: 0, expectedFailures: 1 });
    // Without expectations the totals keep their old shape (no expectedFailures key).
    expect(totals([result('acme/known', 'failed', 'ACME_KNOWN')])).toEqual({ passed: 0, failed: 1, skipped: 0, errored: 0 });
  });
});

describe('how the Playwright test ends', () => {
  it('failed as expected: passes, with an expected-failure annotation', () => {
    const info = { annotations: [] as Array<{ type: string; description?: string }> };
    expect(() => endTestWith(withExpectation(result('acme/known', 'failed', 'ACME_KNOWN'), EXPECTED), info)).not.toThrow();
    expect(info.annotations).toEqual([{ type: 'expected-failure', description: 'expected failure (ACME_KNOWN)' }]);
  });

  it('failed with another code: fails, saying what was expected', () => {
    expect(() => endTestWith(withExpectation(result('acme/other', 'failed', 'WELCOME_LATE'), EXPECTED))).toThrow(/WELCOME_LATE: WELCOME_LATE happened[\s\S]*expected to fail with ACME_KNOWN, failed with WELCOME_LATE: a real failure/);
  });

  it('passed although expected to fail: passes, and says to remove the entry', () => {
    const info = { annotations: [] as Array<{ type: string; description?: string }> };
    expect(() => endTestWith(withExpectation(result('acme/fixed', 'passed'), EXPECTED), info)).not.toThrow();
    expect(info.annotations[0]?.description).toBe('expected to fail with ACME_KNOWN but passed: remove the entry from expectedFailures');
  });
});

describe('user codes and expected failures in every report', () => {
  const userFail = { ...result('acme/login-flow', 'failed'), ...fail('ACME_LOGIN_REFUSED', 'login answered 403', 'check the session cookie the profile sends') };
  const scenarios = [userFail, result('acme/known', 'failed', 'ACME_KNOWN', 'fixed in release 2'), result('acme/fixed', 'passed')].map((r) => withExpectation(r, EXPECTED));
  const run: RunResults = {
    schema: RESULTS_SCHEMA,
    tool: { name: 'ws-chaos', version: '0.1.0' },
    startedAt: '2026-12-02T00:00:00.000Z',
    durationMs: 100,
    target: { url: 'ws://127.0.0.1:1/ws', profile: 'reference', kind: 'reference', faults: [] },
    proxy: null,
    totals: totals(scenarios),
    scenarios,
  };

  it('console: the user code with its own hint; the expected failure and the stale entry noted', () => {
    const lines = scenarios.map((s, i) => consoleLine(s, i + 1, 3, false));
    expect(lines[0]).toContain('ACME_LOGIN_REFUSED login answered 403');
    expect(lines[0]).toContain('hint: check the session cookie the profile sends');
    expect(lines[1]).toContain('expected failure (ACME_KNOWN): ACME_KNOWN ACME_KNOWN happened');
    expect(lines[1]).not.toContain('hint:');
    expect(lines[2]).toContain('expected to fail with ACME_KNOWN but passed: remove the entry');
    expect(consoleSummary(run, '/out')).toContain('1 passed, 1 failed, 1 failed as expected');
  });

  it('summary.md: the user code and hint in the table; the expected failure marked', () => {
    const md = markdownSummary(run);
    expect(md).toContain('| `acme/login-flow` | ❌ failed | `ACME_LOGIN_REFUSED` | login answered 403 | check the session cookie the profile sends |');
    expect(md).toContain('| `acme/known` | 🟡 failed as expected | `ACME_KNOWN` |');
    expect(md).toContain('## ws-chaos: 1 scenario(s) failed');
  });

  it('junit.xml: the user code is the failure type; the expected failure passes with a note', () => {
    const xml = renderJunit(run);
    expect(xml).toContain('<failure message="ACME_LOGIN_REFUSED: login answered 403" type="ACME_LOGIN_REFUSED">');
    expect(xml).toContain('hint: check the session cookie the profile sends');
    expect(xml).toMatch(/<testcase name="acme\/known"[^>]*>\n\s*<system-out>expected failure \(ACME_KNOWN\): ACME_KNOWN: ACME_KNOWN happened<\/system-out>/);
    expect(xml).toMatch(/<testsuites name="ws-chaos" tests="3" failures="1" errors="0"/);
  });

  it('index.html: the user code and hint; the expected failure and the stale entry', () => {
    const html = renderHtmlIndex(run);
    expect(html).toContain('<code>ACME_LOGIN_REFUSED</code> login answered 403');
    expect(html).toContain('hint: check the session cookie the profile sends');
    expect(html).toContain('<span class="status">failed as expected</span>');
    expect(html).toContain('expected to fail with ACME_KNOWN but passed: remove the entry from expectedFailures');
  });
});
