/**
 * The Markdown summary (`summary.md`): the table a CI job page shows (GitHub's step summary),
 * failures first, each with its diagnosis and hint. With a baseline, a "vs baseline" column
 * says what changed, regressions sort to the very top, and removed scenarios get a row.
 */
import { contractMarkdown } from '../contract/coverage.js';
import { expectationNote, failedAsExpected } from '../expected-failures.js';
import { partialRunNote, type RunResults, type ScenarioResult } from '../results.js';
import { formatMs, SECONDS, WHOLE_MS } from '../diagnose/format.js';
import { comparisonCounts, diagnosisChange, type BaselineSection, type Comparison, type ScenarioComparison } from './baseline.js';

const ORDER: Record<ScenarioResult['status'], number> = { failed: 0, errored: 1, passed: 2, skipped: 3 };
const MARK: Record<ScenarioResult['status'], string> = { failed: '❌ failed', errored: '⚠️ errored', passed: '✅ passed', skipped: '⏭️ skipped' };
const CHANGE: Record<Comparison, string> = {
  regressed: '🔴 **regressed**',
  fixed: '🟢 **fixed**',
  'still-failing': 'still failing',
  'still-passing': 'still passing',
  new: '🆕 new',
  removed: 'removed',
  skipped: 'not compared',
};
/** Within a status, regressions first, then fixes, then the rest. */
const CHANGE_ORDER: Record<Comparison, number> = { regressed: 0, fixed: 1, 'still-failing': 2, new: 3, skipped: 4, 'still-passing': 5, removed: 6 };

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function changeCell(c: ScenarioComparison | undefined): string {
  if (!c) return '';
  const change = diagnosisChange(c);
  return `${CHANGE[c.comparison]}${change ? ` (${cell(change)})` : ''}`;
}

function baselineLine(b: BaselineSection): string {
  return `Compared with baseline \`${b.file}\` (run of ${b.startedAt}): ${comparisonCounts(b.totals)}.`;
}

export function markdownSummary(run: RunResults): string {
  const t = run.totals;
  const b = run.baseline;
  const regressed = b?.totals.regressed ?? 0;
  const lines = [
    `## ws-chaos: ${t.failed + t.errored === 0 ? (run.complete === false ? 'no failure in the scenarios that ran' : 'all scenarios passed') : `${t.failed + t.errored} scenario(s) failed`}${regressed ? `, ${regressed} regressed` : ''}`,
    '',
    `Target \`${run.target.url}\` (profile \`${run.target.profile}\`${run.target.faults.length ? `, faults \`${run.target.faults.join(',')}\`` : ''})` +
      `${run.proxy ? ` through ${run.proxy.provider} Toxiproxy ${run.proxy.version}` : ''} — ` +
      `${t.passed} passed, ${t.failed} failed, ${t.expectedFailures ? `${t.expectedFailures} failed as expected, ` : ''}${t.errored} errored, ${t.skipped} skipped in ${formatMs(run.durationMs, SECONDS)}.`,
    '',
  ];
  if (run.rootCause) lines.splice(2, 0, `**Root cause: ${run.rootCause.sentence}.**`, '');
  const partial = partialRunNote(run);
  if (partial) lines.push(`**${partial[0]!.toUpperCase()}${partial.slice(1)}.**`, '');
  if (b) lines.push(baselineLine(b), '');
  lines.push(
    b ? '| scenario | result | vs baseline | diagnosis | summary | hint |' : '| scenario | result | diagnosis | summary | hint |',
    b ? '|---|---|---|---|---|---|' : '|---|---|---|---|---|',
  );
  const change = (s: ScenarioResult): number => (b ? CHANGE_ORDER[b.scenarios[s.id]?.comparison ?? 'new'] : 0);
  const sorted = [...run.scenarios].sort((x, y) => ORDER[x.status] - ORDER[y.status] || change(x) - change(y));
  for (const s of sorted) {
    const d = s.diagnosis;
    const note = expectationNote(s);
    const plain = d?.summary ?? (s.status === 'skipped' ? (s.reason ?? '') : formatMs(s.durationMs, WHOLE_MS));
    const summary = note ? `${plain} (${note})` : plain;
    const vs = b ? ` ${changeCell(b.scenarios[s.id])} |` : '';
    lines.push(`| \`${s.id}\` | ${failedAsExpected(s) ? '🟡 failed as expected' : MARK[s.status]} |${vs} ${d ? `\`${d.code}\`` : ''} | ${cell(summary)} | ${cell(d?.hint ?? '')} |`);
  }
  if (run.contract) lines.push('', ...contractMarkdown(run.contract));
  if (b) {
    for (const [id, c] of Object.entries(b.scenarios)) {
      if (c.comparison !== 'removed') continue;
      const was = c.was ? `was ${c.was.status}${c.was.code ? ` (\`${c.was.code}\`)` : ''}` : '';
      lines.push(`| \`${id}\` | — | ${CHANGE.removed} |  | not in this run; ${was} |  |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
