/**
 * Ctrl-C, SIGTERM and SIGKILL of the real CLI (issue 8 items 3, 20, 21): the exit code, the
 * partial results marked `complete: false`, and that nothing it started survives it — no
 * process whose PPID chain led to it, no port it listened on, no run config file, no Chromium
 * temp folder — within a bounded wait.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CHROMIUM_TMP_PREFIX } from '../../harness/client/browser.js';
import { RUN_CONFIG_FILE } from '../../harness/runner/run-config.js';
import type { RunResults } from '../../harness/results.js';
import { ROOT } from '../reports/helpers/cli.js';
import { descendantsOf, isAlive, listeningPortsOf, stillListening } from './helpers/process-tree.js';

const base = mkdtempSync(join(tmpdir(), 'wsc-signals-'));
const started = new Set<number>();
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  }
  rmSync(base, { recursive: true, force: true });
});

interface Leftovers {
  code: number | null;
  stdout: string;
  runDir: string;
  survivors: number[];
  ports: number[];
  recorded: { pids: number[]; ports: number[] };
}

/** Start the CLI, wait for its first scenario line, record its tree, send `signal`, and wait for it all to end. */
async function signalAfterFirstScenario(args: string[], signal: NodeJS.Signals, name: string): Promise<Leftovers> {
  const out = join(base, name);
  // Output to a file, as to a terminal: it stays writable after the CLI dies (a pipe would
  // close, and an orphan writing to it would die of EPIPE and hide the bug).
  const log = join(base, `${name}.log`);
  const fd = openSync(log, 'w');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', '--out', out, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', WSC_RUN: '' },
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  started.add(child.pid!);
  const output = (): string => readFileSync(log, 'utf8');
  const exited = new Promise<number | null>((done) => child.on('exit', (c, s) => done(c ?? (s ? -1 : null))));
  const t0 = Date.now();
  while (!/\[\s*1\/\d+\]/.test(output()) && Date.now() - t0 < 60_000 && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  let stdout = output();
  expect(stdout, 'the first scenario line never came').toMatch(/\[\s*1\/\d+\]/);
  const pids = descendantsOf(child.pid!);
  for (const p of pids) started.add(p);
  const ports = listeningPortsOf([child.pid!, ...pids]);
  process.kill(child.pid!, signal);
  const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 40_000))]);
  // Bounded: everything it started must be gone within 10 s of its end.
  let survivors = pids.filter(isAlive);
  let open = stillListening(ports);
  for (let i = 0; i < 100 && (survivors.length > 0 || open.length > 0); i++) {
    await new Promise((r) => setTimeout(r, 100));
    survivors = survivors.filter(isAlive);
    open = stillListening(open);
  }
  stdout = output();
  const runs = existsSync(out) ? readdirSync(out).filter((n) => n !== 'latest') : [];
  return { code, stdout, runDir: join(out, runs[0] ?? 'none'), survivors, ports: open, recorded: { pids, ports } };
}

const BACKEND_GREP = ['--grep', '^conformance/(handshake|stays-open|server-keepalive|dead-client-detected)$'];

describe.sequential('signals', () => {
  for (const [signal, exitCode] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    test(`${signal}: exit ${exitCode}, partial results kept and marked, nothing left running`, async () => {
      const r = await signalAfterFirstScenario(BACKEND_GREP, signal, signal.toLowerCase());
      expect(r.code, r.stdout).toBe(exitCode);
      expect(r.recorded.pids.length, 'the runner and its worker were recorded').toBeGreaterThanOrEqual(2);
      expect(r.survivors).toEqual([]);
      expect(r.ports).toEqual([]);
      const results = JSON.parse(readFileSync(join(r.runDir, 'results.json'), 'utf8')) as RunResults;
      expect(results.complete).toBe(false);
      expect(results.planned).toBe(4);
      expect(results.ran).toBe(results.scenarios.length);
      expect(results.ran).toBeGreaterThanOrEqual(1);
      expect(results.ran).toBeLessThan(4);
      // The cut-off scenario is not an error of the target's: it just did not come to a verdict.
      expect(results.totals.errored).toBe(0);
      const summary = readFileSync(join(r.runDir, 'summary.md'), 'utf8');
      expect(summary).toMatch(/Run interrupted: \d of 4 scenarios ran, these results are partial/);
      expect(summary).not.toMatch(/all scenarios passed/);
      expect(r.stdout).toMatch(/run interrupted: \d of 4 scenarios ran, these results are partial/);
      expect(existsSync(join(r.runDir, RUN_CONFIG_FILE))).toBe(false);
      // The partial run is `latest`, and marked there too.
      expect(JSON.parse(readFileSync(join(r.runDir, '..', 'latest', 'results.json'), 'utf8')).complete).toBe(false);
    }, 90_000);
  }

  test('SIGKILL of a backend run: the runner ends within seconds and writes no results.json', async () => {
    const r = await signalAfterFirstScenario(BACKEND_GREP, 'SIGKILL', 'sigkill');
    expect(r.recorded.pids.length).toBeGreaterThanOrEqual(2);
    expect(r.survivors).toEqual([]);
    expect(r.ports).toEqual([]);
    // Give an orphan every chance to (wrongly) write its verdicts against the dead backend.
    await new Promise((res) => setTimeout(res, 1000));
    expect(existsSync(join(r.runDir, 'results.json'))).toBe(false);
    expect(existsSync(join(r.runDir, RUN_CONFIG_FILE))).toBe(false);
  }, 90_000);

  test('SIGKILL of a client run: Chromium and its port end too, and no Chromium temp folder is left', async () => {
    const r = await signalAfterFirstScenario(['--client', '--grep', '^client/(fatal-close-no-retry|reconnect-limit|backoff|flap-bounded)$'], 'SIGKILL', 'sigkill-client');
    // The runner, its worker, and Chromium's processes.
    expect(r.recorded.pids.length).toBeGreaterThanOrEqual(4);
    expect(r.survivors).toEqual([]);
    expect(r.ports).toEqual([]);
    expect(existsSync(join(r.runDir, 'results.json'))).toBe(false);
    const leftTmp = readdirSync(tmpdir()).filter((n) => r.recorded.pids.some((p) => n.startsWith(`${CHROMIUM_TMP_PREFIX}${p}-`)));
    expect(leftTmp).toEqual([]);
  }, 90_000);
});
