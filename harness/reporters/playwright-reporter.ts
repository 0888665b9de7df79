/**
 * The ws-chaos Playwright reporter: a live line per scenario (verdict, duration, and on
 * failure the diagnosis code and summary), a summary at the end, and `results.json` — the
 * machine contract. Output formats beyond these hang off `onRun` hooks (see outputs.ts).
 */
import { contractSection } from '../contract/coverage.js';
import { cachedContract } from '../contract/validate.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { roundMs } from '../clock.js';
import { diagnosis } from '../diagnose/codes.js';
import { reconcileResults } from '../diagnose/reconcile.js';
import { withExpectation } from '../expected-failures.js';
import { rootCause } from '../diagnose/root-cause.js';
import { isOrphaned } from '../runner/orphan.js';
import { currentRunConfig, readRunConfig, TARGET_ATTACHMENT, type TargetAttachment } from '../runner/run-config.js';
import { RESULTS_SCHEMA, totals, type RunResults, type ScenarioResult } from '../results.js';
import { redactString } from '../redact.js';
import { redactOptionsFor } from './redact-result.js';
import { compareOne, compareWithBaseline } from './baseline.js';
import { colours as pc } from './colours.js';
import { consoleBaseline, consoleLine, consoleSummary } from './console.js';
import { writeExtraOutputs } from './outputs.js';
import { createProgress, type Progress } from './progress.js';
import { warmupScenarioResult } from '../warmup.js';

export const RESULT_ATTACHMENT = 'ws-chaos-result';
const VERSION = '0.1.0';

export function resultFromTest(test: TestCase, result: TestResult): ScenarioResult {
  const att = result.attachments.find((a) => a.name === RESULT_ATTACHMENT && a.body);
  if (att?.body) return JSON.parse(att.body.toString('utf8')) as ScenarioResult;
  const title = test.annotations.find((a) => a.type === 'title')?.description ?? test.title;
  const why =
    result.status === 'timedOut'
      ? `the scenario exceeded Playwright's ${test.timeout} ms timeout`
      : result.status === 'interrupted'
        ? 'the run was interrupted'
        : redactString((result.error?.message ?? `ended ${result.status} without a verdict`).split('\n')[0]!, redactOptionsFor(readRunConfig()?.profile));
  if (result.status === 'skipped') {
    return { id: test.title, title, status: 'skipped', durationMs: 0, diagnosis: null, reason: why, observations: {}, timelines: [] };
  }
  return {
    id: test.title,
    title,
    status: 'errored',
    durationMs: roundMs(result.duration),
    diagnosis: diagnosis('SCENARIO_ERROR', why),
    reason: why,
    observations: {},
    timelines: [],
  };
}

/** The line that names the reference backend's URL, printed once, before the first scenario that ran against it. */
export function referenceBackendLine(url: string): string {
  return pc.dim(`reference backend on ${url}`);
}

export default class WsChaosReporter implements Reporter {
  private results: ScenarioResult[] = [];
  private started = performance.now();
  private total = 0;
  private shard: FullConfig['shard'] = null;
  /** What the worker fixtures started (the first scenario that says; a proxy once one did). */
  private startedTarget: TargetAttachment | undefined;
  private progress: Progress = createProgress(process.stdout, { enabled: false });

  printsToStdio(): boolean {
    return true;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    // Under --shard, the suite is already this shard's slice: planned is of the slice.
    this.total = suite.allTests().length;
    this.shard = config.shard;
    this.started = performance.now();
    // A status line for scenarios that run long: TTY only, and not with --quiet.
    this.progress = createProgress(process.stdout, { enabled: !readRunConfig()?.quiet });
  }

  onTestBegin(test: TestCase): void {
    this.progress.start(test.title);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.progress.stop();
    // Retries report the last attempt only.
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    // A scenario cut off by Ctrl-C / SIGTERM has no verdict: the run is partial (see onEnd), not errored.
    if (result.status === 'interrupted' && !result.attachments.some((a) => a.name === RESULT_ATTACHMENT && a.body)) return;
    const r = resultFromTest(test, result);
    const att = result.attachments.find((a) => a.name === TARGET_ATTACHMENT && a.body);
    const firstTarget = this.startedTarget === undefined;
    if (att?.body && !this.startedTarget?.proxy) this.startedTarget = JSON.parse(att.body.toString('utf8')) as TargetAttachment;
    this.results.push(r);
    const run = readRunConfig();
    // The header could not name the reference backend's URL (its worker fixture picks the port): the first result that carries it does.
    if (firstTarget && this.startedTarget && run?.target.kind === 'reference' && !run.quiet) process.stdout.write(`${referenceBackendLine(this.startedTarget.url)}\n`);
    if (!run?.quiet || r.status === 'failed' || r.status === 'errored') {
      const comparison = run?.baseline ? compareOne(run.baseline, r) : undefined;
      process.stdout.write(`${consoleLine(r, this.results.length, this.total, run?.verbose ?? false, comparison)}\n`);
    }
  }

  onError(error: { message?: string }): void {
    this.progress.stop();
    process.stderr.write(`ws-chaos: ${redactString(error.message ?? String(error), redactOptionsFor(readRunConfig()?.profile))}\n`);
  }

  async onEnd(result?: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    this.progress.stop();
    const run = currentRunConfig();
    // An orphan (its CLI died) writes nothing: no one waits for it, and its target is gone.
    if (!run || isOrphaned()) return undefined;
    const redactOpts = redactOptionsFor(run.profile);
    // One run, one story: codes the run's own evidence contradicts are corrected before anything is written.
    this.results = reconcileResults(this.results);
    // Expected failures judged on the reconciled codes (config `expectedFailures`).
    this.results = this.results.map((r) => withExpectation(r, run.expectedFailures));
    // A failed warm-up is a scenario of its own, first in every report (harness/warmup.ts).
    const warm = warmupScenarioResult(run.warmup);
    const scenarios = warm ? [warm, ...this.results] : this.results;
    const out: RunResults = {
      schema: RESULTS_SCHEMA,
      tool: { name: 'ws-chaos', version: VERSION },
      startedAt: run.startedAt,
      durationMs: roundMs(performance.now() - this.started),
      target: {
        url: redactString(run.target.url || this.startedTarget?.url || '', redactOpts),
        profile: run.target.profile,
        kind: run.target.kind,
        faults: run.target.faults,
      },
      proxy: this.startedTarget?.proxy ?? null,
      totals: totals(scenarios),
      scenarios,
      complete: result?.status !== 'interrupted' && this.results.length >= this.total,
      planned: this.total,
      ran: this.results.length,
      rootCause: rootCause(this.results),
    };
    if (run.warmup) out.warmup = run.warmup;
    if (this.shard) out.shard = { current: this.shard.current, total: this.shard.total };
    if (run.baseline) out.baseline = compareWithBaseline(run.baseline, this.results);
    if (run.asyncapi) out.contract = contractSection(scenarios, cachedContract(run.asyncapi));
    mkdirSync(run.outDir, { recursive: true });
    writeFileSync(join(run.outDir, 'results.json'), `${JSON.stringify(out, null, 2)}\n`);
    await writeExtraOutputs(out, run, run.reporters);
    process.stdout.write(`${consoleBaseline(out, run.quiet)}${consoleSummary(out, run.outDir)}\n${out.contract ? `AsyncAPI contract ${out.contract.source}: ${out.contract.line}\n` : ''}`);
    // The warm-up failed but every test passed: the run still fails (exit 1).
    return warm && result?.status === 'passed' ? { status: 'failed' } : undefined;
  }
}
