/**
 * `ws-chaos load --shard i/n` and `ws-chaos merge` of load runs (issue 12 item 7): each shard
 * dials its slice of --connections at its share of the arrival rate and writes a load.json with
 * `shard`; the merge joins the shards' histograms, judges the thresholds again on the whole (a
 * threshold each shard held can be breached by the merged run: exit 1), reports missing shards
 * as partial (exit 1) and refuses a mix of load and scenario runs (exit 2, naming each). Runs
 * in-process against reference backends on 127.0.0.1 port 0; one test spawns the CLI for exit 2.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { resolveLoadFlags, resolveLoadRun, runLoadCli, type LoadFlags } from '../../cli/load.js';
import { mergeShards } from '../../cli/merge.js';
import { ConfigError } from '../../harness/errors.js';
import { welcomeOnly } from './synthetic-latency.js';
import { mergeLoadShards } from '../../harness/load/merge.js';
import { finishResult, LOAD_SCHEMA, type LoadResult } from '../../harness/load/result.js';
import { parseThresholds } from '../../harness/load/threshold.js';
import { runCli } from '../reports/helpers/cli.js';

const base = mkdtempSync(join(tmpdir(), 'wsc-load-shard-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const quiet = (): void => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
};
const latest = (out: string, file: string): string => readFileSync(join(out, 'latest', file), 'utf8');
const readLoad = (out: string): LoadResult => JSON.parse(latest(out, 'load.json')) as LoadResult;
const flagsGiven = (flags: Partial<LoadFlags>) => (key: string) => key in flags;
const METRICS = ['connect', 'upgrade', 'welcome', 'ping'];

/** A shard's load.json: `welcomed` fast welcomes and `failed` failures, judged by `thresholds`. */
function shardResult(current: number, total: number, welcomed: number, failed: number, thresholds: string[]): LoadResult {
  const { latency, histograms } = welcomeOnly(Array.from({ length: welcomed }, (_, i) => 5 + i));
  const attempted = welcomed + failed;
  const r = finishResult(
    {
      schema: LOAD_SCHEMA,
      startedAt: '2026-12-02T00:00:00.000Z',
      durationMs: 3000,
      target: { name: 'reference-backend', url: `ws://127.0.0.1:${4000 + current}/ws` },
      plan: { connections: attempted, arrival: '50/s', stages: [{ fromPerS: 50, toPerS: 50, durationMs: 0 }], holdMs: 1000, appPingEveryMs: null },
      interrupted: false,
      totals: { attempted, opened: attempted, welcomed, failed, failedRatio: failed / attempted, endedByServer: failed, peakOpen: welcomed, messagesSent: 0, messagesReceived: 0, leftOpen: 0 },
      latency,
      histograms,
      diagnoses: failed ? [{ code: 'INTERNAL_ERROR_BEFORE_WELCOME', count: failed, first: { atMs: 100 * current, openAtFirst: 1, summary: 'closed 1011' } }] : [],
      series: [{ second: 0, arrivals: attempted, opened: attempted, failed, messagesIn: 0, messagesOut: 0, open: welcomed, lagMaxMs: 1, saturated: false }],
      harness: { lagMaxMs: 1, lagP99Ms: 1, saturatedSeconds: 0, seconds: 3, saturated: false },
    },
    parseThresholds(thresholds, METRICS),
  );
  return { ...r, scenario: 'load/ramp', shard: { current, total } };
}

function writeShard(name: string, r: LoadResult): string {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'load.json'), JSON.stringify(r));
  return dir;
}

