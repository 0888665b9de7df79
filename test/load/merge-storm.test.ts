/**
 * `ws-chaos merge` of the shards of a deploy storm or a soak (harness/load/merge.ts, issue 12):
 * the `storm` sections merge (reconnect curves summed per second, peaks and budgets summed, the
 * time until 99 % were back recomputed, never-came-back and the backend's failures summed) and
 * RECONNECT_HERD / HERD_NOT_ABSORBED are judged again on the whole; the `soak` sections merge
 * (drops summed by code, the drift of all the shards judged again); an interrupted shard makes
 * the merge partial (exit 1 naming it). Synthetic shards built with the real result builders
 * (stormLoadResult, loadResult, the real judges), and one real two-shard storm merged.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { runLoadCli, type LoadFlags } from '../../cli/load.js';
import { mergeLoadShardFiles } from '../../cli/load-merge.js';
import { judgeConnectionDrift, judgeHerdAbsorbed, judgeReconnectHerd } from '../../harness/diagnose/judges/load-herd.js';
import { ConfigError } from '../../harness/errors.js';
import { mergeLoadShards, mergedBack99Ms, type LoadShardInput, type LoadSoakSection } from '../../harness/load/merge.js';
import { LoadRecorder } from '../../harness/load/recorder.js';
import { loadResult, type LoadResult } from '../../harness/load/result.js';
import { stormLoadResult, type StormLoadResult } from '../../harness/load/storm-outputs.js';
import type { StormResult } from '../../harness/load/storm.js';
import type { Diagnosis } from '../../harness/diagnose/codes.js';

const base = mkdtempSync(join(tmpdir(), 'wsc-merge-storm-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const PLAN = { stages: [{ fromPerS: 500, toPerS: 500, durationMs: 0 }] };
const LAG = { maxMs: 1, p99Ms: 1, saturatedSeconds: 0, seconds: 3 };
const recorder = (): LoadRecorder => new LoadRecorder(0, { immediateDisconnectMs: 100, welcome: { match: { type: 'welcome' }, budgetMs: 1000 } });

interface StormFigures {
  dropped: number;
  arrivalsPerSecond: number[];
  peakPerS: number;
  budgetPerS: number;
  back99Ms: number | null;
  neverBack: number;
  attemptsWhileUp?: number;
  lateWelcomes?: number;
}

/** One storm shard's load.json, as storm-outputs.ts builds it, its diagnoses from the real judges. */
function stormShard(current: number, total: number, f: StormFigures): LoadShardInput['result'] {
  const backend = { attemptsWhileUp: f.attemptsWhileUp ?? f.dropped, lateWelcomes: f.lateWelcomes ?? 0, overloadCloses: 0, refusedUpgrades: 0, otherFailures: 0 };
  const diagnoses = [
    judgeReconnectHerd({ dropped: f.dropped, peakPerS: f.peakPerS, windowMs: 250, peakAtMs: 1000, budgetPerS: f.budgetPerS, policyName: 'no-jitter' }),
    judgeHerdAbsorbed({ ...backend, attempts: backend.attemptsWhileUp, toleranceRatio: 0.01 }),
  ].filter((d): d is Diagnosis => d !== null);
  const r: StormResult = {
    recorder: recorder(),
    kind: 'restart',
    policy: 'no-jitter',
    stormAtMs: 400 + current,
    downMs: 20 * current,
    dropped: f.dropped,
    reconnectArrivalsMs: [],
    arrivalsPerSecond: f.arrivalsPerSecond,
    peak: { perS: f.peakPerS, atMs: 1000, windowMs: 250 },
    budgetPerS: f.budgetPerS,
    back99Ms: f.back99Ms,
    neverBack: f.neverBack,
    backend,
    diagnoses,
    startedAt: '2026-12-02T00:00:00.000Z',
    durationMs: 3000,
    lag: LAG,
  };
  const result: StormLoadResult = stormLoadResult(r, { connections: f.dropped, plan: PLAN, target: { name: 'reference-backend', url: `ws://127.0.0.1:${4000 + current}/ws` }, thresholds: [] });
  return { ...result, storm: { ...result.storm, trigger: 'restart' } as StormLoadResult['storm'], scenario: 'load/deploy-storm', shard: { current, total } };
}

