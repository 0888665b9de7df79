/**
 * `ws-chaos load --storm / --workers / --soak` through the real CLI (issue 12 items 4, 5, 7) at
 * small N against the reference backend on 127.0.0.1 port 0: a restart with the no-jitter policy
 * is exit 1 with RECONNECT_HERD in load.json, the jittered default is exit 0 with every client
 * back; bad values and impossible combinations are exit 2 naming the flag and the fix, before
 * anything runs; Ctrl-C after a proxy-cut storm (an embedded Toxiproxy in front of a --profile
 * backend) closes every connection and exits 130; `--workers 2` writes one merged load.json whose connection count is the sum of
 * the parts; a soak against the connection-leak fault is exit 1 with CONNECTIONS_LEAKED.
 * Each run is bounded by runCli's timeout (the CLI is killed with its process group).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { isWsChaosError } from '../../harness/errors.js';
import { readHealthCount } from '../../harness/health.js';
import type { LoadResult } from '../../harness/load/result.js';
import type { StormLoadResult } from '../../harness/load/storm-outputs.js';
import { resolveLoadMode, type LoadModeFlags } from '../../cli/load-mode.js';
import { startReferenceTarget } from '../../mock-backend/target.js';
import { ROOT, runCli } from '../reports/helpers/cli.js';

const base = mkdtempSync(join(tmpdir(), 'wsc-load-storm-cli-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const latest = (out: string, file: string): string => readFileSync(join(out, 'latest', file), 'utf8');
const readLoad = <T = LoadResult>(out: string): T => JSON.parse(latest(out, 'load.json')) as T;
const N = '100';

describe('ws-chaos load --storm', () => {
  test('a restart with the no-jitter policy: exit 1, RECONNECT_HERD in load.json, the chart marks the restart', async () => {
    const out = join(base, 'herd');
    const r = await runCli(['load', '--connections', N, '--arrival-rate', '1000/s', '--storm', 'restart', '--reconnect-policy', 'no-jitter', '--out', out], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/deploy storm: restart, no-jitter policy: 100 dropped/);
    expect(r.stdout).toMatch(/✗ RECONNECT_HERD: /);
    expect(r.stdout).toMatch(/^FAILED/m);
    const result = readLoad<StormLoadResult>(out);
    expect(result).toMatchObject({ schema: 'ws-chaos/load@1', passed: false, storm: { kind: 'restart', trigger: 'restart', policy: 'no-jitter', dropped: 100, neverBack: 0 } });
    expect(result.storm.diagnoses.map((d) => d.code)).toEqual(['RECONNECT_HERD']);
    expect(result.storm.peak.perS).toBeGreaterThan(result.storm.budgetPerS);
    expect(latest(out, 'load.svg')).toContain('>restart<');
    // The run's index.html carries the chart inline.
    expect(latest(out, 'index.html')).toMatch(/<figure><svg[\s\S]*>restart<[\s\S]*<\/svg><\/figure>/);
    // CI sees the herd as a failing test case, and the job page names it.
    expect(latest(out, 'junit.xml')).toMatch(/<testcase name="RECONNECT_HERD" classname="load\.run"[^>]*>\s*<failure message="[^"]+" type="RECONNECT_HERD">/);
    expect(latest(out, 'junit.xml')).toMatch(/failures="1"/);
    expect(latest(out, 'summary.md')).toMatch(/## Run diagnoses\n\n- `RECONNECT_HERD` /);
  }, 90_000);

  test('the same restart with the jittered default: exit 0, every client back, no herd diagnosis', async () => {
    const out = join(base, 'jittered');
    const r = await runCli(['load', '--connections', N, '--arrival-rate', '1000/s', '--storm', 'restart', '--out', out], { timeoutMs: 60_000 });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const result = readLoad<StormLoadResult>(out);
    expect(result).toMatchObject({ passed: true, storm: { kind: 'restart', policy: 'jittered', dropped: 100, neverBack: 0, diagnoses: [] } });
    expect(result.storm.peak.perS).toBeLessThan(result.storm.budgetPerS);
    expect(r.stdout).toMatch(/^PASSED/m);
  }, 90_000);

  test.each([
    [['--storm', 'reboot'], /--storm "reboot" is not a deploy storm: use restart, restart-1012, crash, proxy-cut/],
    [['--storm', 'restart', '--workers', '2'], /--storm and --workers cannot be combined/],
  ])('%j is exit 2 naming the flag and the fix; nothing runs', async (args, message) => {
    const out = join(base, `bad-${args.join('-').replace(/\W+/g, '_')}`);
    const r = await runCli(['load', '--connections', '10', ...args, '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  test('Ctrl-C after a proxy-cut storm against a --profile backend: every connection closed, exit 130, load.json interrupted', async () => {
    const t = await startReferenceTarget({ logLevel: 'silent', keepalive: { intervalMs: 1000, timeoutMs: 2000 } });
    let opens = 0;
    let closes = 0;
    t.backend.observer.on('open', () => opens++);
    t.backend.observer.on('close', () => closes++);
    const profileFile = join(base, 'profile.json');
    writeFileSync(profileFile, JSON.stringify(t.profile));
    const out = join(base, 'proxy-cut-sigint');
    const child = spawn(process.execPath, [createRequire(import.meta.url).resolve('tsx/cli'), join(ROOT, 'cli/main.ts'), 'load', '--profile', profileFile, '--connections', N, '--arrival-rate', '1000/s', '--storm', 'proxy-cut', '--duration', '60s', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      // Bounded (600 × 50 ms): the fleet opened, was cut by the proxy, and all 100 are back.
      let held = 0;
      for (let i = 0; i < 600 && !(opens >= 200 && held === 100); i++) {
        held = (await readHealthCount(t.profile)) ?? 0;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(opens, output).toBeGreaterThanOrEqual(200);
      expect(held).toBe(100);
      child.kill('SIGINT');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
      expect(code, output).toBe(130);
      let count: number | undefined;
      for (let i = 0; i < 40 && count !== 0; i++) {
        count = await readHealthCount(t.profile);
        if (count !== 0) await new Promise((r) => setTimeout(r, 50));
      }
      expect(count).toBe(0);
      expect(closes).toBe(opens);
      const result = readLoad<StormLoadResult>(out);
      expect(result).toMatchObject({ interrupted: true, passed: false, storm: { kind: 'proxy-cut', dropped: 100, neverBack: 0 } });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await t.close();
    }
  }, 90_000);
});

describe('resolveLoadMode: bad values and combinations are usage errors (exit 2) naming the flag and the fix', () => {
  const external = { external: true, given: () => false };
  const reference = { external: false, given: () => false };
  test.each([
    [{ storm: 'restart', reconnectPolicy: 'sometimes' }, reference, /--reconnect-policy "sometimes" is neither a named policy nor a client profile: use jittered, no-jitter, immediate/],
    [{ storm: 'restart', herdBudget: 'lots' }, reference, /--herd-budget "lots" is not a rate: .* e\.g\. --herd-budget 200\/s/],
    [{ reconnectPolicy: 'no-jitter' }, reference, /--reconnect-policy only applies to a deploy storm: add --storm/],
    [{ storm: 'crash' }, external, /--storm crash is played by the reference backend started here: against --target\/--profile use --storm restart with --restart-command/],
    [{ storm: 'restart' }, external, /--storm restart against --target\/--profile needs a way to restart your backend: --restart-command .*, or a restart in the profile/],
    [{ storm: 'restart', restartCommand: 'systemctl restart x' }, reference, /the reference backend started here restarts itself: drop --restart-command/],
    [{ soak: true, storm: 'crash' }, reference, /--storm and --soak cannot be combined/],
    [{ churn: '5/s' }, reference, /--churn only applies to a soak: add --soak/],
    [{ workers: '0' }, reference, /--workers must be a whole number from 1 to 64 \(got "0"\)/],
    [{ workers: '1', processes: '2' }, reference, /--workers 1 is fewer than --processes 2: .* use --workers 2 or more/],
    [{ processes: '2' }, external, /--processes runs the reference backend in several processes; against --target\/--profile .* drop --processes/],
  ] as Array<[LoadModeFlags, Parameters<typeof resolveLoadMode>[1], RegExp]>)('%j', (flags, o, message) => {
    let error: unknown;
    try {
      resolveLoadMode(flags, o);
    } catch (e) {
      error = e;
    }
    expect(isWsChaosError(error) && error.exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
  });

  test('good values: the policy, the budget, workers defaulting to --processes, a restart command for your backend', () => {
    expect(resolveLoadMode({ storm: 'restart-1012', reconnectPolicy: 'immediate', herdBudget: '300/s' }, reference)).toMatchObject({ kind: 'storm', storm: 'restart-1012', policy: { name: 'immediate' }, herdBudgetPerS: 300 });
    expect(resolveLoadMode({ storm: 'restart', restartCommand: 'true' }, external)).toMatchObject({ kind: 'storm', policy: { name: 'jittered' }, restartCommand: 'true' });
    expect(resolveLoadMode({ processes: '3' }, reference)).toEqual({ kind: 'workers', workers: 3, processes: 3 });
    expect(resolveLoadMode({ workers: '2' }, reference)).toEqual({ kind: 'workers', workers: 2, processes: 0 });
    expect(resolveLoadMode({ soak: true, churn: '20/s' }, reference)).toEqual({ kind: 'soak', churnPerS: 20 });
    expect(resolveLoadMode({}, reference)).toEqual({ kind: 'plain' });
  });
});

describe('ws-chaos load --workers', () => {
  test('--workers 2: one merged load.json, its connection count the sum of the two parts', async () => {
    const out = join(base, 'workers');
    const r = await runCli(['load', '--connections', '101', '--arrival-rate', '500/s', '--duration', '500ms', '--workers', '2', '--threshold', 'failed<1%', '--out', out], { timeoutMs: 90_000 });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const result = readLoad(out);
    expect(result.parts).toBe(2);
    expect(result.plan.connections).toBe(101);
    expect(result.totals.attempted).toBe(101);
    expect(result.totals.welcomed).toBe(101);
    expect(result.latency.welcome.count).toBe(101);
    expect(r.stdout).toMatch(/workers: 2 harness processes, merged into one result/);
  }, 120_000);
});

describe('ws-chaos load --soak', () => {
  test('a soak with churn against the connection-leak fault: exit 1, CONNECTIONS_LEAKED in load.json', async () => {
    const out = join(base, 'soak');
    const r = await runCli(['load', '--fault', 'connection-leak', '--connections', '50', '--arrival-rate', '1000/s', '--duration', '2500ms', '--soak', '--churn', '10/s', '--out', out], { timeoutMs: 60_000 });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
    const result = readLoad<LoadResult & { soak: { churned: number; diagnoses: Array<{ code: string }> } }>(out);
    expect(result.soak.churned).toBeGreaterThan(0);
    expect(result.soak.diagnoses.map((d) => d.code)).toEqual(['CONNECTIONS_LEAKED']);
    expect(r.stdout).toMatch(/✗ CONNECTIONS_LEAKED: /);
    expect(latest(out, 'junit.xml')).toMatch(/<testcase name="CONNECTIONS_LEAKED" classname="load\.run"[^>]*>\s*<failure /);
  }, 90_000);
});
