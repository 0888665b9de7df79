/**
 * The package check's `ws-chaos load` steps (issue 12): run from the installed package as a user
 * runs it — a plain run with thresholds against the built-in reference backend, a fault that only
 * shows under concurrency breaching a threshold, the deploy storm with and without jitter, a
 * foreign backend through its JSON profile, and `--shard 1/2`, `--shard 2/2` merged by
 * `ws-chaos merge`. Small N and short holds: the whole adds seconds, not minutes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { foreignProfile, FOREIGN_TOKEN } from './foreign-backend.js';
import type { Project } from './project.js';
import { describeRun, type CommandResult } from './run-command.js';

const LOAD_TIMEOUT_MS = 90_000;

interface LoadJson {
  schema: string;
  passed: boolean;
  plan: { connections: number };
  totals: { attempted: number; opened: number; welcomed: number; failed: number; messagesSent: number; messagesReceived: number };
  thresholds: Array<{ threshold: string; passed: boolean }>;
  shard?: { current: number; total: number };
  shards?: { total: number; merged: number[]; missing: number[] };
  storm?: { policy: string; dropped: number; neverBack: number; diagnoses: Array<{ code: string }> };
}

const readLoad = (project: Project, outDir: string): LoadJson => JSON.parse(readFileSync(join(project.dir, outDir, 'latest', 'load.json'), 'utf8')) as LoadJson;

function expectExit(r: CommandResult, code: number, what: string): void {
  expect(r.code, describeRun(what, r)).toBe(code);
}

async function load(project: Project, args: string[], code: number, env?: NodeJS.ProcessEnv): Promise<CommandResult> {
  const r = await project.exec('ws-chaos', ['load', ...args], LOAD_TIMEOUT_MS, env);
  expectExit(r, code, `ws-chaos load ${args.join(' ')}`);
  expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  return r;
}

/** 200 connections at 400/s held 2 s against the reference backend: exit 0, every one welcomed, both thresholds held. */
export async function stepLoadReference(project: Project): Promise<void> {
  const r = await load(project, ['--connections', '200', '--arrival-rate', '400/s', '--duration', '2s', '--threshold', 'welcome.p99<2s', '--threshold', 'failed<1%', '--out', 'load-plain'], 0);
  expect(r.stdout).toMatch(/^PASSED/m);
  const l = readLoad(project, 'load-plain');
  expect(l.schema).toBe('ws-chaos/load@1');
  expect(l.passed).toBe(true);
  expect(l.totals).toMatchObject({ attempted: 200, welcomed: 200, failed: 0 });
  expect(l.thresholds.map((t) => [t.threshold, t.passed])).toEqual([
    ['welcome.p99<2s', true],
    ['failed<1%', true],
  ]);
}

/** The welcome-pool fault (a pool of one, 25 ms a welcome): the fortieth of 40 waits about a second, welcome.p99<200ms is breached, exit 1 naming it. */
export async function stepLoadFault(project: Project): Promise<void> {
  const r = await load(project, ['--fault', 'welcome-pool', '--connections', '40', '--arrival-rate', '400/s', '--duration', '1500ms', '--threshold', 'welcome.p99<200ms', '--out', 'load-fault'], 1);
  expect(r.stdout).toMatch(/✗ welcome\.p99<200ms: welcome\.p99 = [\d.]+ (ms|s) over \d+ samples: breaches < 200 ms/);
  expect(r.stdout).toMatch(/^FAILED/m);
  expect(readLoad(project, 'load-fault').thresholds).toMatchObject([{ threshold: 'welcome.p99<200ms', passed: false }]);
}

/** load/deploy-storm, 100 connections at 1000/s (test/load/cli-storm's settings): no jitter is exit 1 with RECONNECT_HERD, the jittered default exit 0. */
export async function stepLoadStorms(project: Project): Promise<void> {
  const herd = await load(project, ['load/deploy-storm', '--connections', '100', '--arrival-rate', '1000/s', '--reconnect-policy', 'no-jitter', '--out', 'load-herd'], 1);
  expect(herd.stdout).toMatch(/✗ RECONNECT_HERD: /);
  expect(readLoad(project, 'load-herd').storm).toMatchObject({ policy: 'no-jitter', dropped: 100, neverBack: 0, diagnoses: [{ code: 'RECONNECT_HERD' }] });
  await load(project, ['load/deploy-storm', '--connections', '100', '--arrival-rate', '1000/s', '--reconnect-policy', 'jittered', '--out', 'load-jittered'], 0);
  expect(readLoad(project, 'load-jittered').storm).toMatchObject({ policy: 'jittered', dropped: 100, neverBack: 0, diagnoses: [] });
}

/** The foreign backend (`op` messages, an Authorization header) loaded through its JSON profile: every connection welcomed by its `hello`. */
export async function stepLoadForeign(project: Project, url: string): Promise<void> {
  writeFileSync(join(project.dir, 'op-protocol-load.json'), `${JSON.stringify(foreignProfile(url), null, 2)}\n`);
  await load(project, ['--target', url, '--profile', 'op-protocol-load.json', '--connections', '30', '--arrival-rate', '300/s', '--duration', '300ms', '--threshold', 'failed<=0', '--out', 'load-foreign'], 0, { FOREIGN_TOKEN });
  const l = readLoad(project, 'load-foreign');
  expect(l.totals).toMatchObject({ attempted: 30, welcomed: 30, failed: 0 });
}

/** `--shard 1/2` and `--shard 2/2` of 41 connections, then `ws-chaos merge`: exit 0, the merged totals are the sum of the shards'. */
export async function stepLoadShardsMerge(project: Project): Promise<void> {
  const shards: LoadJson[] = [];
  for (const i of [1, 2]) {
    await load(project, ['--connections', '41', '--arrival-rate', '200/s', '--duration', '200ms', '--threshold', 'failed<=0', '--shard', `${i}/2`, '--out', `load-shard-${i}`], 0);
    shards.push(readLoad(project, `load-shard-${i}`));
  }
  expect(shards.map((s) => [s.shard, s.plan.connections])).toEqual([
    [{ current: 1, total: 2 }, 21],
    [{ current: 2, total: 2 }, 20],
  ]);
  const merge = await project.exec('ws-chaos', ['merge', 'load-shard-1', 'load-shard-2', '--out', 'load-merged'], LOAD_TIMEOUT_MS);
  expectExit(merge, 0, 'ws-chaos merge load-shard-1 load-shard-2 --out load-merged');
  const m = readLoad(project, 'load-merged');
  expect(m.shards).toEqual({ total: 2, merged: [1, 2], missing: [] });
  expect(m.plan.connections).toBe(41);
  for (const k of ['attempted', 'opened', 'welcomed', 'failed', 'messagesSent', 'messagesReceived'] as const) {
    expect(m.totals[k], `merged totals.${k}`).toBe(shards[0].totals[k] + shards[1].totals[k]);
  }
  expect(m.totals.welcomed).toBe(41);
  expect(m.passed).toBe(true);
}
