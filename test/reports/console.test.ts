import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareOne, compareWithBaseline } from '../../harness/reporters/baseline.js';
import { shouldColour } from '../../harness/reporters/colours.js';
import { consoleBaseline, consoleLine } from '../../harness/reporters/console.js';
import { createProgress, progressText } from '../../harness/reporters/progress.js';
import { run, scenario } from './helpers/fixtures.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('shouldColour', () => {
  it('colours a TTY only, unless NO_COLOR or FORCE_COLOR say otherwise; CI alone does not', () => {
    expect(shouldColour({}, true)).toBe(true);
    expect(shouldColour({}, false)).toBe(false);
    expect(shouldColour({ CI: 'true' }, false)).toBe(false);
    expect(shouldColour({ TERM: 'dumb' }, true)).toBe(false);
    expect(shouldColour({ NO_COLOR: '1' }, true)).toBe(false);
    expect(shouldColour({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(shouldColour({ FORCE_COLOR: '0' }, true)).toBe(false);
  });
});

describe('progress line', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const stream = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, s: { isTTY, columns: 60, write: (x: string) => out.push(x) > 0 } };
  };

  it('appears only after the delay on a TTY, redraws in place, and is erased when the scenario ends', () => {
    vi.useFakeTimers();
    let t = 0;
    const { out, s } = stream(true);
    const p = createProgress(s, { enabled: true, delayMs: 2000, intervalMs: 250, now: () => t });
    p.start('conformance/stays-open');
    t = 1999;
    vi.advanceTimersByTime(1999);
    expect(out).toEqual([]);
    t = 2000;
    vi.advanceTimersByTime(1);
    t = 2250;
    vi.advanceTimersByTime(250);
    expect(out.map(plain)).toEqual(['\r\x1b[2K⠋ running conformance/stays-open … 2.0 s', '\r\x1b[2K⠙ running conformance/stays-open … 2.3 s']);
    p.stop();
    expect(out.at(-1)).toBe('\r\x1b[2K');
    vi.advanceTimersByTime(5000);
    expect(out).toHaveLength(3);
  });

  it('writes nothing on a non-TTY, or when disabled (--quiet), and nothing to erase for short scenarios', () => {
    vi.useFakeTimers();
    for (const [tty, enabled] of [[false, true], [true, false]] as const) {
      const { out, s } = stream(tty);
      const p = createProgress(s, { enabled, delayMs: 10 });
      p.start('x');
      vi.advanceTimersByTime(1000);
      p.stop();
      expect(out).toEqual([]);
    }
    const { out, s } = stream(true);
    const p = createProgress(s, { enabled: true, delayMs: 2000 });
    p.start('quick');
    p.stop();
    expect(out).toEqual([]);
  });

  it('fits the terminal width', () => {
    expect(progressText('conformance/a-very-long-scenario-name-indeed', 2500, 0, 30)).toHaveLength(29);
    expect(progressText('x', 2500, 0, 80)).toBe('⠋ running x … 2.5 s');
  });
});

describe('console lines with a baseline', () => {
  const baselineRef = {
    file: 'old/results.json',
    startedAt: '2026-11-20T09:00:00.000Z',
    scenarios: [
      { id: 'c/a', status: 'failed' as const, code: 'INTERNAL_ERROR_BEFORE_WELCOME' },
      { id: 'c/b', status: 'passed' as const, code: null },
      { id: 'c/gone', status: 'passed' as const, code: null },
    ],
  };

  it('tags each line with what changed', () => {
    const fixed = scenario('c/a', 'passed');
    const broke = scenario('c/b', 'failed', { code: 'APP_PONG_MISSING', summary: 'no pong in 1000 ms' });
    expect(plain(consoleLine(fixed, 1, 2, false, compareOne(baselineRef, fixed)))).toMatch(/✓ c\/a\s+13 ms fixed\s*$/);
    expect(plain(consoleLine(broke, 2, 2, false, compareOne(baselineRef, broke)).split('\n')[0]!)).toMatch(/✗ c\/b\s+13 ms REGRESSED\s+APP_PONG_MISSING no pong in 1000 ms$/);
    expect(plain(consoleLine(fixed, 1, 2, false))).not.toContain('fixed');
  });

  it('sums up regressions, fixes and removed scenarios at the end (only regressions with --quiet)', () => {
    const current = [scenario('c/a', 'passed'), scenario('c/b', 'failed', { code: 'APP_PONG_MISSING' })];
    const r = run(current, { baseline: compareWithBaseline(baselineRef, current) });
    const text = plain(consoleBaseline(r));
    expect(text).toContain('Compared with old/results.json (run of 2026-11-20T09:00:00.000Z): 1 regressed, 1 fixed, 1 removed');
    expect(text).toMatch(/REGRESSED\s+c\/b {2}APP_PONG_MISSING/);
    expect(text).toMatch(/fixed\s+c\/a {2}was INTERNAL_ERROR_BEFORE_WELCOME/);
    expect(text).toMatch(/removed\s+1 in the baseline, not in this run: c\/gone$/m);
    const quiet = plain(consoleBaseline(r, true));
    expect(quiet).toContain('REGRESSED');
    expect(quiet).not.toContain('c/gone');
    expect(consoleBaseline(run(current))).toBe('');
  });
});
