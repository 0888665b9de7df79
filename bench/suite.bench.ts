/**
 * `pnpm bench`: the default suite's wall time, and the probe's timing error.
 *
 * 1. Wall time of `pnpm scenarios` (the CLI end to end: tsx, Playwright, the reference backend)
 *    and of the same scenarios run in-process (what the detection matrix pays per row).
 * 2. Probe timing error: the welcome latency the probe reports (open → welcome received, client
 *    clock) against the reference backend's own timestamps (connection handler → welcome sent,
 *    server clock). Both sides run in this process, so both stamps come from the same
 *    `performance.now()` and the difference is what the probe adds or loses.
 *    Measured twice: idle, and with a CPU burner on both cores (two busy child processes,
 *    killed by PID), because a CI box is a loaded machine.
 * 3. The harness's own lateness: the `lateMs` the probe puts on the welcome stamp (the
 *    heartbeat in clock.ts), and whether that bound covered the real timing error.
 *
 * `BENCH_PART=probe` runs only 2 and 3 (no CLI, no suite).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LATENESS_BLIND_MS } from '../harness/clock.js';
import { Probe } from '../harness/probe.js';
import { startReferenceTarget } from '../mock-backend/target.js';
import { runScenario } from '../harness/run-scenario.js';
import { parseJson } from '../harness/match.js';
import { first } from '../harness/timeline.js';
import { SCENARIOS } from '../scenarios/index.js';
import { startEmbeddedToxiproxy } from '../harness/proxy/embedded/index.js';

const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);
const PROBES = Number(process.env.BENCH_PROBES ?? 1000);
const PROBE_ONLY = process.env.BENCH_PART === 'probe';
const BURNERS = 2;
/** A stamp's real error may exceed its `lateMs` by the heartbeat's blind spot (what a diagnosis allows for). */
const COVER_SLACK_MS = LATENESS_BLIND_MS;

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
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', '--quiet', '--out', out], { encoding: 'utf8', timeout: 120_000 });
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

interface ProbeTiming {
  probe: number[];
  server: number[];
  delta: number[];
  transit: number[];
  /** The lateness the probe stamped on each welcome (0 when none). */
  late: number[];
  /** How many welcomes had a real error (`transit`) within their `lateMs` + COVER_SLACK_MS. */
  covered: number;
}

/** Two busy child processes, one per core, for the loaded measurement; `stop` kills them by PID. */
async function startBurners(): Promise<{ stop: () => void }> {
  const children: ChildProcess[] = [];
  for (let i = 0; i < BURNERS; i++) children.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  await new Promise((r) => setTimeout(r, 300));
  return {
    stop: () => {
      for (const c of children) if (c.pid !== undefined && c.exitCode === null) process.kill(c.pid, 'SIGKILL');
    },
  };
}

async function probeTimingError(): Promise<ProbeTiming> {
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
  const late: number[] = [];
  let covered = 0;
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
      const error = p.origin + welcome.t - serverSent;
      transit.push(error);
      late.push(welcome.lateMs ?? 0);
      if (error <= (welcome.lateMs ?? 0) + COVER_SLACK_MS) covered++;
    }
  } finally {
    await target.close();
  }
  return { probe, server, delta, transit, late, covered };
}

const cli = PROBE_ONLY ? [] : await cliWallTime();
const inProc = PROBE_ONLY ? NaN : await inProcessSuite();
const idle = await probeTimingError();
const burners = await startBurners();
let loaded: ProbeTiming;
try {
  loaded = await probeTimingError();
} finally {
  burners.stop();
}
const line = (name: string, xs: number[]): string => `| ${name} | ${f(q(xs, 0.5))} | ${f(q(xs, 0.99))} | ${f(Math.max(...xs))} |`;
const timing = (title: string, t: ProbeTiming): string[] => [
  `| welcome latency, ${title} | p50 | p99 | max |`,
  '|---|---|---|---|',
  line('probe reports (open → welcome received)', t.probe),
  line('backend measures (handler → welcome sent)', t.server),
  line('probe − backend', t.delta),
  line('backend sent → probe stamped (one clock: the probe\'s timing error)', t.transit),
  line('harness lateness the probe stamped (`lateMs`)', t.late),
  `| error within the stamped lateness + ${COVER_SLACK_MS} ms | ${((100 * t.covered) / t.transit.length).toFixed(1)} % of ${t.transit.length} | | |`,
  '',
];
process.stdout.write(
  [
    `ws-chaos bench — node ${process.version}, ${CLI_RUNS} CLI runs, ${PROBES} probes idle and ${PROBES} with ${BURNERS} CPU burners`,
    '',
    ...(PROBE_ONLY
      ? []
      : [
          `| default suite (${SCENARIOS.length} scenarios: conformance + chaos, reference backend, embedded Toxiproxy) | wall time |`,
          '|---|---|',
          `| \`pnpm scenarios\` end to end (median of ${CLI_RUNS}) | ${(q(cli, 0.5) / 1000).toFixed(2)} s (min ${(Math.min(...cli) / 1000).toFixed(2)} s) |`,
          `| the same scenarios in-process | ${(inProc / 1000).toFixed(2)} s |`,
          '',
        ]),
    ...timing('idle', idle),
    ...timing(`${BURNERS} CPU burners`, loaded),
  ].join('\n'),
);
