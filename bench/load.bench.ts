/**
 * `pnpm bench:load` — the load harness's own figures (issue 12, Performance); prints, asserts
 * nothing. Against the reference backend in its own processes (mock-backend/cluster.ts), so the
 * harness's CPU and RSS are its own:
 *  1. hold: ONE harness process holds BENCH_HOLD (19 000) connections answering a 1 Hz app
 *     keepalive; RSS per held connection, CPU per 1 000 connections, its event-loop lag;
 *  2. arrivals: BENCH_RATE (6 000)/s for 3 s through the harness, then the same arrival profile
 *     through Artillery's ws engine, installed into a temporary folder now (npm install; if it
 *     cannot install, the bench says why). Both are measured the same way, at the backend: its
 *     health count polled every 100 ms, the rate between 5 % and 95 % of the arrivals;
 *  3. workers: BENCH_WORKERS_TOTAL (50 000) connections over 3 harness worker processes and 3
 *     backend processes, 1 Hz keepalive, held BENCH_HOLD_S seconds.
 * Everything on 127.0.0.1; every process started here is closed here (by PID).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runLoad } from '../harness/load/run-load.js';
import { runLoadWorkers } from '../harness/load/workers.js';
import { startBackendCluster, type ClusterMember } from '../mock-backend/cluster.js';
import { referenceProfile } from '../mock-backend/profile.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const HOLD_N = env('BENCH_HOLD', 19_000);
const RATE = env('BENCH_RATE', 6000);
const RATE_S = 3;
const WORKERS_N = env('BENCH_WORKERS_TOTAL', 50_000);
const HOLD_S = env('BENCH_HOLD_S', 10);
const ONE_HZ = { kind: 'app' as const, intervalMs: 1000, timeoutMs: 5000, onTimeout: 'close' as const };
/** Arrival runs: a production keepalive, so nobody is closed for an unanswered ping (Artillery answers none). */
const QUIET = { kind: 'app' as const, intervalMs: 25_000, timeoutMs: 20_000, onTimeout: 'close' as const };

const line = (s: string): void => void process.stdout.write(`${s}\n`);
const kib = (b: number): string => `${(b / 1024).toFixed(1)} KiB`;
/** The member's profile; a 30 s handshake budget, so a backlog on this shared machine is measured as latency, not cut short. */
const profileOf = (m: ClusterMember, ka: { intervalMs: number; timeoutMs: number }) => {
  const p = referenceProfile({ wsUrl: m.wsUrl, healthUrl: m.healthUrl, token: m.token, keepalive: ka });
  return { ...p, timeouts: { ...p.timeouts, handshakeMs: 30_000 } };
};
const HOLD_RATE = env('BENCH_HOLD_RATE', 1000);

async function count(m: ClusterMember): Promise<number> {
  const body = (await (await fetch(m.healthUrl, { signal: AbortSignal.timeout(2000) })).json()) as { connections: number };
  return body.connections;
}

