/**
 * The human and CI outputs of a load run, all derived from load.json (result.ts): the console
 * summary, summary.md (a CI job page) and junit.xml with one test case per threshold (and one
 * per diagnosis code seen, so a CI test tab shows what failed even without thresholds).
 */
import type { LoadResult } from './result.js';
import { describeCount, groupDigits } from './tally.js';

/** A merge that lacks shards: what is missing (the result does not pass). */
export function partialNote(r: LoadResult): string | undefined {
  const s = r.shards;
  const cut = s?.interrupted ?? [];
  if (!s || (s.missing.length === 0 && cut.length === 0)) return undefined;
  const missing = s.missing.length ? `; missing ${s.missing.map((n) => `${n}/${s.total}`).join(', ')} (their connections are not in these figures)` : '';
  const stopped = cut.length ? `; ${cut.map((n) => `shard ${n}/${s.total}`).join(', ')} ${cut.length === 1 ? 'was' : 'were'} interrupted (its figures stop early)` : '';
  return `partial: merged shard${s.merged.length === 1 ? '' : 's'} ${s.merged.map((n) => `${n}/${s.total}`).join(', ')}${missing}${stopped}`;
}

/** Where the run sits: its scenario, and its shard or the shards merged into it. */
function headline(r: LoadResult): string {
  const parts = [r.scenario, r.shard && `shard ${r.shard.current}/${r.shard.total}`, r.shards && `merged from ${r.shards.merged.length} of ${r.shards.total} shards`].filter(Boolean);
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

const ms = (v: number): string => `${Math.round(v * 10) / 10} ms`;

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

function latencyRows(r: LoadResult): string[] {
  return Object.entries(r.latency).map(([k, p]) => `${k.padEnd(8)} ${p.count === 0 ? 'no samples' : `p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(p.p99)}  max ${ms(p.max)}  (${groupDigits(p.count)} samples)`}`);
}

/** The console summary (plain text; the CLI colours nothing it would have to strip for CI). */
export function loadConsoleSummary(r: LoadResult, runDir?: string): string {
  const t = r.totals;
  const lines = [
    `ws-chaos load${headline(r)}: ${groupDigits(t.attempted)} connections dialled (${r.plan.arrival}), ${groupDigits(t.opened)} opened, ${groupDigits(t.welcomed)} welcomed, peak ${groupDigits(t.peakOpen)} open; ${groupDigits(t.failed)} failed; ${groupDigits(t.messagesSent)} messages sent, ${groupDigits(t.messagesReceived)} received; ${(r.durationMs / 1000).toFixed(1)} s`,
    ...latencyRows(r).map((l) => `  ${l}`),
    ...r.diagnoses.map((c) => `  ✗ ${describeCount(c, t.attempted)}`),
    ...r.thresholds.map((v) => `  ${v.passed ? '✓' : '✗'} ${v.threshold}: ${v.summary}`),
  ];
  if (r.harness.note) lines.push(`  ! ${r.harness.note}`);
  if (t.leftOpen > 0) lines.push(`  ! ${t.leftOpen} connection(s) could not be closed`);
  if (r.interrupted) lines.push('  stopped early (interrupted): the run does not pass');
  const partial = partialNote(r);
  if (partial) lines.push(`  ! ${partial}: the run does not pass`);
  lines.push(`${r.passed ? 'PASSED' : 'FAILED'}${r.thresholds.length === 0 ? ' (no thresholds given: a load run without thresholds fails only when interrupted)' : ''}${runDir ? ` — ${runDir}` : ''}`);
  return lines.join('\n');
}

export function loadMarkdown(r: LoadResult): string {
  const t = r.totals;
  const out = [
    `# ws-chaos load${headline(r)}: ${r.passed ? 'passed' : 'failed'}`,
    '',
    `Target **${r.target.name}** (${r.target.url}); ${r.plan.connections} connections at ${r.plan.arrival}, held ${r.plan.holdMs / 1000} s.`,
    '',
    `| dialled | opened | welcomed | failed | peak open | sent | received |`,
    `|---:|---:|---:|---:|---:|---:|---:|`,
    `| ${t.attempted} | ${t.opened} | ${t.welcomed} | ${t.failed} (${(t.failedRatio * 100).toFixed(2)}%) | ${t.peakOpen} | ${t.messagesSent} | ${t.messagesReceived} |`,
    '',
    '| latency | samples | p50 | p95 | p99 | max |',
    '|---|---:|---:|---:|---:|---:|',
    ...Object.entries(r.latency).map(([k, p]) => `| ${k} | ${p.count} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${ms(p.max)} |`),
  ];
  if (r.thresholds.length) out.push('', '| threshold | verdict | measured |', '|---|---|---|', ...r.thresholds.map((v) => `| \`${v.threshold}\` | ${v.passed ? '✅ holds' : '❌ breached'} | ${v.summary.replace(/\|/g, '\\|')} |`));
  if (r.diagnoses.length) out.push('', '## Diagnoses', '', ...r.diagnoses.map((c) => `- ${describeCount(c, t.attempted).replace(/\|/g, '\\|')}`));
  if (r.harness.note) out.push('', `> ${r.harness.note}`);
  const partial = partialNote(r);
  if (partial) out.push('', `> ${partial}: the run does not pass`);
  return `${out.join('\n')}\n`;
}

/** `runDiagnoses`: verdicts on the run as a whole (a storm's RECONNECT_HERD, a soak's CONNECTIONS_LEAKED), each a failing test case. */
export function loadJunit(r: LoadResult, runDiagnoses: ReadonlyArray<{ code: string; summary: string }> = []): string {
  const seconds = (r.durationMs / 1000).toFixed(3);
  const cases = r.thresholds.map((v) => {
    const head = `    <testcase name="${esc(v.threshold)}" classname="load.thresholds" time="${seconds}">`;
    return v.passed ? `${head}\n      <system-out>${esc(v.summary)}</system-out>\n    </testcase>` : `${head}\n      <failure message="${esc(v.summary)}" type="THRESHOLD_BREACHED">${esc(v.summary)}</failure>\n    </testcase>`;
  });
  for (const c of r.diagnoses) {
    const line = describeCount(c, r.totals.attempted);
    cases.push(`    <testcase name="${esc(c.code)}" classname="load.diagnoses" time="${seconds}">\n      <system-out>${esc(line)}</system-out>\n    </testcase>`);
  }
  for (const d of runDiagnoses) cases.push(`    <testcase name="${esc(d.code)}" classname="load.run" time="${seconds}">\n      <failure message="${esc(d.summary)}" type="${esc(d.code)}">${esc(d.summary)}</failure>\n    </testcase>`);
  if (r.interrupted) cases.push(`    <testcase name="run completed" classname="load" time="${seconds}">\n      <failure message="interrupted" type="INTERRUPTED">the load run was stopped before it finished</failure>\n    </testcase>`);
  const partial = partialNote(r);
  if (partial) cases.push(`    <testcase name="every shard merged" classname="load" time="${seconds}">\n      <failure message="${esc(partial)}" type="PARTIAL">${esc(partial)}</failure>\n    </testcase>`);
  const failures = r.thresholds.filter((v) => !v.passed).length + runDiagnoses.length + (r.interrupted ? 1 : 0) + (partial ? 1 : 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ws-chaos load" tests="${cases.length}" failures="${failures}" time="${seconds}">\n  <testsuite name="${esc(r.scenario ?? 'load')}" tests="${cases.length}" failures="${failures}" time="${seconds}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}
