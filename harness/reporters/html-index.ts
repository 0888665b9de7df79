/**
 * ws-chaos's own HTML report, `<run>/index.html`: one self-contained page derived from
 * results.json. The run's root cause comes first, then the totals exactly as the CLI counts
 * them (failed and errored apart), then every scenario — failures first — with its status,
 * diagnosis code, summary, hint, observations and its timeline picture inline. Playwright's own
 * report stays in `html/` (traces, stdout) and is linked from the page.
 */
import { contractHtml } from '../contract/coverage-html.js';
import type { RunResults, ScenarioResult, ScenarioStatus } from '../results.js';
import { partialRunNote } from '../results.js';
import { formatMs, SECONDS } from '../diagnose/format.js';
import { expectationNote, failedAsExpected } from '../expected-failures.js';
import { observationsLine } from './html-report.js';
import { renderTimelineSvg } from './timeline-svg.js';

const ORDER: Record<ScenarioStatus, number> = { errored: 0, failed: 1, passed: 2, skipped: 3 };
const MARK: Record<ScenarioStatus, string> = { passed: '✓', failed: '✗', errored: '!', skipped: '–' };

/** Text into HTML: every markup character escaped, so no message from a target can inject markup. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Failures first (errored, then failed), then passed, then skipped; the run's order within each. */
export function reportOrder(scenarios: readonly ScenarioResult[]): ScenarioResult[] {
  return scenarios.map((s, i) => ({ s, i })).sort((a, b) => ORDER[a.s.status] - ORDER[b.s.status] || a.i - b.i).map((x) => x.s);
}

function scenarioSection(s: ScenarioResult): string {
  const d = s.diagnosis;
  const lines = [
    `<section class="scenario ${s.status}" id="${escapeHtml(s.id)}">`,
    `<h2><span class="mark">${MARK[s.status]}</span> <code>${escapeHtml(s.id)}</code> <span class="status">${failedAsExpected(s) ? 'failed as expected' : s.status}</span> <span class="dur">${s.durationMs} ms</span></h2>`,
    `<p class="title">${escapeHtml(s.title)}</p>`,
  ];
  if (d) {
    lines.push(`<p class="diagnosis"><code>${escapeHtml(d.code)}</code> ${escapeHtml(d.summary)}</p>`, `<p class="hint">hint: ${escapeHtml(d.hint)}</p>`);
  }
  const note = expectationNote(s);
  if (note) lines.push(`<p class="expected">${escapeHtml(note)}</p>`);
  if (s.reason && s.status !== 'failed') lines.push(`<p class="reason">${escapeHtml(s.reason)}</p>`);
  if (Object.keys(s.observations).length) lines.push(`<p class="obs">${escapeHtml(observationsLine(s.observations))}</p>`);
  // The SVG is ours (timeline-svg.ts escapes every text it draws), so it goes in as markup.
  if (s.timelines.length) lines.push(`<details${s.status === 'failed' || s.status === 'errored' ? ' open' : ''}><summary>timeline</summary>${renderTimelineSvg(s)}</details>`);
  lines.push('</section>');
  return lines.join('\n');
}

export function renderHtmlIndex(run: RunResults): string {
  const t = run.totals;
  const partial = partialRunNote(run);
  const head = [
    `<p class="target">${escapeHtml(run.target.kind)} <code>${escapeHtml(run.target.url)}</code> (profile ${escapeHtml(run.target.profile)})${run.target.faults.length ? ` playing <code>${escapeHtml(run.target.faults.join(', '))}</code>` : ''}${run.proxy ? ` · chaos through ${escapeHtml(run.proxy.provider)} Toxiproxy ${escapeHtml(run.proxy.version)}` : ''}</p>`,
    `<p class="started">started ${escapeHtml(run.startedAt)} · ${formatMs(run.durationMs, SECONDS)} · ${escapeHtml(run.tool.name)} ${escapeHtml(run.tool.version)}</p>`,
  ];
  if (run.rootCause) head.push(`<p class="root-cause"><strong>Root cause:</strong> ${escapeHtml(run.rootCause.sentence)}</p>`);
  if (partial) head.push(`<p class="partial"><strong>${escapeHtml(partial)}</strong></p>`);
  head.push(
    `<p class="totals"><span class="passed">${t.passed} passed</span> · <span class="failed">${t.failed} failed</span> · ${t.expectedFailures ? `<span class="expected">${t.expectedFailures} failed as expected</span> · ` : ''}<span class="errored">${t.errored} errored</span> · <span class="skipped">${t.skipped} skipped</span></p>`,
    '<p class="more">Playwright\'s own report (traces, output): <a href="html/index.html">html/index.html</a> · machine-readable: <a href="results.json">results.json</a></p>',
  );
  if (run.contract) head.push(contractHtml(run.contract));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ws-chaos report — ${escapeHtml(run.target.profile)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
code{font:13px ui-monospace,monospace}.root-cause{background:#fde8e8;border-left:4px solid #c62828;padding:.6em .8em}
.partial{background:#fff4e0;border-left:4px solid #ef6c00;padding:.6em .8em}
.scenario{border-top:1px solid #ddd;padding:.4em 0}.scenario h2{font-size:15px;margin:.3em 0}
.failed .mark,.failed .status,span.failed{color:#c62828}.errored .mark,.errored .status,span.errored{color:#6a1b9a}
.passed .mark,.passed .status,span.passed{color:#2e7d32}.skipped{color:#777}.dur{color:#777;font-weight:normal}
.expected{color:#a66d00}.hint{color:#555}.obs{color:#666;font-size:12px}.title{margin:.1em 0}svg{max-width:100%;height:auto}
</style></head><body>
<h1>ws-chaos report</h1>
${head.join('\n')}
${reportOrder(run.scenarios).map(scenarioSection).join('\n')}
</body></html>
`;
}