/** Poll the backend's count until `stop()`; the rate between 5 % and 95 % of `expected` arrivals. */
function watchArrivals(m: ClusterMember, expected: number): { stop(): Promise<{ perS: number; arrived: number }> } {
  const samples: Array<{ t: number; n: number }> = [];
  let running = true;
  const loop = (async () => {
    const deadline = performance.now() + 120_000;
    while (running && performance.now() < deadline) {
      try {
        samples.push({ t: performance.now(), n: await count(m) });
      } catch {
        // a missed reading under load
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      // Between 5 % and 95 % of what arrived (of `expected` when all did): the steady part of the ramp.
      const top = Math.min(expected, Math.max(0, ...samples.map((s) => s.n)));
      const a = samples.find((s) => s.n >= 0.05 * top);
      const b = samples.find((s) => s.n >= 0.95 * top);
      return { perS: a && b && b.t > a.t ? ((b.n - a.n) * 1000) / (b.t - a.t) : NaN, arrived: top };
    },
  };
}

async function hold(): Promise<void> {
  line(`\n## 1. one harness process holds ${HOLD_N} connections, 1 Hz app keepalive`);
  const cluster = await startBackendCluster(1, { logLevel: 'silent', keepalive: ONE_HZ });
  try {
    const profile = profileOf(cluster.members[0], ONE_HZ);
    global.gc?.();
    const rss0 = process.memoryUsage.rss();
    let cpu: { user: number; system: number; at: number; open: number } | undefined;
    let figures = '';
    const m = await runLoad({
      profile,
      connections: HOLD_N,
      plan: { stages: [{ fromPerS: HOLD_RATE, toPerS: HOLD_RATE, durationMs: 0 }] },
      holdMs: HOLD_S * 1000,
      progressEveryMs: 1000,
      onProgress: (p) => {
        if (p.phase !== 'holding') return;
        const c = process.cpuUsage();
        if (!cpu) {
          // First second of the hold: a baseline (the arrival burst is over).
          cpu = { user: c.user, system: c.system, at: performance.now(), open: p.open };
          return;
        }
        const s = (performance.now() - cpu.at) / 1000;
        const cpuPct = ((c.user - cpu.user + c.system - cpu.system) / 1e6 / s) * 100;
        const rss = process.memoryUsage.rss();
        figures = `held ${p.open}; RSS ${(rss / 2 ** 20).toFixed(0)} MiB, ${kib((rss - rss0) / Math.max(1, p.open))} per held connection; harness CPU ${cpuPct.toFixed(1)} % of a core = ${(cpuPct / (p.open / 1000)).toFixed(2)} % per 1 000 connections at 1 Hz`;
      },
    });
    line(`  ${figures}`);
    line(`  opened ${m.recorder.counters.opened}/${HOLD_N}, welcomed ${m.recorder.counters.welcomed}, peak open ${m.recorder.counters.peakOpen}, diagnoses ${m.recorder.tally.failed}${m.recorder.tally.counts()[0] ? ` (most: ${m.recorder.tally.counts()[0].code} × ${m.recorder.tally.counts()[0].count})` : ''}`);
    line(`  welcome p50/p99 ${m.recorder.histograms.welcome.at(50)}/${m.recorder.histograms.welcome.at(99)} ms; harness loop lag max ${m.lag.maxMs} ms, p99 ${m.lag.p99Ms} ms, saturated ${m.lag.saturatedSeconds}/${m.lag.seconds} s`);
  } finally {
    await cluster.close();
  }
}

async function arrivalsHarness(): Promise<void> {
  const n = RATE * RATE_S;
  line(`\n## 2a. arrivals through ws-chaos: ${RATE}/s for ${RATE_S} s (${n} connections)`);
  const cluster = await startBackendCluster(1, { logLevel: 'silent', keepalive: QUIET });
  try {
    const member = cluster.members[0];
    const watch = watchArrivals(member, n);
    const m = await runLoad({ profile: profileOf(member, QUIET), connections: n, plan: { stages: [{ fromPerS: RATE, toPerS: RATE, durationMs: 0 }] }, holdMs: 1000 });
    const { perS, arrived } = await watch.stop();
    const dialled = m.recorder.series.toJSON().slice(0, RATE_S).map((s) => s.arrivals);
    line(`  dialled per second (harness clock): ${dialled.join(', ')}; at the backend: ${perS.toFixed(0)}/s = ${((100 * perS) / RATE).toFixed(1)} % of the requested rate (over 5–95 % of the ${arrived} that arrived)`);
    line(`  opened ${m.recorder.counters.opened}/${n}, diagnoses ${m.recorder.tally.failed}; harness loop lag max ${m.lag.maxMs} ms, saturated ${m.lag.saturatedSeconds}/${m.lag.seconds} s`);
  } finally {
    await cluster.close();
  }
}

function installArtillery(dir: string): string | { why: string } {
  try {
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', 'artillery@2'], { cwd: dir, stdio: 'pipe', timeout: 400_000 });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    return { why: (err.stderr?.toString() ?? err.message).split('\n').filter((l) => /error/i.test(l)).slice(0, 3).join(' / ') || err.message };
  }
  const bin = path.join(dir, 'node_modules', '.bin', 'artillery');
  return fs.existsSync(bin) ? bin : { why: 'npm install succeeded but node_modules/.bin/artillery is missing' };
}

async function arrivalsArtillery(): Promise<void> {
  const n = RATE * RATE_S;
  line(`\n## 2b. the same arrival profile through Artillery's ws engine`);
  const dir = process.env.BENCH_ARTILLERY_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wsc-artillery-'));
  const bin = fs.existsSync(path.join(dir, 'node_modules', '.bin', 'artillery')) ? path.join(dir, 'node_modules', '.bin', 'artillery') : installArtillery(dir);
  if (typeof bin !== 'string') {
    line(`  Artillery could not be installed into ${dir}: ${bin.why}`);
    return;
  }
  const cluster = await startBackendCluster(1, { logLevel: 'silent', keepalive: QUIET });
  try {
    const member = cluster.members[0];
    const config = path.join(dir, 'bench-ws.yml');
    fs.writeFileSync(config, [`config:`, `  target: "${member.wsUrl}?token=${member.token}"`, `  phases:`, `    - duration: ${RATE_S}`, `      arrivalRate: ${RATE}`, `scenarios:`, `  - engine: ws`, `    flow:`, `      - think: 5`, ''].join('\n'));
    const watch = watchArrivals(member, n);
    const started = performance.now();
    const child = spawn(bin, ['run', '--quiet', '--output', path.join(dir, 'bench-report.json'), config], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
    child.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
    const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 120_000);
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    clearTimeout(timer);
    const { perS, arrived } = await watch.stop();
    let counters: Record<string, number> = {};
    try {
      counters = (JSON.parse(fs.readFileSync(path.join(dir, 'bench-report.json'), 'utf8')) as { aggregate?: { counters?: Record<string, number> } }).aggregate?.counters ?? {};
    } catch {
      // no report: the exit code and the tail of the output say why
    }
    const created = counters['vusers.created'];
    if (code !== 0) line(`  Artillery output: ${out.trim().split('\n').slice(-3).join(' / ')}`);
    line(`  Artillery counters: ${Object.entries(counters).filter(([k]) => /^(vusers|errors|engine\.ws)/.test(k)).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    line(`  at the backend: ${perS.toFixed(0)}/s = ${((100 * perS) / RATE).toFixed(1)} % of the requested rate (over 5–95 % of the ${arrived} that arrived); Artillery exit ${code}, vusers.created ${created ?? '?'}, ${((performance.now() - started) / 1000).toFixed(1)} s wall`);
  } finally {
    await cluster.close();
  }
}

async function workers(): Promise<void> {
  const procs = 3;
  line(`\n## 3. ${WORKERS_N} connections over ${procs} harness worker processes and ${procs} backend processes, 1 Hz app keepalive, held ${HOLD_S} s`);
  const cluster = await startBackendCluster(procs, { logLevel: 'silent', keepalive: ONE_HZ });
  try {
    const targets = cluster.members.map((m) => profileOf(m, ONE_HZ));
    const r = await runLoadWorkers({ workers: procs, profile: targets[0], targets, connections: WORKERS_N, plan: { stages: [{ fromPerS: HOLD_RATE, toPerS: HOLD_RATE, durationMs: 0 }] }, holdMs: HOLD_S * 1000, thresholds: [], deadlineMs: 180_000 });
    const backendCounts = r.series.filter((s) => s.open > 0).map((s) => s.open);
    line(`  peak open ${r.totals.peakOpen}/${WORKERS_N} (most held in one second: ${Math.max(0, ...backendCounts)}), welcomed ${r.totals.welcomed}, failed ${r.totals.failed}${r.diagnoses[0] ? ` (most: ${r.diagnoses[0].code} × ${r.diagnoses[0].count})` : ''}, ended by the server ${r.totals.endedByServer}`);
    line(`  welcome p50/p99 ${r.latency.welcome.p50}/${r.latency.welcome.p99} ms (merged histograms); harness lag max ${r.harness.lagMaxMs} ms, saturated ${r.harness.saturatedSeconds}/${r.harness.seconds} s${r.harness.note ? `: ${r.harness.note}` : ''}`);
  } finally {
    await cluster.close();
  }
}

async function main(): Promise<void> {
  line(`# ws-chaos load benchmark (${os.cpus().length} cores, Node ${process.version}, fd limit per process ${execFileSync('sh', ['-c', 'ulimit -n']).toString().trim()}, load average ${os.loadavg()[0].toFixed(1)})`);
  const only = process.env.BENCH_ONLY?.split(',');
  const parts: Array<[string, () => Promise<void>]> = [['hold', hold], ['arrivals', arrivalsHarness], ['artillery', arrivalsArtillery], ['workers', workers]];
  for (const [name, run] of parts) {
    if (only && !only.includes(name)) continue;
    try {
      await run();
    } catch (e) {
      line(`  ${name} failed: ${(e as Error).message}`);
    }
  }
}

void main();
