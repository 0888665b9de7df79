/**
 * `ws-chaos load`, the real CLI (issue 12 items 1, 3, 6, 7 and the tests section): a malformed
 * threshold is exit 2 naming it and the fix, before anything starts; the config file's `load:`
 * section drives the run and a breached threshold is exit 1 naming the threshold and the
 * measured value (console, junit.xml, load.json); Ctrl-C (SIGINT) mid-hold closes every
 * connection (the backend sees each one close, its count back to 0) and exits 130 with an
 * interrupted load.json. Targets are reference backends on 127.0.0.1 port 0.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { readHealthCount } from '../../harness/health.js';
import type { LoadResult } from '../../harness/load/result.js';
import { startReferenceTarget, type ReferenceTarget } from '../../mock-backend/target.js';
import { ROOT, runCli } from '../reports/helpers/cli.js';

const base = mkdtempSync(join(tmpdir(), 'wsc-load-cli-'));
let target: ReferenceTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const readLoad = (out: string): LoadResult => JSON.parse(readFileSync(join(out, 'latest', 'load.json'), 'utf8')) as LoadResult;

describe('ws-chaos load', () => {
  test('a malformed threshold is exit 2, naming the threshold and the fix; nothing runs', async () => {
    const out = join(base, 'bad');
    const r = await runCli(['load', '--connections', '10', '--threshold', 'welcome.p99<500', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ws-chaos: threshold "welcome\.p99<500": welcome\.p99 is a duration: give the value a unit, ms or s \(e\.g\. welcome\.p99<500ms/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  test("the config file's load: section; a breached threshold is exit 1 naming it and the measured value", async () => {
    const dir = mkdtempSync(join(base, 'config-'));
    const out = join(dir, 'reports');
    writeFileSync(
      join(dir, 'ws-chaos.config.json'),
      JSON.stringify({ faults: 'welcome-pool', out: 'reports', load: { connections: 60, arrivalRate: '300/s', duration: '2500ms', thresholds: ['welcome.p99<500ms'] } }),
    );
    const r = await runCli(['load', '--config', join(dir, 'ws-chaos.config.json'), '--threshold', 'failed<=60'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/✗ welcome\.p99<500ms: welcome\.p99 = [\d.]+ (ms|s) over \d+ samples: breaches < 500 ms/);
    expect(r.stdout).toMatch(/✓ failed<=60/);
    expect(r.stdout).toMatch(/^FAILED/m);
    const result = readLoad(out);
    expect(result.plan.connections).toBe(60);
    expect(result.thresholds.map((t) => [t.threshold, t.passed])).toEqual([
      ['welcome.p99<500ms', false],
      ['failed<=60', true],
    ]);
    expect(result.thresholds[0].measured).toBeGreaterThan(500);
    const junit = readFileSync(join(out, 'latest', 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase name="welcome\.p99&lt;500ms" classname="load\.thresholds"[^>]*>\s*<failure message="welcome\.p99 = [^"]+breaches &lt; 500 ms" type="THRESHOLD_BREACHED">/);
    expect(junit).toMatch(/<testcase name="failed&lt;=60" classname="load\.thresholds"[^>]*>\s*<system-out>/);
    expect(readFileSync(join(out, 'latest', 'summary.md'), 'utf8')).toMatch(/\| `welcome\.p99<500ms` \| ❌ breached \|/);
  }, 90_000);

  test('Ctrl-C mid-hold: every connection closed, exit 130, load.json says interrupted', async () => {
    target = await startReferenceTarget({ logLevel: 'silent', keepalive: { intervalMs: 1000, timeoutMs: 2000 } });
    const t = target;
    let opens = 0;
    let closes = 0;
    t.backend.observer.on('open', () => opens++);
    t.backend.observer.on('close', () => closes++);
    const profileFile = join(base, 'profile.json');
    writeFileSync(profileFile, JSON.stringify(t.profile));
    const out = join(base, 'sigint');
    const child = spawn(process.execPath, [createRequire(import.meta.url).resolve('tsx/cli'), join(ROOT, 'cli/main.ts'), 'load', '--profile', profileFile, '--connections', '150', '--arrival-rate', '300/s', '--duration', '60s', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      // Wait (bounded: 300 × 50 ms) until the backend holds all 150.
      let held = 0;
      for (let i = 0; i < 300 && held < 150; i++) {
        held = (await readHealthCount(t.profile)) ?? 0;
        if (held < 150) await new Promise((r) => setTimeout(r, 50));
      }
      expect(held).toBe(150);
      child.kill('SIGINT');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
      expect(code, stdout).toBe(130);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    let count: number | undefined;
    for (let i = 0; i < 40 && count !== 0; i++) {
      count = await readHealthCount(t.profile);
      if (count !== 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(count).toBe(0);
    expect(opens).toBe(150);
    expect(closes).toBe(150);
    const result = readLoad(out);
    expect(result.interrupted).toBe(true);
    expect(result.passed).toBe(false);
    expect(result.totals.leftOpen).toBe(0);
    expect(result.totals.opened).toBe(150);
    expect(new URL(t.profile.url).hostname).toBe('127.0.0.1');
    expect(readdirSync(out)).toContain('latest');
  }, 60_000);
});
