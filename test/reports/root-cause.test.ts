/** The run's root cause comes first in the console summary and in summary.md. */
import { describe, expect, it } from 'vitest';
import { consoleSummary } from '../../harness/reporters/console.js';
import { markdownSummary } from '../../harness/reporters/markdown.js';
import { run, scenario } from './helpers/fixtures.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');
const cause = { code: 'INTERNAL_ERROR_BEFORE_WELCOME' as const, count: 20, of: 23, sentence: '20 of 23 scenarios failed with INTERNAL_ERROR_BEFORE_WELCOME (closed 1011) — fix that first' };

describe('root cause in the summaries', () => {
  it('console: the root cause is the summary\'s first line', () => {
    const text = plain(consoleSummary(run([scenario('conformance/welcome-timing', 'failed', { code: 'INTERNAL_ERROR_BEFORE_WELCOME' })], { rootCause: cause }), '/tmp/out')).trim();
    expect(text.split('\n')[0]).toBe(cause.sentence);
  });
  it('summary.md: the root cause right under the heading, before the table', () => {
    const md = markdownSummary(run([scenario('conformance/welcome-timing', 'failed', { code: 'INTERNAL_ERROR_BEFORE_WELCOME' })], { rootCause: cause }));
    const at = md.indexOf(`**Root cause: ${cause.sentence}.**`);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(md.indexOf('Target '));
  });
  it('no root cause, no line', () => {
    expect(markdownSummary(run([scenario('conformance/welcome-timing', 'failed', { code: 'INTERNAL_ERROR_BEFORE_WELCOME' })]))).not.toMatch(/Root cause/);
    expect(plain(consoleSummary(run([scenario('conformance/welcome-timing', 'failed', { code: 'INTERNAL_ERROR_BEFORE_WELCOME' })]), '/tmp/out'))).not.toMatch(/fix that first/);
  });
});