/** One soak shard's load.json: loadResult plus the soak section cli/load-soak.ts adds, the drift judged as soak.ts judges it. */
function soakShard(current: number, total: number, url: string, soak: Omit<LoadSoakSection, 'diagnoses'>, connections: number): LoadShardInput['result'] {
  const result = loadResult({ recorder: recorder(), startedAt: '2026-12-02T00:00:00.000Z', durationMs: 3000, interrupted: false, leftOpen: 0, lag: LAG }, { connections, plan: PLAN, holdMs: 3000, target: { name: 'reference-backend', url }, thresholds: [] });
  const drift = judgeConnectionDrift({ samples: soak.samples, tolerance: Math.max(2, Math.ceil(0.01 * connections)) });
  return { ...result, soak: { ...soak, diagnoses: drift ? [drift] : [] }, scenario: 'load/soak', shard: { current, total } };
}

const inputs = (...results: LoadShardInput['result'][]): LoadShardInput[] => results.map((result, i) => ({ source: `shard-${i + 1}/load.json`, result }));

describe('merging the storm sections of load shards', () => {
  test('curves summed per second, peaks and budgets summed: a herd one shard saw alone is within the whole budget', () => {
    const a = stormShard(1, 2, { dropped: 100, arrivalsPerSecond: [10, 80, 10], peakPerS: 300, budgetPerS: 200, back99Ms: 1800, neverBack: 0 });
    const b = stormShard(2, 2, { dropped: 100, arrivalsPerSecond: [40, 30, 20, 10], peakPerS: 50, budgetPerS: 200, back99Ms: 3200, neverBack: 1 });
    // Shard 1 alone: 300/s over its 200/s share.
    expect(a.storm!.diagnoses!.map((d) => d.code)).toEqual(['RECONNECT_HERD']);
    const { result, runDiagnoses } = mergeLoadShards(inputs(a, b));
    expect(result.storm).toMatchObject({
      kind: 'restart',
      trigger: 'restart',
      policy: 'no-jitter',
      dropped: 200,
      arrivalsPerSecond: [50, 110, 30, 10],
      peak: { perS: 350, atMs: 1000, windowMs: 250 },
      budgetPerS: 400,
      neverBack: 1,
      stormAtMs: 401,
      downMs: 40,
      backend: { attemptsWhileUp: 200, lateWelcomes: 0 },
      diagnoses: [],
    });
    // 2 of 200 may be away: at 1.8 s shard 2's 100 still count as away; at 3.2 s each shard misses at most its 1.
    expect(result.storm!.back99Ms).toBe(3200);
    // Judged again on the whole: 350/s within 400/s, so no herd and the merge passes.
    expect(runDiagnoses).toEqual([]);
    expect(result.passed).toBe(true);
  });

  test('a herd over the summed budget is RECONNECT_HERD on the merged figures (exit 1), named by the shards merged', async () => {
    const shards = [1, 2].map((n) => stormShard(n, 2, { dropped: 100, arrivalsPerSecond: [0, 100], peakPerS: 400, budgetPerS: 200, back99Ms: 1100, neverBack: 0 }));
    const { result, runDiagnoses } = mergeLoadShards(inputs(...shards));
    expect(runDiagnoses.map((d) => d.code)).toEqual(['RECONNECT_HERD']);
    expect(runDiagnoses[0].summary).toMatch(/^shards 1\/2, 2\/2 merged: 200 of 200 dropped clients reconnected within 250 ms .*800 arrivals\/s, budget 400\/s, with the no-jitter policy$/);
    expect(result.storm!.diagnoses).toMatchObject([{ code: 'RECONNECT_HERD' }]);
    expect(result.passed).toBe(false);
    // Through the CLI's merge: exit 1, the console and junit name the herd.
    const dirs = shards.map((s, i) => {
      const d = join(base, `herd-${i + 1}`);
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'load.json'), JSON.stringify(s));
      return join(d, 'load.json');
    });
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const merged = join(base, 'herd-merged');
    expect(mergeLoadShardFiles(dirs, { out: merged, keep: 10 })).toBe(1);
    expect(out.join('')).toMatch(/deploy storm: restart, no-jitter policy: 200 dropped .*reconnect peak 800\/s over 250 ms \(budget 400\/s\)/);
    expect(readFileSync(join(merged, 'latest', 'junit.xml'), 'utf8')).toMatch(/<testcase name="RECONNECT_HERD" classname="load\.run"[^>]*>\s*<failure /);
  });

  test("HERD_NOT_ABSORBED judged again: one shard's 2 failures of 100 are 1 % of the whole, tolerated", () => {
    const a = stormShard(1, 2, { dropped: 100, arrivalsPerSecond: [50, 50], peakPerS: 100, budgetPerS: 200, back99Ms: 1500, neverBack: 0 });
    const b = stormShard(2, 2, { dropped: 100, arrivalsPerSecond: [50, 50], peakPerS: 100, budgetPerS: 200, back99Ms: 1500, neverBack: 0, lateWelcomes: 2 });
    expect(b.storm!.diagnoses!.map((d) => d.code)).toEqual(['HERD_NOT_ABSORBED']);
    const ok = mergeLoadShards(inputs(a, b));
    expect(ok.result.storm!.backend.lateWelcomes).toBe(2);
    expect(ok.runDiagnoses).toEqual([]);
    // Three late of 200 is 1.5 %: breached by the whole.
    const c = stormShard(2, 2, { dropped: 100, arrivalsPerSecond: [50, 50], peakPerS: 100, budgetPerS: 200, back99Ms: 1500, neverBack: 0, lateWelcomes: 3 });
    const bad = mergeLoadShards(inputs(a, c));
    expect(bad.runDiagnoses.map((d) => d.code)).toEqual(['HERD_NOT_ABSORBED']);
    expect(bad.runDiagnoses[0].summary).toMatch(/failed 3 of 200 reconnect attempts .*\(1\.5 %, tolerated 1\.0 %\): 3 late welcomes/);
  });

  test('shards that played different storms are refused, exit 2, naming both', () => {
    const a = stormShard(1, 2, { dropped: 10, arrivalsPerSecond: [10], peakPerS: 10, budgetPerS: 20, back99Ms: 100, neverBack: 0 });
    const b = stormShard(2, 2, { dropped: 10, arrivalsPerSecond: [10], peakPerS: 10, budgetPerS: 20, back99Ms: 100, neverBack: 0 });
    const other = { ...b, storm: { ...b.storm!, policy: 'jittered' } };
    const err = (() => {
      try {
        mergeLoadShards(inputs(a, other));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(2);
    expect((err as Error).message).toBe('merge: shard-1/load.json played restart with the no-jitter policy but shard-2/load.json restart with the jittered policy: run every shard with the same --storm and --reconnect-policy.');
  });
});

describe('mergedBack99Ms', () => {
  test('the earliest shard time by which at most 1 % of all the dropped clients can be away', () => {
    expect(mergedBack99Ms([])).toBe(0);
    expect(mergedBack99Ms([{ dropped: 100, back99Ms: 1000 }, { dropped: 100, back99Ms: 4000 }])).toBe(4000);
    // 3 of 301 may be away: by 1 s the two big shards miss at most 1 each, and the slow one-client shard is the third.
    expect(mergedBack99Ms([{ dropped: 150, back99Ms: 1000 }, { dropped: 150, back99Ms: 1000 }, { dropped: 1, back99Ms: 5000 }])).toBe(1000);
    // A shard whose 99 % never came back, too big to hide in the whole's 1 %: never.
    expect(mergedBack99Ms([{ dropped: 100, back99Ms: 1000 }, { dropped: 50, back99Ms: null }])).toBeNull();
    // ...small enough to: the rest's time.
    expect(mergedBack99Ms([{ dropped: 550, back99Ms: 1000 }, { dropped: 550, back99Ms: 2000 }, { dropped: 1, back99Ms: null }])).toBe(2000);
  });
});

describe('merging the soak sections of load shards', () => {
  const samples = (live: number[], healthAtEnd: number) => [...live.map((l, i) => ({ atMs: 1000 * (i + 1), health: l, live: l })), { atMs: 4000, health: healthAtEnd, live: 0 }];

  test('drops summed by code; the drift of the whole is judged again: two small leaks each tolerated alone are a leak together', () => {
    const a = soakShard(1, 2, 'ws://127.0.0.1:4001/ws', { samples: samples([50, 50, 50], 2), drops: { '1001': 2, '1011': 1 }, keepalivesMissed: 1, churned: 10 }, 50);
    const b = soakShard(2, 2, 'ws://127.0.0.1:4002/ws', { samples: samples([50, 49], 2), drops: { '1011': 3 }, keepalivesMissed: 3, churned: 12 }, 50);
    // Each alone: 2 left over, tolerated (2 or 1 % of 50).
    expect([a.soak!.diagnoses, b.soak!.diagnoses]).toEqual([[], []]);
    const { result, runDiagnoses } = mergeLoadShards(inputs(a, b));
    expect(result.soak).toMatchObject({ drops: { '1001': 2, '1011': 4 }, keepalivesMissed: 4, churned: 22 });
    // Each shard loaded its own reference backend (two URLs): the counts add up, the shorter shard's last reading held.
    expect(result.soak!.samples).toEqual([
      { atMs: 1000, health: 100, live: 100 },
      { atMs: 2000, health: 99, live: 99 },
      { atMs: 3000, health: 99, live: 99 },
      { atMs: 4000, health: 4, live: 0 },
    ]);
    expect(runDiagnoses.map((d) => d.code)).toEqual(['CONNECTIONS_LEAKED']);
    expect(runDiagnoses[0].summary).toMatch(/^shards 1\/2, 2\/2 merged: the backend counts 4 connections while 0 are live \(drift 4, tolerated 2\)/);
    expect(result.passed).toBe(false);
  });

  test('shards of one backend (one URL) read the same count: the highest reading, not a sum', () => {
    const a = soakShard(1, 2, 'wss://staging.example/ws', { samples: samples([100], 2), drops: {}, keepalivesMissed: 0, churned: 0 }, 50);
    const b = soakShard(2, 2, 'wss://staging.example/ws', { samples: samples([100], 1), drops: {}, keepalivesMissed: 0, churned: 0 }, 50);
    const { result, runDiagnoses } = mergeLoadShards(inputs(a, b));
    expect(result.soak!.samples.at(-1)).toEqual({ atMs: 4000, health: 2, live: 0 });
    expect(runDiagnoses).toEqual([]);
    expect(result.passed).toBe(true);
  });
});

describe('an interrupted shard', () => {
  test('makes the merge partial: exit 1, "shard 2/3 was interrupted" on stderr, in junit.xml and summary.md', () => {
    const shards = [1, 2, 3].map((n) => {
      const s = stormShard(n, 3, { dropped: 10, arrivalsPerSecond: [10], peakPerS: 10, budgetPerS: 20, back99Ms: 500, neverBack: 0 });
      return n === 2 ? { ...s, interrupted: true, passed: false } : s;
    });
    const { result } = mergeLoadShards(inputs(...shards));
    expect(result.shards).toEqual({ total: 3, merged: [1, 2, 3], missing: [], interrupted: [2] });
    expect(result.interrupted).toBe(false);
    expect(result.passed).toBe(false);
    const files = shards.map((s, i) => {
      const f = join(base, `cut-${i + 1}.json`);
      writeFileSync(f, JSON.stringify(s));
      return f;
    });
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const out = join(base, 'cut-merged');
    expect(mergeLoadShardFiles(files, { out, keep: 10 })).toBe(1);
    expect(err.join('')).toMatch(/ws-chaos: the merged load run is partial: shard 2\/3 was interrupted \(its figures stop early: run --shard 2\/3 again and merge its output\); exit 1\./);
    expect(readFileSync(join(out, 'latest', 'junit.xml'), 'utf8')).toMatch(/<testcase name="every shard merged" classname="load"[^>]*>\s*<failure message="partial: merged shards 1\/3, 2\/3, 3\/3; shard 2\/3 was interrupted/);
    expect(readFileSync(join(out, 'latest', 'summary.md'), 'utf8')).toMatch(/shard 2\/3 was interrupted/);
  });
});

describe('a real two-shard storm', () => {
  test('--shard 1/2 and 2/2 of load/deploy-storm with no jitter, merged: 40 dropped in all, RECONNECT_HERD on the whole, exit 1', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const files: string[] = [];
    const shards: StormLoadResult[] = [];
    for (const current of [1, 2]) {
      const out = join(base, `real-${current}`);
      const f: LoadFlags = { connections: 40, arrivalRate: '1000/s', storm: 'restart', reconnectPolicy: 'no-jitter', out, keep: 10, shard: { current, total: 2 } };
      expect(await runLoadCli(f, (key) => key in f)).toBe(1);
      files.push(join(out, 'latest', 'load.json'));
      shards.push(JSON.parse(readFileSync(files.at(-1)!, 'utf8')) as StormLoadResult);
    }
    expect(shards.map((s) => s.storm.dropped)).toEqual([20, 20]);
    const merged = join(base, 'real-merged');
    expect(mergeLoadShardFiles(files, { out: merged, keep: 10 })).toBe(1);
    const m = JSON.parse(readFileSync(join(merged, 'latest', 'load.json'), 'utf8')) as LoadResult & { storm: StormLoadResult['storm'] };
    expect(m.shards).toEqual({ total: 2, merged: [1, 2], missing: [] });
    expect(m.storm).toMatchObject({ dropped: 40, neverBack: 0, budgetPerS: shards[0].storm.budgetPerS + shards[1].storm.budgetPerS, peak: { perS: shards[0].storm.peak.perS + shards[1].storm.peak.perS } });
    expect(m.storm.arrivalsPerSecond.reduce((a, b) => a + b, 0)).toBe([...shards[0].storm.arrivalsPerSecond, ...shards[1].storm.arrivalsPerSecond].reduce((a, b) => a + b, 0));
    expect(m.storm.diagnoses.map((d) => d.code)).toEqual(['RECONNECT_HERD']);
  }, 60_000);
});
