import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../harness/errors.js';
import { compareVerdict, compareWithBaseline, comparisonCounts, diagnosisChange, type BaselineRef } from '../../harness/reporters/baseline.js';
import { loadBaseline, parseBaseline } from '../../harness/reporters/baseline-file.js';
import { run, scenario } from './helpers/fixtures.js';

const v = (status: 'passed' | 'failed' | 'skipped' | 'errored', code: string | null = null) => ({ status, code });

describe('compareVerdict', () => {
  it('names every before/after pair', () => {
    expect(compareVerdict(v('failed', 'X'), v('passed'))).toBe('fixed');
    expect(compareVerdict(v('errored', 'SCENARIO_ERROR'), v('passed'))).toBe('fixed');
    expect(compareVerdict(v('passed'), v('failed', 'X'))).toBe('regressed');
    expect(compareVerdict(v('passed'), v('errored', 'SCENARIO_ERROR'))).toBe('regressed');
    expect(compareVerdict(v('failed', 'X'), v('failed', 'Y'))).toBe('still-failing');
    expect(compareVerdict(v('failed', 'X'), v('errored', 'Y'))).toBe('still-failing');
    expect(compareVerdict(v('passed'), v('passed'))).toBe('still-passing');
    expect(compareVerdict(null, v('failed', 'X'))).toBe('new');
    expect(compareVerdict(v('passed'), null)).toBe('removed');
    expect(compareVerdict(v('skipped'), v('passed'))).toBe('skipped');
    expect(compareVerdict(v('failed', 'X'), v('skipped'))).toBe('skipped');
  });
});

describe('compareWithBaseline', () => {
  const baseline: BaselineRef = {
    file: 'old/results.json',
    startedAt: '2026-11-20T09:00:00.000Z',
    scenarios: [
      { id: 'a/fixed', status: 'failed', code: 'INTERNAL_ERROR_BEFORE_WELCOME' },
      { id: 'a/regressed', status: 'passed', code: null },
      { id: 'a/still-failing', status: 'failed', code: 'WELCOME_LATE' },
      { id: 'a/still-passing', status: 'passed', code: null },
      { id: 'a/gone', status: 'failed', code: 'SILENT_SERVER' },
    ],
  };
  const current = [
    scenario('a/fixed', 'passed'),
    scenario('a/regressed', 'failed', { code: 'APP_PONG_MISSING' }),
    scenario('a/still-failing', 'failed', { code: 'SILENT_SERVER' }),
    scenario('a/still-passing', 'passed'),
    scenario('a/brand-new', 'passed'),
  ];

  it('compares per scenario id, in run order, then the removed ones, with totals', () => {
    const section = compareWithBaseline(baseline, current);
    expect(section.file).toBe('old/results.json');
    expect(section.startedAt).toBe('2026-11-20T09:00:00.000Z');
    expect(Object.entries(section.scenarios).map(([id, c]) => `${id}=${c.comparison}`)).toEqual([
      'a/fixed=fixed',
      'a/regressed=regressed',
      'a/still-failing=still-failing',
      'a/still-passing=still-passing',
      'a/brand-new=new',
      'a/gone=removed',
    ]);
    expect(section.scenarios['a/regressed']).toEqual({ comparison: 'regressed', was: v('passed'), now: v('failed', 'APP_PONG_MISSING') });
    expect(section.scenarios['a/gone']!.now).toBeNull();
    expect(section.scenarios['a/brand-new']!.was).toBeNull();
    expect(section.totals).toEqual({ regressed: 1, fixed: 1, 'still-failing': 1, new: 1, removed: 1, skipped: 0, 'still-passing': 1 });
    expect(comparisonCounts(section.totals)).toBe('1 regressed, 1 fixed, 1 still failing, 1 new, 1 removed, 1 still passing');
    expect(diagnosisChange(section.scenarios['a/still-failing']!)).toBe('was WELCOME_LATE');
    expect(diagnosisChange(section.scenarios['a/still-passing']!)).toBeUndefined();
  });

  it('compares a run with itself as all still passing / still failing', () => {
    const r = run([scenario('x/a', 'passed'), scenario('x/b', 'failed', { code: 'WELCOME_LATE' })]);
    const ref = parseBaseline(JSON.stringify(r), 'same.json');
    expect(comparisonCounts(compareWithBaseline(ref, r.scenarios).totals)).toBe('1 still failing, 1 still passing');
  });
});

describe('loadBaseline / parseBaseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsc-baseline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const failsWith = (fn: () => unknown, text: string): void => {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(2);
    expect((err as ConfigError).code).toBe('WSC_ERR_BASELINE');
    expect((err as Error).message).toContain(text);
  };

  it('reads a results.json, or the results.json of a run directory, and records which', () => {
    const r = run([scenario('x/a', 'failed', { code: 'WELCOME_LATE' })]);
    mkdirSync(join(dir, 'run1'));
    writeFileSync(join(dir, 'run1', 'results.json'), JSON.stringify(r));
    const expected = { startedAt: r.startedAt, scenarios: [{ id: 'x/a', status: 'failed', code: 'WELCOME_LATE' }] };
    const file = realpathSync(join(dir, 'run1', 'results.json'));
    expect(loadBaseline(join(dir, 'run1', 'results.json'))).toEqual({ file, ...expected });
    // A run directory (or the `latest` link to one) is pinned to the results file it held.
    symlinkSync('run1', join(dir, 'latest'));
    expect(loadBaseline(join(dir, 'latest'))).toEqual({ file, ...expected });
  });

  it('refuses a missing file, a directory without results, non-JSON, another schema and a malformed results file', () => {
    failsWith(() => loadBaseline(join(dir, 'nope.json')), 'no such file');
    mkdirSync(join(dir, 'empty'));
    failsWith(() => loadBaseline(join(dir, 'empty')), 'without a results.json');
    failsWith(() => parseBaseline('{"schema": ', 'bad.json'), '--baseline bad.json: is not JSON');
    failsWith(() => parseBaseline('{"name":"a package.json"}', 'package.json'), 'is not a ws-chaos results file');
    failsWith(() => parseBaseline('[1,2]', 'arr.json'), 'is not a ws-chaos results file');
    failsWith(() => parseBaseline('{"schema":"ws-chaos/results@2","startedAt":"x","scenarios":[]}', 'new.json'), 'has schema "ws-chaos/results@2"');
    failsWith(
      () => parseBaseline('{"schema":"ws-chaos/results@1","startedAt":"x","scenarios":[{"id":"a","status":"green","diagnosis":null}]}', 'odd.json'),
      'scenarios.0.status',
    );
  });

  it('refuses a partial baseline (an interrupted run), saying how much of it ran; a complete one is read (issue 8 item 3)', () => {
    const partial = { ...run([scenario('x/a', 'passed')]), complete: false, planned: 23, ran: 1 };
    failsWith(() => parseBaseline(JSON.stringify(partial), 'partial.json'), 'is a partial run (it was interrupted: 1 of 23 scenarios ran)');
    const complete = { ...partial, complete: true, planned: 1 };
    expect(parseBaseline(JSON.stringify(complete), 'complete.json').scenarios).toEqual([{ id: 'x/a', status: 'passed', code: null }]);
  });
});
