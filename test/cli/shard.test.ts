/**
 * Sharding end to end against the reference backend: `--shard 1/2` and `-- --shard 2/2` (the
 * pass-through spelling, mapped onto ws-chaos's flag) each run a disjoint slice, `ws-chaos merge`
 * joins them, and the merged results.json equals an unsharded run of the same selection (ids in
 * order, statuses, codes). Four conformance scenarios, so no Toxiproxy; a few seconds a run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../harness/results.js';
import { killAllClis, runCli, type CliResult } from '../reports/helpers/cli.js';
import { htmlReportData } from '../reports/helpers/unzip.js';

const GREP = '^conformance/(handshake|auth-rejected|welcome-timing|stays-open)$';
const RUN_TIMEOUT_MS = 90_000;

const read = (root: string): RunResults => JSON.parse(readFileSync(join(root, 'latest', 'results.json'), 'utf8')) as RunResults;
const verdicts = (r: RunResults): Array<[string, string, string | null]> => r.scenarios.map((s) => [s.id, s.status, s.diagnosis?.code ?? null]);

describe('--shard and ws-chaos merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ws-chaos-shard-'));
  let full: CliResult;
  let first: CliResult;
  let second: CliResult;
  let merged: CliResult;

  beforeAll(async () => {
    // One after another: the scenarios share the machine with other test files.
    full = await runCli(['--grep', GREP, '--quiet', '--out', join(dir, 'full')], { timeoutMs: RUN_TIMEOUT_MS });
    first = await runCli(['--grep', GREP, '--quiet', '--shard', '1/2', '--out', join(dir, 's1')], { timeoutMs: RUN_TIMEOUT_MS });
    second = await runCli(['--grep', GREP, '--quiet', '--out', join(dir, 's2'), '--', '--shard', '2/2'], { timeoutMs: RUN_TIMEOUT_MS });
    merged = await runCli(['merge', join(dir, 's1'), join(dir, 's2', 'latest'), '--out', join(dir, 'merged')], { timeoutMs: RUN_TIMEOUT_MS });
  }, 4 * RUN_TIMEOUT_MS);

  afterAll(() => {
    killAllClis();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a disjoint slice per shard, each recording its shard and counting only its slice', () => {
    expect(full.code, full.stderr).toBe(0);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const [a, b] = [read(join(dir, 's1')), read(join(dir, 's2'))];
    expect(a.shard).toEqual({ current: 1, total: 2 });
    expect(b.shard).toEqual({ current: 2, total: 2 });
    const ids = [...a.scenarios, ...b.scenarios].map((s) => s.id);
    expect(a.scenarios.length).toBeGreaterThan(0);
    expect(b.scenarios.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(read(join(dir, 'full')).scenarios.map((s) => s.id).sort());
    for (const r of [a, b]) {
      expect(r.planned).toBe(r.scenarios.length);
      expect(r.ran).toBe(r.scenarios.length);
      expect(r.complete).toBe(true);
    }
    expect(existsSync(join(dir, 's1', 'latest', 'blob'))).toBe(true);
  });

  it('merges into what the unsharded run wrote: ids in order, statuses, codes, totals', () => {
    expect(merged.code, merged.stderr).toBe(0);
    const [m, f] = [read(join(dir, 'merged')), read(join(dir, 'full'))];
    expect(f.scenarios).toHaveLength(4);
    expect(verdicts(m)).toEqual(verdicts(f));
    expect(m.totals).toEqual(f.totals);
    expect(m.complete).toBe(true);
    expect(m.shards).toBe(2);
    expect(m).not.toHaveProperty('shard');
    expect(f).not.toHaveProperty('shard');
    for (const file of ['junit.xml', 'summary.md', 'index.html', 'html/index.html', 'timelines/conformance--handshake.svg']) {
      expect(existsSync(join(dir, 'merged', 'latest', file)), file).toBe(true);
    }
    const junit = (root: string): string[] => [...readFileSync(join(dir, root, 'latest', 'junit.xml'), 'utf8').matchAll(/<testcase name="([^"]+)"/g)].map((x) => x[1]!);
    expect(junit('merged')).toEqual(junit('full'));
    // Playwright's own report, merged from the shards' blob reports, holds every scenario once.
    const report = JSON.parse(htmlReportData(readFileSync(join(dir, 'merged', 'latest', 'html', 'index.html'), 'utf8')).get('report.json')!.toString('utf8')) as {
      stats: { total: number; expected: number };
      files: Array<{ tests: Array<{ title: string }> }>;
    };
    expect(report.stats).toMatchObject({ total: 4, expected: 4 });
    expect(report.files.flatMap((f) => f.tests.map((t) => t.title)).sort()).toEqual(f.scenarios.map((s) => s.id).sort());
  });

  it('an empty shard exits 0 with a line saying so; merge refuses a run with a shard missing (exit 2)', async () => {
    const empty = await runCli(['--grep', '^conformance/handshake$', '--quiet', '--shard', '2/2', '--out', join(dir, 'empty')], { timeoutMs: RUN_TIMEOUT_MS });
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toMatch(/shard 2\/2 has no scenarios to run/);
    expect(read(join(dir, 'empty')).scenarios).toEqual([]);
    const missing = await runCli(['merge', join(dir, 's1'), '--out', join(dir, 'refused')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing shard 2\/2/);
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  }, 2 * RUN_TIMEOUT_MS);
});
