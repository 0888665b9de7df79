/**
 * Console lines: one per scenario as it finishes, and the end-of-run summary. Colours only on
 * a TTY (picocolors honours NO_COLOR / FORCE_COLOR).
 */
import pc from 'picocolors';
import type { RunResults, ScenarioResult } from '../results';

const ICON: Record<ScenarioResult['status'], string> = { passed: '✓', failed: '✗', skipped: '-', errored: '!' };
const COLOUR: Record<ScenarioResult['status'], (s: string) => string> = {
  passed: pc.green,
  failed: pc.red,
  skipped: pc.yellow,
  errored: pc.magenta,
};

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Hints already shown this run: each is printed once, not under every failure with the same code. */
const shownHints = new Set<string>();

export function consoleLine(r: ScenarioResult, index: number, total: number, verbose: boolean): string {
  const c = COLOUR[r.status];
  const counter = pc.dim(`[${String(index).padStart(String(total).length)}/${total}]`);
  const head = `${counter} ${c(ICON[r.status])} ${r.id.padEnd(34)} ${pc.dim(formatDuration(r.durationMs).padStart(8))}`;
  if (r.status === 'skipped') return `${head}  ${pc.yellow('skipped')}: ${r.reason ?? ''}`;
  if (r.status === 'passed') return verbose ? `${head}  ${pc.dim(JSON.stringify(r.observations))}` : head;
  const d = r.diagnosis;
  const lines = [`${head}  ${c(pc.bold(d?.code ?? r.status.toUpperCase()))} ${d?.summary ?? r.reason ?? ''}`];
  if (d && (verbose || !shownHints.has(d.hint))) lines.push(`${' '.repeat(String(total).length * 2 + 6)}${pc.dim(`hint: ${d.hint}`)}`);
  if (d) shownHints.add(d.hint);
  return lines.join('\n');
}

export function consoleSummary(run: RunResults, outDir: string): string {
  const t = run.totals;
  const parts = [
    t.passed ? pc.green(`${t.passed} passed`) : `${t.passed} passed`,
    t.failed ? pc.red(`${t.failed} failed`) : `${t.failed} failed`,
  ];
  if (t.errored) parts.push(pc.magenta(`${t.errored} errored`));
  if (t.skipped) parts.push(pc.yellow(`${t.skipped} skipped`));
  return `\n${parts.join(', ')} in ${formatDuration(run.durationMs)} — reports in ${outDir}`;
}
