/**
 * ws-chaos's own HTML page (index.html beside results.json): the root cause first, totals that
 * count failed and errored apart (as the CLI does), every scenario's code, summary and hint,
 * failures first, and nothing from a target that could inject markup.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtmlIndex, reportOrder } from '../../harness/reporters/html-index.js';
import { opened, run, scenario } from './helpers/fixtures.js';

describe('renderHtmlIndex', () => {
  const failing = scenario('conformance/welcome-timing', 'failed', {
    code: 'INTERNAL_ERROR_BEFORE_WELCOME',
    summary: 'server closed 1011 "Service unavailable" 58.5 ms after open, before the welcome',
    timelines: [opened('main', [{ t: 60.7, kind: 'close', code: 1011, reason: 'Service unavailable', wasClean: true, by: 'server' }])],
  });
  const errored = scenario('chaos/jitter', 'errored', { code: 'SCENARIO_ERROR', summary: 'the scenario could not run: boom', reason: 'boom' });
  const passed = scenario('conformance/handshake', 'passed');
  const skipped = scenario('conformance/app-ping-pong', 'skipped', { reason: 'profile "x" has no `appPing` part' });
  const results = run([passed, failing, skipped, errored], {
    rootCause: { code: 'INTERNAL_ERROR_BEFORE_WELCOME', count: 2, of: 3, sentence: '2 of 3 scenarios failed with INTERNAL_ERROR_BEFORE_WELCOME — fix that first' },
  });
  const html = renderHtmlIndex(results);

  it('names the root cause before any scenario', () => {
    const cause = html.indexOf('Root cause:');
    expect(cause).toBeGreaterThan(0);
    expect(cause).toBeLessThan(html.indexOf('<section'));
    expect(html).toContain('2 of 3 scenarios failed with INTERNAL_ERROR_BEFORE_WELCOME — fix that first');
  });

  it('counts failed and errored apart, as the CLI does', () => {
    expect(html).toContain('1 passed</span> · <span class="failed">1 failed</span> · <span class="errored">1 errored</span> · <span class="skipped">1 skipped');
  });

  it("shows every scenario's id, code, summary and hint, failures first", () => {
    for (const id of ['conformance/welcome-timing', 'chaos/jitter', 'conformance/handshake', 'conformance/app-ping-pong']) expect(html).toContain(`<code>${id}</code>`);
    expect(html).toContain('<code>INTERNAL_ERROR_BEFORE_WELCOME</code> server closed 1011 &quot;Service unavailable&quot; 58.5 ms after open');
    expect(html).toMatch(/hint: \S/);
    expect(reportOrder(results.scenarios).map((s) => s.status)).toEqual(['errored', 'failed', 'passed', 'skipped']);
    expect(html.indexOf('chaos/jitter')).toBeLessThan(html.indexOf('conformance/handshake'));
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/backend\.spec\.ts|Expected/);
  });

  it('says so when the run is partial', () => {
    expect(renderHtmlIndex(run([passed], { complete: false, planned: 23, ran: 1 }))).toContain('run interrupted: 1 of 23 scenarios ran');
    expect(html).not.toContain('run interrupted');
  });

  it('escapes what a target sent', () => {
    const evil = scenario('conformance/message-roundtrip', 'failed', { code: 'RESPONSE_MISSING', summary: 'got <script>alert(1)</script>' });
    const page = renderHtmlIndex(run([evil]));
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
