/**
 * `ws-chaos merge` on fixture results: the shards of one run become the results.json of that
 * run (canonical order, totals, completeness, the cross-shard reconciliation, one warm-up), and
 * inputs that are not the shards of one run are refused with what to pass instead.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../harness/errors.js';
import { renderJunit } from '../../harness/reporters/junit.js';
import { mergeShardResults, type ShardInput } from '../../harness/reporters/merge.js';
import { readShardInput } from '../../harness/reporters/merge-input.js';
import type { RunResults } from '../../harness/results.js';
import { WARMUP_SCENARIO_ID } from '../../harness/warmup.js';
import { mergeShards } from '../../cli/merge.js';
import { opened, run, scenario } from './helpers/fixtures.js';
import { xmlProblems } from './helpers/xml.js';

const ORDER = ['conformance/a', 'conformance/b', 'conformance/c', 'chaos/d'];

function shard(current: number, total: number, scenarios: RunResults['scenarios'], extra: Partial<RunResults> = {}): ShardInput {
  return {
    source: `shard-${current}/results.json`,
    results: run(scenarios, { shard: { current, total }, planned: scenarios.length, ran: scenarios.length, complete: true, ...extra }),
  };
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('mergeShardResults', () => {
  const one = shard(1, 2, [scenario('conformance/c', 'failed', { code: 'INTERNAL_ERROR_BEFORE_WELCOME' }), scenario('mine/custom', 'passed')]);
  const two = shard(2, 2, [scenario('chaos/d', 'failed', { code: 'INTERNAL_ERROR_BEFORE_WELCOME' }), scenario('conformance/a', 'skipped'), scenario('conformance/b', 'errored', { code: 'SCENARIO_ERROR' })]);

  it('orders scenarios as the registry does (whatever order the shards come in), a user scenario after the known ones', () => {
    const merged = mergeShardResults([two, one], ORDER);
    expect(merged.scenarios.map((s) => s.id)).toEqual(['conformance/a', 'conformance/b', 'conformance/c', 'chaos/d', 'mine/custom']);
  });

  it('recomputes totals, planned, ran and the root cause (one failure per shard: a cause only across shards), records shards: n and no shard field', () => {
    const merged = mergeShardResults([one, two], ORDER);
    expect(merged.totals).toEqual({ passed: 1, failed: 2, skipped: 1, errored: 1 });
    expect(merged.planned).toBe(5);
    expect(merged.ran).toBe(5);
    expect(merged.complete).toBe(true);
    expect(merged.shards).toBe(2);
    expect(merged).not.toHaveProperty('shard');
    expect(merged.rootCause).toMatchObject({ code: 'INTERNAL_ERROR_BEFORE_WELCOME', count: 2, of: 4 });
  });

  it('is complete only when every shard was', () => {
    const cut = shard(2, 2, two.results.scenarios.slice(0, 1), { complete: false, planned: 3, ran: 1 });
    const merged = mergeShardResults([one, cut], ORDER);
    expect(merged.complete).toBe(false);
    expect(merged.planned).toBe(5);
    expect(merged.ran).toBe(3);
  });

  it('reconciles across shards: SILENT_SERVER in one shard stands corrected when another shard heard the server', () => {
    const silent = shard(1, 2, [scenario('conformance/a', 'failed', { code: 'SILENT_SERVER', summary: 'no message in 2000 ms' })]);
    const heard = shard(2, 2, [scenario('conformance/b', 'passed', { timelines: [opened('p', [{ t: 3, kind: 'message', dir: 'in', text: '{}', bytes: 2, binary: false }])] })]);
    const merged = mergeShardResults([silent, heard], ORDER);
    expect(merged.scenarios[0]!.diagnosis?.code).toBe('WELCOME_MISSING');
    expect(merged.scenarios[0]!.diagnosis?.summary).toMatch(/conformance\/b/);
  });

  it('keeps a failed warm-up once, first, though every shard warmed up its own target', () => {
    const warm = scenario(WARMUP_SCENARIO_ID, 'failed', { code: 'SLOW_STARTUP' });
    const merged = mergeShardResults([shard(1, 2, [warm, ...one.results.scenarios]), shard(2, 2, [warm, ...two.results.scenarios])], ORDER);
    expect(merged.scenarios.filter((s) => s.id === WARMUP_SCENARIO_ID)).toHaveLength(1);
    expect(merged.scenarios[0]!.id).toBe(WARMUP_SCENARIO_ID);
    expect(merged.totals.failed).toBe(3); // the warm-up, conformance/c and chaos/d
  });

  it('accepts reference-backend shards whose ports differ (each shard starts its own backend)', () => {
    const moved = { ...two, results: { ...two.results, target: { ...two.results.target, url: 'ws://127.0.0.1:5555/ws' } } };
    expect(mergeShardResults([one, moved], ORDER).scenarios).toHaveLength(5);
  });

  it('refuses inputs that are not the shards of one run, naming what is wrong', () => {
    expect(refusal(() => mergeShardResults([], ORDER))).toMatch(/nothing to merge/);
    expect(refusal(() => mergeShardResults([one, { source: 'full/results.json', results: run([]) }], ORDER))).toMatch(/full\/results\.json is the results of an unsharded run .*--shard/);
    expect(refusal(() => mergeShardResults([one, shard(2, 3, [])], ORDER))).toMatch(/shard 2\/3.*same --shard total/);
    expect(refusal(() => mergeShardResults([one, shard(1, 2, [])], ORDER))).toMatch(/shard 1\/2 is given twice/);
    expect(refusal(() => mergeShardResults([one], ORDER))).toMatch(/missing shard 2\/2.*--shard 2\/2/);
    expect(refusal(() => mergeShardResults([one, shard(2, 2, [scenario('conformance/c', 'passed')])], ORDER))).toMatch(/conformance\/c is in shard-1\/results\.json and in shard-2\/results\.json/);
    const external = (url: string, n: number): ShardInput =>
      shard(n, 2, [], { target: { url, profile: 'mine', kind: 'external', faults: [] } });
    expect(refusal(() => mergeShardResults([external('ws://a.test/ws', 1), external('ws://b.test/ws', 2)], ORDER))).toMatch(/ran against profile "mine" at ws:\/\/b\.test\/ws/);
    const newer = shard(2, 2, [], { tool: { name: 'ws-chaos', version: '0.2.0' } });
    expect(refusal(() => mergeShardResults([one, newer], ORDER))).toMatch(/ws-chaos 0\.2\.0 but .* by 0\.1\.0: run every shard with the same ws-chaos version/);
    const faulty = shard(2, 2, [], { target: { ...one.results.target, faults: ['flap'] } });
    expect(refusal(() => mergeShardResults([one, faulty], ORDER))).toMatch(/playing flap/);
  });
});

describe('renderJunit', () => {
  it('files failures as <failure message="CODE: summary">, errors as <error>, skips as <skipped>, with the counts', () => {
    const merged = mergeShardResults(
      [
        shard(1, 2, [scenario('conformance/c', 'passed'), scenario('conformance/a', 'skipped', { reason: 'needs <auth> & "invalidAuth"' })]),
        shard(2, 2, [scenario('chaos/d', 'failed', { code: 'INTERNAL_ERROR_BEFORE_WELCOME', summary: 'closed 1011 "Service unavailable"' }), scenario('conformance/b', 'errored', { code: 'SCENARIO_ERROR' })]),
      ],
      ORDER,
    );
    const xml = renderJunit(merged);
    expect(xmlProblems(xml.replace(/^<\?xml[^>]*\?>\n/, ''))).toEqual([]);
    expect(xml).toMatch(/<testsuites name="ws-chaos" tests="4" failures="1" errors="1" skipped="1"/);
    expect(xml).toMatch(/<testsuite name="conformance"[^>]* tests="3" failures="0" errors="1" skipped="1"/);
    expect(xml).toMatch(/<testcase name="chaos\/d" classname="chaos" time="0\.013">\n\s*<failure message="INTERNAL_ERROR_BEFORE_WELCOME: closed 1011 &quot;Service unavailable&quot;" type="INTERNAL_ERROR_BEFORE_WELCOME">/);
    expect(xml).toMatch(/<error message="SCENARIO_ERROR: /);
    expect(xml).toContain('<skipped message="needs &lt;auth&gt; &amp; &quot;invalidAuth&quot;"/>');
  });
});

describe('mergeShards (the merge command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ws-chaos-merge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const read = (root: string): RunResults => JSON.parse(readFileSync(join(root, 'latest', 'results.json'), 'utf8')) as RunResults;
  const writeShard = (name: string, input: ShardInput): string => {
    const d = join(dir, name);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'results.json'), JSON.stringify(input.results));
    return d;
  };

  it('writes one run dir (results.json, junit.xml, summary.md, index.html, timelines) and exits 1 when a scenario failed', async () => {
    const a = writeShard('a', shard(1, 2, [scenario('conformance/handshake', 'passed')]));
    const b = writeShard('b', shard(2, 2, [scenario('conformance/welcome-timing', 'failed', { code: 'WELCOME_MISSING' })]));
    const out = join(dir, 'out');
    const code = await mergeShards([b, join(a, 'results.json')], { out, keep: 10 });
    expect(code).toBe(1);
    const latest = join(out, 'latest');
    expect(existsSync(join(latest, 'html')), 'no blob reports, so no merged Playwright report').toBe(false);
    for (const f of ['results.json', 'junit.xml', 'summary.md', 'index.html', 'timelines/conformance--welcome-timing.svg']) expect(existsSync(join(latest, f)), f).toBe(true);
    const merged = JSON.parse(readFileSync(join(latest, 'results.json'), 'utf8')) as RunResults;
    expect(merged.scenarios.map((s) => s.id)).toEqual(['conformance/handshake', 'conformance/welcome-timing']);
    expect(readFileSync(join(latest, 'junit.xml'), 'utf8')).toMatch(/<failure message="WELCOME_MISSING: /);
    expect(readFileSync(join(latest, 'summary.md'), 'utf8')).toContain('WELCOME_MISSING');
  });

  it('exits 0 when every merged scenario passed, and finds a shard by its reports root (latest)', async () => {
    const a = writeShard('p1', shard(1, 2, [scenario('conformance/handshake', 'passed')]));
    const b = writeShard('p2', shard(2, 2, [scenario('conformance/stays-open', 'passed')]));
    const out = join(dir, 'out-pass');
    expect(await mergeShards([a, b], { out, keep: 10 })).toBe(0);
    // The merged run's own reports root now works as an input (it finds latest/results.json).
    expect(readShardInput(out).results.shards).toBe(2);
    expect(readdirSync(out).filter((n) => n !== 'latest')).toHaveLength(1);
  });

  it('compares the merged run with --baseline (a shard\'s own slice-only comparison is not carried over)', async () => {
    const base = writeShard('base', { source: '', results: run([scenario('conformance/handshake', 'failed', { code: 'WELCOME_MISSING' }), scenario('conformance/stays-open', 'passed')]) });
    const sliced = { comparison: 'removed', was: { status: 'passed', code: null }, now: null };
    const a = writeShard('b1', shard(1, 2, [scenario('conformance/handshake', 'passed')], { baseline: { file: 'x', startedAt: 'y', totals: {} as never, scenarios: { 'conformance/stays-open': sliced as never } } }));
    const b = writeShard('b2', shard(2, 2, [scenario('conformance/stays-open', 'passed')]));
    const out = join(dir, 'out-baseline');
    expect(await mergeShards([a, b], { out, keep: 10, baseline: base })).toBe(0);
    const merged = read(out);
    expect(merged.baseline?.scenarios['conformance/handshake']?.comparison).toBe('fixed');
    expect(merged.baseline?.scenarios['conformance/stays-open']?.comparison).toBe('still-passing');
    expect(merged.baseline?.totals.removed).toBe(0);
  });

  it('finds a shard in a downloaded reports root that lost its latest link and hidden run marker', async () => {
    const root = join(dir, 'artifact');
    const only = writeShard('artifact/2026-12-01T10-00-00-000Z', shard(1, 1, [scenario('conformance/handshake', 'passed')]));
    expect(readShardInput(root).source).toBe(join(only, 'results.json'));
  });

  it('exits 1 when a shard was interrupted, though every scenario that ran passed (the run is partial)', async () => {
    const a = writeShard('i1', shard(1, 2, [scenario('conformance/handshake', 'passed')]));
    const b = writeShard('i2', shard(2, 2, [scenario('conformance/stays-open', 'passed')], { complete: false, planned: 3, ran: 1 }));
    const out = join(dir, 'out-partial');
    expect(await mergeShards([a, b], { out, keep: 10 })).toBe(1);
    expect(read(out)).toMatchObject({ complete: false, planned: 4, ran: 2, totals: { passed: 2, failed: 0 } });
  });

  it('refuses a path with no results.json (exit 2) and writes no run', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    await expect(mergeShards([empty], { out: join(dir, 'out-none'), keep: 10 })).rejects.toThrow(/empty holds no results\.json; pass each shard's run directory/);
    expect(existsSync(join(dir, 'out-none'))).toBe(false);
  });
});
