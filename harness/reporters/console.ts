/**
 * Console lines: one per scenario as it finishes, and the end-of-run summary. Colours only on
 * a TTY (NO_COLOR / FORCE_COLOR override; see colours.ts).
 */
import { expectationNote, failedAsExpected } from '../expected-failures.js';
import { partialRunNote, type RunResults, type ScenarioResult } from '../results.js';
import { COMPARISON_LABEL, comparisonCounts, diagnosisChange, type Comparison, type ScenarioComparison } from './baseline.js';
import { colours as pc } from './colours.js';
import { DURATION_MS, formatMs } from '../diagnose/format.js';

const ICON: Record<ScenarioResult['status'], string> = { passed: '✓', failed: '✗', skipped: '-', errored: '!' };
const COLOUR: Record<ScenarioResult['status'], (s: string) => string> = {
  passed: pc.green,
  failed: pc.red,
  skipped: pc.yellow,
  errored: pc.magenta,
};
const COMPARISON_COLOUR: Record<Comparison, (s: string) => string> = {
  fixed: (s) => pc.green(pc.bold(s)),
  regressed: (s) => pc.red(pc.bold(s)),
  'still-failing': pc.red,
  'still-passing': pc.dim,
  new: pc.cyan,
  removed: pc.dim,
  skipped: pc.dim,
};
const TAG: Record<Comparison, string> = { ...COMPARISON_LABEL, skipped: 'not compared', regressed: 'REGRESSED' };

export const formatDuration = (ms: number): string => formatMs(ms, DURATION_MS);

/** Hints already shown this run: each is printed once, not under every failure with the same code. */
const shownHints = new Set<string>();

/** `[fixed]`-style column shown when the run has a baseline. */
function comparisonTag(c: ScenarioComparison | undefined): string {
  if (!c) return '';
  const tag = TAG[c.comparison];
  return ` ${COMPARISON_COLOUR[c.comparison](tag)}${' '.repeat(Math.max(0, 13 - tag.length))}`;
}

export function consoleLine(r: ScenarioResult, index: number, total: number, verbose: boolean, comparison?: ScenarioComparison): string {
  const c = failedAsExpected(r) ? pc.yellow : COLOUR[r.status];
  const counter = pc.dim(`[${String(index).padStart(String(total).length)}/${total}]`);
  const head = `${counter} ${c(ICON[r.status])} ${r.id.padEnd(34)} ${pc.dim(formatDuration(r.durationMs).padStart(8))}${comparisonTag(comparison)}`;
  if (r.status === 'skipped') return `${head}  ${pc.yellow('skipped')}: ${r.reason ?? ''}`;
  const note = expectationNote(r);
  if (r.status === 'passed') {
    const line = verbose ? `${head}  ${pc.dim(JSON.stringify(r.observations))}` : head;
    return note ? `${line}  ${pc.yellow(note)}` : line;
  }
  const d = r.diagnosis;
  // A failure the config expects: one line, no hint (the team knows it), never red.
  if (failedAsExpected(r)) return `${head}  ${pc.yellow(note ?? '')}: ${d?.code ?? ''} ${d?.summary ?? ''}`;
  const lines = [`${head}  ${c(pc.bold(d?.code ?? r.status.toUpperCase()))} ${d?.summary ?? r.reason ?? ''}`];
  if (note) lines.push(`${' '.repeat(String(total).length * 2 + 6)}${pc.red(note)}`);
  if (d && (verbose || !shownHints.has(d.hint))) lines.push(`${' '.repeat(String(total).length * 2 + 6)}${pc.dim(`hint: ${d.hint}`)}`);
  if (d) shownHints.add(d.hint);
  return lines.join('\n');
}

/** The before/after block: the counts, then every scenario that changed side or went missing. */
export function consoleBaseline(run: RunResults, quiet = false): string {
  const b = run.baseline;
  if (!b) return '';
  const lines = [`\nCompared with ${b.file} (run of ${b.startedAt}): ${comparisonCounts(b.totals)}`];
  const show: Comparison[] = quiet ? ['regressed'] : ['regressed', 'fixed', 'new'];
  const entries = Object.entries(b.scenarios);
  for (const kind of show) {
    for (const [id, c] of entries) {
      if (c.comparison !== kind) continue;
      const detail = kind === 'regressed' ? (c.now?.code ?? c.now?.status) : kind === 'fixed' ? diagnosisChange(c) : undefined;
      lines.push(`  ${COMPARISON_COLOUR[kind](TAG[kind].padEnd(10))} ${id}${detail ? pc.dim(`  ${detail}`) : ''}`);
    }
  }
  // Removed ones in one line: with --grep, most of the baseline is "removed".
  const removed = entries.filter(([, c]) => c.comparison === 'removed').map(([id]) => id);
  if (removed.length && !quiet) {
    const names = `${removed.slice(0, 3).join(', ')}${removed.length > 3 ? `, … (+${removed.length - 3})` : ''}`;
    lines.push(`  ${COMPARISON_COLOUR.removed(TAG.removed.padEnd(10))} ${pc.dim(`${removed.length} in the baseline, not in this run: ${names}`)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function consoleSummary(run: RunResults, outDir: string): string {
  const t = run.totals;
  const parts = [
    t.passed ? pc.green(`${t.passed} passed`) : `${t.passed} passed`,
    t.failed ? pc.red(`${t.failed} failed`) : `${t.failed} failed`,
  ];
  if (t.expectedFailures) parts.push(pc.yellow(`${t.expectedFailures} failed as expected`));
  if (t.errored) parts.push(pc.magenta(`${t.errored} errored`));
  if (t.skipped) parts.push(pc.yellow(`${t.skipped} skipped`));
  const partial = partialRunNote(run);
  const cause = run.rootCause ? `\n${pc.red(pc.bold(run.rootCause.sentence))}` : '';
  return `${cause}${partial ? `\n${pc.yellow(pc.bold(partial))}` : ''}\n${parts.join(', ')} in ${formatDuration(run.durationMs)} — reports in ${outDir}`;
}
