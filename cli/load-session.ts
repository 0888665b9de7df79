/**
 * What every kind of `ws-chaos load` run shares (plain, storm, soak, workers): the resolved
 * flags, the Ctrl-C / SIGTERM handling (abort the run, close everything, exit 130 / 143), the
 * run directory, and the outputs — load.json, junit.xml, summary.md, load.svg (the chart) and a
 * small index.html with the chart inline — plus the console summary.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeLoadOutputs } from '../harness/load/outputs.js';
import { loadConsoleSummary, loadJunit } from '../harness/load/report.js';
import type { LoadResult } from '../harness/load/result.js';
import type { ArrivalPlan } from '../harness/load/schedule.js';
import type { Threshold } from '../harness/load/threshold.js';
import { escapeHtml } from '../harness/reporters/html-index.js';
import { loadChartSvg } from '../harness/reporters/load-chart.js';
import { finishRunDir, startRunDir, type RunDir } from '../harness/reporters/history.js';
import { SIGNAL_EXIT } from './spawn-runner.js';
import type { ResolvedTarget } from './target.js';

export interface ResolvedLoad {
  connections: number;
  plan: ArrivalPlan;
  holdMs: number;
  appPingEveryMs?: number;
  thresholds: Threshold[];
  target: ResolvedTarget;
  out: string;
  keep: number;
  /** The named load scenario (load/ramp, load/deploy-storm, load/soak): load.json's `scenario`, the JUnit suite. */
  scenario?: string;
  /** `--shard i/n`: this run is one slice (connections and rate already scaled to it). */
  shard?: { current: number; total: number };
}

export interface LoadSession {
  signal: AbortSignal;
  run: RunDir;
}

/** What a run hands back to be written: its result, its chart, lines for the console above the summary, and its run-level diagnoses. */
export interface LoadOutcome {
  result: LoadResult;
  svg?: string;
  lines?: string[];
  /** Verdicts on the run as a whole (RECONNECT_HERD, HERD_NOT_ABSORBED, CONNECTIONS_LEAKED): failing junit cases, a summary.md section. */
  runDiagnoses?: ReadonlyArray<{ code: string; summary: string }>;
}

export function loadIndexHtml(r: LoadResult, summary: string, svg: string | undefined): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ws-chaos load — ${escapeHtml(r.target.name)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}pre{background:#f6f8fa;padding:.8em;overflow:auto}.passed{color:#2e7d32}.failed{color:#c62828}svg{max-width:100%;height:auto}</style>
</head><body>
<h1>ws-chaos load: <span class="${r.passed ? 'passed' : 'failed'}">${r.passed ? 'passed' : 'failed'}</span></h1>
${svg ? `<figure>${svg}</figure>` : ''}
<pre>${escapeHtml(summary)}</pre>
<p>machine-readable: <a href="load.json">load.json</a> · <a href="summary.md">summary.md</a> · <a href="junit.xml">junit.xml</a>${svg ? ' · <a href="load.svg">load.svg</a>' : ''}</p>
</body></html>
`;
}

/** Every output of a load run into `dir`; the console text back. */
export function writeLoadRun(o: LoadOutcome, dir: string): string {
  const svg = o.svg ?? loadChartSvg({ title: `load: ${o.result.plan.connections} connections, ${o.result.plan.arrival}`, series: o.result.series, latency: o.result.latency });
  writeLoadOutputs(o.result, dir);
  const run = o.runDiagnoses ?? [];
  if (run.length) {
    writeFileSync(join(dir, 'junit.xml'), loadJunit(o.result, run));
    appendFileSync(join(dir, 'summary.md'), ['', '## Run diagnoses', '', ...run.map((d) => `- \`${d.code}\` ${d.summary.replace(/\|/g, '\\|')}`), ''].join('\n'));
  }
  writeFileSync(join(dir, 'load.svg'), svg);
  const text = [...(o.lines ?? []), loadConsoleSummary(o.result, dir)].join('\n');
  writeFileSync(join(dir, 'index.html'), loadIndexHtml(o.result, text, svg));
  return text;
}

/** A run stopped by a signal does not pass (load.json says interrupted). */
export function markInterrupted<R extends LoadResult>(r: R, signal: AbortSignal): R {
  return signal.aborted ? { ...r, interrupted: true, passed: false } : r;
}

/**
 * Run `body` with signals wired to an abort, in a fresh run directory; write its outputs and
 * return the exit code: 130 / 143 after a signal, else 0 passed / 1 failed.
 */
export async function withLoadSession(o: ResolvedLoad, body: (s: LoadSession) => Promise<LoadOutcome>): Promise<number> {
  const controller = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    signalled ??= sig;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const run = startRunDir(o.out);
  try {
    const outcome = await body({ signal: controller.signal, run });
    const stamped = { ...outcome.result, ...(o.scenario ? { scenario: o.scenario } : {}), ...(o.shard ? { shard: { current: o.shard.current, total: o.shard.total } } : {}) };
    const result = markInterrupted(stamped, controller.signal);
    process.stdout.write(`${writeLoadRun({ ...outcome, result }, run.dir)}\n`);
    if (signalled) return SIGNAL_EXIT[signalled] ?? 130;
    return result.passed ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    finishRunDir(run, o.keep);
  }
}
