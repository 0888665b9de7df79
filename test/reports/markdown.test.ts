import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../harness/reporters/baseline.js';
import { markdownSummary } from '../../harness/reporters/markdown.js';
import { run, scenario } from './helpers/fixtures.js';

const scenarios = [
  scenario('c/passes', 'passed'),
  scenario('c/skips', 'skipped', { reason: 'profile has no `appPing` part' }),
  scenario('c/fails', 'failed', { code: 'INTERNAL_ERROR_BEFORE_WELCOME', summary: 'server closed 1011 | "Service unavailable"\nbefore the welcome' }),
  scenario('c/errors', 'errored', { code: 'SCENARIO_ERROR', summary: 'boom' }),
];

const rows = (md: string): string[] => md.split('\n').filter((l) => l.startsWith('| `'));

describe('markdownSummary', () => {
  it('puts failures first with diagnosis and hint, escaping pipes and newlines', () => {
    const md = markdownSummary(run(scenarios));
    expect(md.split('\n')[0]).toBe('## ws-chaos: 2 scenario(s) failed');
    expect(md).toContain('| scenario | result | diagnosis | summary | hint |');
    expect(rows(md).map((r) => r.split('|')[1]!.trim())).toEqual(['`c/fails`', '`c/errors`', '`c/passes`', '`c/skips`']);
    expect(rows(md)[0]).toContain('server closed 1011 \\| "Service unavailable" before the welcome');
    expect(rows(md)[0]).toContain('`INTERNAL_ERROR_BEFORE_WELCOME`');
    expect(rows(md)[0]).toContain('readiness check');
    expect(rows(md)[3]).toContain('profile has no `appPing` part');
    expect(md).not.toContain('vs baseline');
  });

  it('adds a "vs baseline" column, sorts regressions first and lists removed scenarios', () => {
    const current = [scenario('c/fixed', 'passed'), scenario('c/still', 'failed', { code: 'WELCOME_LATE' }), scenario('c/broke', 'failed', { code: 'APP_PONG_MISSING' })];
    const baseline = compareWithBaseline(
      {
        file: 'reports/old/results.json',
        startedAt: '2026-11-20T09:00:00.000Z',
        scenarios: [
          { id: 'c/fixed', status: 'failed', code: 'SILENT_SERVER' },
          { id: 'c/still', status: 'failed', code: 'SILENT_SERVER' },
          { id: 'c/broke', status: 'passed', code: null },
          { id: 'c/gone', status: 'passed', code: null },
        ],
      },
      current,
    );
    const md = markdownSummary(run(current, { baseline }));
    expect(md.split('\n')[0]).toBe('## ws-chaos: 2 scenario(s) failed, 1 regressed');
    expect(md).toContain('Compared with baseline `reports/old/results.json` (run of 2026-11-20T09:00:00.000Z): 1 regressed, 1 fixed, 1 still failing, 1 removed.');
    expect(md).toContain('| scenario | result | vs baseline | diagnosis | summary | hint |');
    const r = rows(md);
    expect(r.map((l) => l.split('|')[1]!.trim())).toEqual(['`c/broke`', '`c/still`', '`c/fixed`', '`c/gone`']);
    expect(r[0]).toContain('🔴 **regressed**');
    expect(r[1]).toContain('still failing (was SILENT_SERVER)');
    expect(r[2]).toContain('🟢 **fixed** (was SILENT_SERVER)');
    expect(r[3]).toContain('| — | removed |');
    expect(r[3]).toContain('was passed');
    // Every row has the same number of cells as the header.
    for (const l of r) expect(l.replace(/\\\|/g, '').split('|').length).toBe(8);
  });
});
