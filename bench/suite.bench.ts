/**
 * `pnpm bench`: the default suite's wall time, and the probe's timing error.
 *
 * 1. Wall time of `pnpm scenarios` (the CLI end to end: tsx, Playwright, the reference backend)
 *    and of the same scenarios run in-process (what the detection matrix pays per row).
 * 2. Probe timing error: the welcome latency the probe reports (open → welcome received, client
 *    clock) against the reference backend's own timestamps (connection handler → welcome sent,
 *    server clock). Both sides run in this process, so both stamps come from the same
 *    `performance.now()` and the difference is what the probe adds or loses.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Probe } from '../harness/probe';
import { startReferenceTarget } from '../harness/reference-target';
import { runScenario } from '../harness/run-scenario';
import { parseJson } from '../harness/match';
import { first } from '../harness/timeline';
import { SCENARIOS } from '../scenarios/index';
import { startEmbeddedToxiproxy } from '../harness/proxy/embedded/index';

const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);
const PROBES = Number(process.env.BENCH_PROBES ?? 1000);

const q = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};
const f = (ms: number): string => `${ms.toFixed(3)} ms`;

async function cliWallTime(): Promise<number[]> {
  const out = mkdtempSync(join(tmpdir(), 'wsc-bench-'));
  const times: number[] = [];
  try {
    for (let i = 0; i < CLI_RUNS; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'harness/cli/main.ts', '--quiet', '--out', out], { encoding: 'utf8', timeout: 120_000 });
      times.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`pnpm scenarios exited ${r.status}: ${r.stdout}${r.stderr}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return times;
}

async function inProcessSuite(): Promise<number> {
  const target = await startReferenceTarget();
  const proxy = await startEmbeddedToxiproxy();
  const toxiproxy = { provider: 'embedded', version: proxy.version, url: proxy.url };
  try {
    const t0 = performance.now();
    for (const s of SCENARIOS) {
      const r = await runScenario(s, { profile: target.profile, toxiproxy });
      if (r.status !== 'passed') throw new Error(`${s.id} ${r.status}: ${r.diagnosis?.summary}`);
    }
    return performance.now() - t0;
  } finally {
    await proxy.stop();
    await target.close();
  }
}

async function probeTimingError(): Promise<{ probe: number[]; server: number[]; delta: number[]; transit: number[] }> {
  const target = await startReferenceTarget();
  const opened = new Map<string, number>();
  const sent = new Map<string, number>();
  target.backend.observer.on('open', (e: { id: string; t: number }) => opened.set(e.id, e.t));
  target.backend.observer.on('welcome-sent', (e: { id: string; t: number }) => sent.set(e.id, e.t));
  const url = new URL(target.profile.url);
  if (target.profile.auth.mode === 'query') url.searchParams.set(target.profile.auth.param, target.profile.auth.token);
  const probe: number[] = [];
  const server: number[] = [];
  const delta: number[] = [];
  const transit: number[] = [];
  try {
    for (let i = 0; i < PROBES; i++) {
      const p = new Probe({ url: url.toString(), handshakeTimeoutMs: 2000 });
      const welcome = await p.waitFor('message', 2000, (e) => e.dir === 'in');
      const open = first(p.events, 'open');
      p.dispose();
      if (!welcome || !open) throw new Error(`probe ${i}: no welcome`);
      const id = (parseJson(welcome.text) as { connection_id: string }).connection_id;
      const serverOpen = opened.get(id);
      const serverSent = sent.get(id);
      if (serverOpen === undefined || serverSent === undefined) throw new Error(`probe ${i}: backend did not record ${id}`);
      const probeLatency = welcome.t - open.t;
      const serverLatency = serverSent - serverOpen;
      probe.push(probeLatency);
      server.push(serverLatency);
      delta.push(probeLatency - serverLatency);
      transit.push(p.origin + welcome.t - serverSent);
    }
  } finally {
    await target.close();
  }
  return { probe, server, delta, transit };
}

const cli = await cliWallTime();
const inProc = await inProcessSuite();
const t = await probeTimingError();
const line = (name: string, xs: number[]): string => `| ${name} | ${f(q(xs, 0.5))} | ${f(q(xs, 0.99))} |`;
process.stdout.write(
  [
    `ws-chaos bench — node ${process.version}, ${CLI_RUNS} CLI runs, ${PROBES} probes`,
    '',
    `| default suite (${SCENARIOS.length} scenarios: conformance + chaos, reference backend, embedded Toxiproxy) | wall time |`,
    '|---|---|',
    `| \`pnpm scenarios\` end to end (median of ${CLI_RUNS}) | ${(q(cli, 0.5) / 1000).toFixed(2)} s (min ${(Math.min(...cli) / 1000).toFixed(2)} s) |`,
    `| the same scenarios in-process | ${(inProc / 1000).toFixed(2)} s |`,
    '',
    '| welcome latency | p50 | p99 |',
    '|---|---|---|',
    line('probe reports (open → welcome received)', t.probe),
    line('backend measures (handler → welcome sent)', t.server),
    line('probe − backend', t.delta),
    line('backend sent → probe stamped (one clock: the probe\'s timing error)', t.transit),
    '',
  ].join('\n'),
);