describe('ws-chaos load --shard', () => {
  test("each shard's slice of the connections and its share of the rate add up to the requested run", async () => {
    const flags = { connections: 100, arrivalRate: '500/s', out: join(base, 'unused'), keep: 10 };
    const slices = [];
    for (const current of [1, 2, 3]) {
      const f: LoadFlags = { ...flags, shard: { current, total: 3 } };
      slices.push(await resolveLoadFlags(f, flagsGiven(f)));
    }
    expect(slices.map((s) => s.connections)).toEqual([34, 33, 33]);
    expect(slices.map((s) => s.plan.stages[0].fromPerS)).toEqual([170, 165, 165]);
    expect(slices.reduce((n, s) => n + s.plan.stages[0].toPerS, 0)).toBeCloseTo(500, 9);
    // A ramp scales stage by stage.
    const ramp: LoadFlags = { connections: 10, ramp: '0:100/1s,100:100/1s', out: flags.out, keep: 10, shard: { current: 2, total: 2 } };
    expect((await resolveLoadFlags(ramp, flagsGiven(ramp))).plan.stages.map((s) => [s.fromPerS, s.toPerS])).toEqual([
      [0, 50],
      [50, 50],
    ]);
    // A shard's storm is judged against its share of --herd-budget; the scenario is named.
    const storm: LoadFlags = { connections: 1000, out: flags.out, keep: 10, storm: 'restart', herdBudget: '400/s', shard: { current: 1, total: 4 } };
    const run = await resolveLoadRun(storm, flagsGiven(storm));
    expect(run.mode).toMatchObject({ kind: 'storm', herdBudgetPerS: 100 });
    expect(run.o).toMatchObject({ connections: 250, scenario: 'load/deploy-storm', shard: { current: 1, total: 4 } });
    expect(run.o.plan.stages[0].fromPerS).toBe(125);
    // More shards than connections: a shard with nothing to dial is a usage error.
    const empty: LoadFlags = { connections: 2, out: flags.out, keep: 10, shard: { current: 3, total: 3 } };
    const err = await resolveLoadFlags(empty, flagsGiven(empty)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/--shard 3\/3 of --connections 2 gets no connection .*use at least 3 connections, or fewer shards/);
  });

  test('two shards against reference backends, merged: one load.json with every connection; one shard alone is partial (exit 1)', async () => {
    quiet();
    const outs: string[] = [];
    for (const current of [1, 2]) {
      const out = join(base, `run-${current}`);
      const f: LoadFlags = { connections: 7, arrivalRate: '70/s', duration: '200ms', threshold: ['failed<=0'], out, keep: 10, shard: { current, total: 2 } };
      expect(await runLoadCli(f, flagsGiven(f))).toBe(0);
      outs.push(out);
    }
    const one = readLoad(outs[0]);
    expect(one.shard).toEqual({ current: 1, total: 2 });
    expect(one.scenario).toBe('load/ramp');
    expect(one.plan.connections).toBe(4);
    expect(one.plan.arrival).toBe('40/s');
    expect(readLoad(outs[1]).plan.connections).toBe(3);

    const merged = join(base, 'merged');
    expect(await mergeShards(outs, { out: merged, keep: 10 })).toBe(0);
    const m = readLoad(merged);
    expect(m.shard).toBeUndefined();
    expect(m.shards).toEqual({ total: 2, merged: [1, 2], missing: [] });
    expect(m.plan.connections).toBe(7);
    expect(m.plan.arrival).toBe('70/s');
    expect(m.totals.attempted).toBe(7);
    expect(m.latency.welcome.count).toBe(one.latency.welcome.count + readLoad(outs[1]).latency.welcome.count);
    expect(m.thresholds.map((t) => [t.threshold, t.passed])).toEqual([['failed<=0', true]]);
    for (const f of ['junit.xml', 'summary.md', 'load.svg', 'index.html']) expect(latest(merged, f).length).toBeGreaterThan(0);
    expect(latest(merged, 'junit.xml')).toMatch(/<testsuite name="load\/ramp" tests="1" failures="0"/);

    const partial = join(base, 'partial');
    expect(await mergeShards([outs[0]], { out: partial, keep: 10 })).toBe(1);
    const p = readLoad(partial);
    expect(p.passed).toBe(false);
    expect(p.shards).toEqual({ total: 2, merged: [1], missing: [2] });
    expect(latest(partial, 'junit.xml')).toMatch(/<testcase name="every shard merged" classname="load"[^>]*>\s*<failure message="partial: merged shard 1\/2; missing 2\/2/);
    expect(latest(partial, 'summary.md')).toMatch(/> partial: .*missing 2\/2/);
  }, 60_000);
});

describe('ws-chaos merge of load runs', () => {
  test('a threshold each shard held is breached by the whole: judged again on the merged figures, exit 1', async () => {
    quiet();
    const a = shardResult(1, 2, 40, 3, ['failed<=5', 'welcome.p99<1s']);
    const b = shardResult(2, 2, 40, 3, ['failed<=5', 'welcome.p99<1s']);
    expect(a.passed && b.passed).toBe(true);
    const out = join(base, 'rejudged');
    expect(await mergeShards([writeShard('a', a), join(writeShard('b', b), 'load.json')], { out, keep: 10 })).toBe(1);
    const m = readLoad(out);
    expect(m.totals.failed).toBe(6);
    expect(m.thresholds.map((t) => [t.threshold, t.passed, t.measured])).toEqual([
      ['failed<=5', false, 6],
      ['welcome.p99<1s', true, m.latency.welcome.p99],
    ]);
    expect(m.diagnoses).toEqual([expect.objectContaining({ code: 'INTERNAL_ERROR_BEFORE_WELCOME', count: 6 })]);
    const junit = latest(out, 'junit.xml');
    expect(junit).toMatch(/<testcase name="failed&lt;=5" classname="load\.thresholds"[^>]*>\s*<failure message="[^"]*6[^"]*" type="THRESHOLD_BREACHED">/);
    expect(junit).toMatch(/<testcase name="welcome\.p99&lt;1s" classname="load\.thresholds"[^>]*>\s*<system-out>/);
    expect(latest(out, 'summary.md')).toMatch(/\| `failed<=5` \| ❌ breached \|/);
  });

  test("a shard's run diagnosis (a storm's herd) carries over; refusals name the inputs", () => {
    const storm = { ...shardResult(1, 2, 10, 0, []), storm: { diagnoses: [{ code: 'RECONNECT_HERD', summary: 'peak 900/s over budget 20/s' }] } };
    const { result, runDiagnoses } = mergeLoadShards([
      { source: 's1', result: storm },
      { source: 's2', result: shardResult(2, 2, 10, 0, []) },
    ]);
    expect(runDiagnoses).toEqual([{ code: 'RECONNECT_HERD', summary: 'shard 1/2: peak 900/s over budget 20/s' }]);
    expect(result.passed).toBe(false);
    const refusal = (inputs: Parameters<typeof mergeLoadShards>[0]): string => {
      try {
        mergeLoadShards(inputs);
      } catch (e) {
        expect((e as ConfigError).exitCode).toBe(2);
        return (e as Error).message;
      }
      throw new Error('not refused');
    };
    const { shard: _s, ...unsharded } = shardResult(1, 2, 5, 0, []);
    expect(refusal([{ source: 'x/load.json', result: unsharded as LoadResult }])).toMatch(/x\/load\.json is the load\.json of an unsharded run .*--shard <i>\/<n>/);
    expect(refusal([{ source: 'p', result: shardResult(1, 2, 5, 0, []) }, { source: 'q', result: shardResult(1, 2, 5, 0, []) }])).toMatch(/shard 1\/2 is given twice \(p and q\)/);
    expect(refusal([{ source: 'p', result: shardResult(1, 2, 5, 0, []) }, { source: 'q', result: shardResult(2, 3, 5, 0, []) }])).toMatch(/p is a shard of 2 but q is shard 2\/3/);
    expect(refusal([{ source: 'p', result: shardResult(1, 2, 5, 0, ['failed<1']) }, { source: 'q', result: shardResult(2, 2, 5, 0, []) }])).toMatch(/same thresholds/);
  });

  test('a load run and a scenario run: exit 2 naming which is which', async () => {
    const load = writeShard('mixed-load', shardResult(1, 2, 5, 0, []));
    const scenarios = join(base, 'mixed-scenarios');
    mkdirSync(scenarios, { recursive: true });
    writeFileSync(join(scenarios, 'results.json'), JSON.stringify({ scenarios: [], shard: { current: 2, total: 2 } }));
    const err = await mergeShards([load, scenarios], { out: join(base, 'mixed-out'), keep: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(2);
    expect((err as Error).message).toBe(`merge: ${load} is a load run (load.json) but ${scenarios} is a scenario run (results.json): merge the shards of one run, all load runs or all scenario runs.`);
  });

  test('the CLI: a bad --shard is exit 2 naming the form, before anything runs', async () => {
    const r = await runCli(['load', '--shard', '3/2', '--connections', '5', '--out', join(base, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard must be <current>\/<total> with 1 <= current <= total \(got "3\/2"\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
