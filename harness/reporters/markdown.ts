/**
 * The Markdown summary (`summary.md`): the table a CI job page shows (GitHub's step summary),
 * failures first, each with its diagnosis and hint.
 */
import type { RunResults, ScenarioResult } from '../results';

const ORDER: Record<ScenarioResult['status'], number> = { failed: 0, errored: 1, passed: 2, skipped: 3 };
const MARK: Record<ScenarioResult['status'], string> = { failed: '❌ failed', errored: '⚠️ errored', passed: '✅ passed', skipped: '⏭️ skipped' };

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function markdownSummary(run: RunResults): string {
  const t = run.totals;
  const lines = [
    `## ws-chaos: ${t.failed + t.errored === 0 ? 'all scenarios passed' : `${t.failed + t.errored} scenario(s) failed`}`,
    '',
    `Target \`${run.target.url}\` (profile \`${run.target.profile}\`${run.target.faults.length ? `, faults \`${run.target.faults.join(',')}\`` : ''})` +
      `${run.proxy ? ` through ${run.proxy.provider} Toxiproxy ${run.proxy.version}` : ''} — ` +
      `${t.passed} passed, ${t.failed} failed, ${t.errored} errored, ${t.skipped} skipped in ${(run.durationMs / 1000).toFixed(1)} s.`,
    '',
    '| scenario | result | diagnosis | summary | hint |',
    '|---|---|---|---|---|',
  ];
  const sorted = [...run.scenarios].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  for (const s of sorted) {
    const d = s.diagnosis;
    const summary = d?.summary ?? (s.status === 'skipped' ? (s.reason ?? '') : `${Math.round(s.durationMs)} ms`);
    lines.push(`| \`${s.id}\` | ${MARK[s.status]} | ${d ? `\`${d.code}\`` : ''} | ${cell(summary)} | ${cell(d?.hint ?? '')} |`);
  }
  return `${lines.join('\n')}\n`;
}
