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
 *  2c. the same arrivals over 2 harness worker processes to 2 backend processes (one of each per
 *     core on this 2-core machine);
 *  3. workers: BENCH_WORKERS_TOTAL (50 000) connections over 3 harness worker processes and 3
 *     backend processes, 1 Hz keepalive, held BENCH_HOLD_S seconds, with the cores section 1's
 *     1 Hz cost says that needs.
 * Each arrival run prints two verdicts, each within 5 % of the requested rate or not: on schedule
 * by the harness's own clock (its mean dial rate over the plan's seconds), and at the backend.
 * CPU per connection is the process's own (process.cpuUsage; the backend's from /proc). Seconds
 * in which the harness's loop was saturated are flagged; a closing "Goals" section lists every
 * goal MET or NOT MET. BENCH_ONLY=hold,arrivals,artillery,arrivals-multi,workers picks parts.
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
/** The member's profile; a 30 s handshake budget, so a backlog on this shared machine is measured as latency, not cut short. */
const profileOf = (m: ClusterMember, ka: { intervalMs: number; timeoutMs: number }) => {
  const p = referenceProfile({ wsUrl: m.wsUrl, healthUrl: m.healthUrl, token: m.token, keepalive: ka });
  return { ...p, timeouts: { ...p.timeouts, handshakeMs: 30_000 } };
};
const HOLD_RATE = env('BENCH_HOLD_RATE', 1000);
/**
 * How long each Artillery connection stays (its think time): the backend's count is of connections
 * open, so they must all stay until the last has arrived, or a slow ramp reads as fewer arrivals
 * (5 s ones left before the last came, and the 5–95 % window was taken over the peak, not the 18 000).
 */
const ARTILLERY_THINK_S = 30;
/** The goals of issue 12 (Performance), printed next to what was measured. */
const GOAL = { holdOne: 19_000, kibPerConn: 16, ratePerS: 6000, workersTotal: 50_000, within: 0.05 };
const verdicts: string[] = [];
const verdict = (what: string, met: boolean, detail: string): string => {
  const v = `${met ? 'MET' : 'NOT MET'}: ${what} (${detail})`;
  verdicts.push(v);
  return v;
};
const within5 = (measured: number, wanted: number): boolean => Number.isFinite(measured) && Math.abs(measured - wanted) <= GOAL.within * wanted;
const load = (): string => `load average ${os.loadavg()[0].toFixed(1)}`;

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();
/** A process's CPU time so far (ms, user + system) from /proc; undefined where there is none (not Linux). */
function cpuMsOf(pid: number): number | undefined {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  } catch {
    return undefined;
  }
}
const cpuMsOfAll = (pids: number[]): number | undefined => {
  const each = pids.map(cpuMsOf);
  return each.some((x) => x === undefined) ? undefined : each.reduce((a = 0, b = 0) => a + b, 0);
};
/** The harness's own seconds flagged saturated, and where: the dial phase or the hold. */
const saturation = (lag: { saturatedSeconds: number; seconds: number; maxMs: number }): string =>
  `harness loop lag max ${lag.maxMs} ms, saturated ${lag.saturatedSeconds}/${lag.seconds} s${lag.saturatedSeconds > 0 ? ' (SATURATED: latencies taken then include its own delay)' : ''}`;

async function count(members: readonly ClusterMember[]): Promise<number> {
  const counts = await Promise.all(
    members.map(async (m) => ((await (await fetch(m.healthUrl, { signal: AbortSignal.timeout(2000) })).json()) as { connections: number }).connections),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Poll the backends' summed count until `stop()`; the rate between 5 % and 95 % of `expected` arrivals. */
function watchArrivals(m: readonly ClusterMember[], expected: number): { stop(): Promise<{ perS: number; arrived: number }> } {
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

/** The 1 Hz cost per 1 000 held connections (% of a core), harness and backend, for section 3's arithmetic. */
const perThousand: { harness?: number; backend?: number } = {};

async function hold(): Promise<void> {
  line(`\n## 1. one harness process holds ${HOLD_N} connections, 1 Hz app keepalive (${load()})`);
  const cluster = await startBackendCluster(1, { logLevel: 'silent', keepalive: ONE_HZ });
  try {
    const profile = profileOf(cluster.members[0], ONE_HZ);
    const backendPid = cluster.members[0].pid;
    global.gc?.();
    const rss0 = process.memoryUsage.rss();
    let cpu: { user: number; system: number; backendMs?: number; at: number; open: number; second: number } | undefined;
    let figures = '';
    let held = 0;
    let perConnKiB = NaN;
    const m = await runLoad({
      profile,
      connections: HOLD_N,
      plan: { stages: [{ fromPerS: HOLD_RATE, toPerS: HOLD_RATE, durationMs: 0 }] },
      holdMs: HOLD_S * 1000,
      progressEveryMs: 1000,
      onProgress: (p) => {
        if (p.phase !== 'holding') return;
        const c = process.cpuUsage();
        const backendMs = cpuMsOf(backendPid);
        if (!cpu) {
          // First second of the hold: a baseline (the arrival burst is over).
          cpu = { user: c.user, system: c.system, backendMs, at: performance.now(), open: p.open, second: Math.floor(p.elapsedMs / 1000) };
          return;
        }
        const s = (performance.now() - cpu.at) / 1000;
        const cpuPct = ((c.user - cpu.user + c.system - cpu.system) / 1e6 / s) * 100;
        const backendPct = backendMs !== undefined && cpu.backendMs !== undefined ? ((backendMs - cpu.backendMs) / 1000 / s) * 100 : undefined;
        const rss = process.memoryUsage.rss();
        held = p.open;
        perConnKiB = (rss - rss0) / Math.max(1, p.open) / 1024;
        perThousand.harness = cpuPct / (p.open / 1000);
        perThousand.backend = backendPct === undefined ? undefined : backendPct / (p.open / 1000);
        figures = `held ${p.open}; RSS ${(rss / 2 ** 20).toFixed(0)} MiB, ${perConnKiB.toFixed(1)} KiB per held connection; harness CPU ${cpuPct.toFixed(1)} % of a core = ${perThousand.harness.toFixed(2)} % per 1 000 connections at 1 Hz${backendPct === undefined ? '' : `; the backend process ${backendPct.toFixed(1)} % = ${(perThousand.backend ?? 0).toFixed(2)} % per 1 000`}`;
      },
    });
    line(`  ${figures}`);
    line(`  opened ${m.recorder.counters.opened}/${HOLD_N}, welcomed ${m.recorder.counters.welcomed}, peak open ${m.recorder.counters.peakOpen}, diagnoses ${m.recorder.tally.failed}${m.recorder.tally.counts()[0] ? ` (most: ${m.recorder.tally.counts()[0].code} × ${m.recorder.tally.counts()[0].count})` : ''}`);
    // Where the saturated seconds were: dialling (before the hold) or holding.
    const holdFrom = cpu?.second ?? Infinity;
    const series = m.recorder.series.toJSON();
    const satDial = series.filter((x) => x.saturated && x.second < holdFrom).length;
    const satHold = series.filter((x) => x.saturated && x.second >= holdFrom && x.second < holdFrom + HOLD_S).length;
    line(`  welcome p50/p99 ${m.recorder.histograms.welcome.at(50)}/${m.recorder.histograms.welcome.at(99)} ms; ${saturation(m.lag)}: ${satDial} while dialling, ${satHold} of the ${HOLD_S} s hold, the rest closing`);
    line(`  ${verdict(`one process holds ${GOAL.holdOne} connections at 1 Hz`, held >= GOAL.holdOne && m.recorder.tally.failed === 0, `held ${held}, ${m.recorder.tally.failed} failed${HOLD_N < GOAL.holdOne ? `; BENCH_HOLD=${HOLD_N} is below the goal` : ''}`)}`);
    line(`  ${verdict(`RSS per held connection <= ${GOAL.kibPerConn} KiB`, perConnKiB <= GOAL.kibPerConn, `${perConnKiB.toFixed(1)} KiB`)}`);
  } finally {
    await cluster.close();
  }
}

/** Harness-side accuracy: the mean dial rate over the plan's whole seconds (its own clock). */
function dialAccuracy(perSecond: number[]): { mean: number; text: string } {
  const whole = perSecond.slice(0, RATE_S);
  const mean = whole.reduce((a, b) => a + b, 0) / Math.max(1, whole.length);
  return { mean, text: `dialled per second (harness clock): ${perSecond.slice(0, RATE_S + 1).join(', ')}; mean over the ${RATE_S} s of the plan ${mean.toFixed(0)}/s = ${((100 * mean) / RATE).toFixed(1)} %` };
}

/** The two verdicts of an arrival run: on schedule at the harness, and as the backend saw it. */
function arrivalVerdicts(who: string, dialMean: number | undefined, atBackend: number): void {
  if (dialMean !== undefined) line(`  ${verdict(`${who}: dialled ${RATE}/s within 5 % (harness clock)`, within5(dialMean, RATE) && RATE >= GOAL.ratePerS, `${dialMean.toFixed(0)}/s`)}`);
  const below = RATE < GOAL.ratePerS ? `; BENCH_RATE=${RATE} is below the goal's ${GOAL.ratePerS}/s` : '';
  line(`  ${verdict(`${who}: ${RATE}/s reached the backend within 5 %`, within5(atBackend, RATE) && !below, `${atBackend.toFixed(0)}/s${below}`)}`);
}

async function arrivalsHarness(): Promise<void> {
  const n = RATE * RATE_S;
  line(`\n## 2a. arrivals through ws-chaos (1 process) to 1 backend process: ${RATE}/s for ${RATE_S} s (${n} connections, ${load()})`);
  const cluster = await startBackendCluster(1, { logLevel: 'silent', keepalive: QUIET });
  try {
    const member = cluster.members[0];
    const watch = watchArrivals(cluster.members, n);
    const c0 = process.cpuUsage();
    const b0 = cpuMsOf(member.pid);
    const m = await runLoad({ profile: profileOf(member, QUIET), connections: n, plan: { stages: [{ fromPerS: RATE, toPerS: RATE, durationMs: 0 }] }, holdMs: 1000 });
    const c1 = process.cpuUsage(c0);
    const b1 = cpuMsOf(member.pid);
    const { perS, arrived } = await watch.stop();
    const dial = dialAccuracy(m.recorder.series.toJSON().map((s) => s.arrivals));
    line(`  ${dial.text}; at the backend: ${perS.toFixed(0)}/s = ${((100 * perS) / RATE).toFixed(1)} % of the requested rate (over 5–95 % of the ${arrived} that arrived)`);
    line(`  opened ${m.recorder.counters.opened}/${n}, diagnoses ${m.recorder.tally.failed}; connect p99 ${m.recorder.histograms.connect.at(99)} ms, upgrade p50/p99 ${m.recorder.histograms.upgrade.at(50)}/${m.recorder.histograms.upgrade.at(99)} ms; ${saturation(m.lag)}`);
    const backendUs = b0 !== undefined && b1 !== undefined ? `, the backend ${(((b1 - b0) * 1000) / n).toFixed(0)} µs` : '';
    line(`  CPU per connection (dial, open, welcome, 1 s, close): the harness ${((c1.user + c1.system) / n).toFixed(0)} µs${backendUs}: at that cost one core does about ${(1e6 / Math.max(1, (c1.user + c1.system) / n)).toFixed(0)} harness${backendUs ? ` and ${(1e6 / Math.max(1, ((b1! - b0!) * 1000) / n)).toFixed(0)} backend` : ''} connections a second`);
    arrivalVerdicts('ws-chaos, 1 harness + 1 backend process', dial.mean, perS);
    sideBySide.push({ who: 'ws-chaos, 1 harness + 1 backend process', atBackend: perS, dialled: dial.mean });
  } finally {
    await cluster.close();
  }
}

/** 2c: the same arrivals over 2 harness worker processes and 2 backend processes (2 cores: each core runs one of each). */
async function arrivalsMulti(): Promise<void> {
  const n = RATE * RATE_S;
  const procs = 2;
  line(`\n## 2c. arrivals through ws-chaos, ${procs} harness workers to ${procs} backend processes: ${RATE}/s for ${RATE_S} s (${n} connections, ${load()})`);
  const cluster = await startBackendCluster(procs, { logLevel: 'silent', keepalive: QUIET });
  try {
    const targets = cluster.members.map((m) => profileOf(m, QUIET));
    const pids = cluster.members.map((m) => m.pid);
    const watch = watchArrivals(cluster.members, n);
    const b0 = cpuMsOfAll(pids);
    const r = await runLoadWorkers({ workers: procs, profile: targets[0], targets, connections: n, plan: { stages: [{ fromPerS: RATE, toPerS: RATE, durationMs: 0 }] }, holdMs: 1000, thresholds: [], deadlineMs: 120_000 });
    const b1 = cpuMsOfAll(pids);
    const { perS, arrived } = await watch.stop();
    const dial = dialAccuracy(r.series.map((s) => s.arrivals));
    line(`  ${dial.text} (the workers' series merged); at the backends: ${perS.toFixed(0)}/s = ${((100 * perS) / RATE).toFixed(1)} % of the requested rate (over 5–95 % of the ${arrived} that arrived)`);
    line(`  opened ${r.totals.opened}/${n}, failed ${r.totals.failed}${r.diagnoses[0] ? ` (most: ${r.diagnoses[0].code} × ${r.diagnoses[0].count})` : ''}; harness lag max ${r.harness.lagMaxMs} ms, saturated ${r.harness.saturatedSeconds}/${r.harness.seconds} s${r.harness.saturatedSeconds > 0 ? ' (SATURATED)' : ''}${b0 !== undefined && b1 !== undefined ? `; backend CPU ${(((b1 - b0) * 1000) / n).toFixed(0)} µs per connection` : ''}`);
    arrivalVerdicts(`ws-chaos, ${procs} harness + ${procs} backend processes`, dial.mean, perS);
    sideBySide.push({ who: `ws-chaos, ${procs} harness + ${procs} backend processes`, atBackend: perS, dialled: dial.mean });
  } finally {
    await cluster.close();
  }
}

const sideBySide: Array<{ who: string; atBackend: number; dialled?: number }> = [];

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
  line(`\n## 2b. the same arrival profile through Artillery's ws engine (1 process) to 1 backend process (${load()})`);
  const dir = process.env.BENCH_ARTILLERY_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wsc-artillery-'));
  // A folder made here is removed here; BENCH_ARTILLERY_DIR (an install to reuse) is kept.
  const own = process.env.BENCH_ARTILLERY_DIR === undefined;
  try {
    await artilleryIn(dir);
  } finally {
    if (own) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function artilleryIn(dir: string): Promise<void> {
  const n = RATE * RATE_S;
  const bin = fs.existsSync(path.join(dir, 'node_modules', '.bin', 'artillery')) ? path.join(dir, 'node_modules', '.bin', 'artillery') : installArtillery(dir);
  if (typeof bin !== 'string') {
    line(`  Artillery could not be installed into ${dir}: ${bin.why}`);
    return;
  }
  const cluster = await startBackendCluster(1, { logLevel: 'silent', keepalive: QUIET });
  try {
    const member = cluster.members[0];
    const config = path.join(dir, 'bench-ws.yml');
    fs.writeFileSync(config, [`config:`, `  target: "${member.wsUrl}?token=${member.token}"`, `  phases:`, `    - duration: ${RATE_S}`, `      arrivalRate: ${RATE}`, `scenarios:`, `  - engine: ws`, `    flow:`, `      - think: ${ARTILLERY_THINK_S}`, ''].join('\n'));
    const watch = watchArrivals(cluster.members, n);
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
    arrivalVerdicts('Artillery', undefined, perS);
    sideBySide.push({ who: 'Artillery ws engine, 1 process + 1 backend process', atBackend: perS });
  } finally {
    await cluster.close();
  }
}

async function workers(): Promise<void> {
  const procs = 3;
  line(`\n## 3. ${WORKERS_N} connections over ${procs} harness worker processes and ${procs} backend processes, 1 Hz app keepalive, held ${HOLD_S} s (${load()})`);
  if (perThousand.harness !== undefined) {
    // The 1 Hz cost measured in section 1, scaled: what holding WORKERS_N would take of this machine.
    const cores = (WORKERS_N / 1000) * (perThousand.harness + (perThousand.backend ?? 0)) / 100;
    line(`  at section 1's 1 Hz cost (harness ${perThousand.harness.toFixed(2)} %${perThousand.backend !== undefined ? ` + backend ${perThousand.backend.toFixed(2)} %` : ''} of a core per 1 000), ${WORKERS_N} connections need about ${cores.toFixed(1)} cores${perThousand.backend === undefined ? ' for the harness alone' : ''}; this machine has ${os.cpus().length}`);
  }
  const cluster = await startBackendCluster(procs, { logLevel: 'silent', keepalive: ONE_HZ });
  try {
    const targets = cluster.members.map((m) => profileOf(m, ONE_HZ));
    const r = await runLoadWorkers({ workers: procs, profile: targets[0], targets, connections: WORKERS_N, plan: { stages: [{ fromPerS: HOLD_RATE, toPerS: HOLD_RATE, durationMs: 0 }] }, holdMs: HOLD_S * 1000, thresholds: [], deadlineMs: 180_000 });
    const backendCounts = r.series.filter((s) => s.open > 0).map((s) => s.open);
    line(`  peak open ${r.totals.peakOpen}/${WORKERS_N} (most held in one second: ${Math.max(0, ...backendCounts)}), welcomed ${r.totals.welcomed}, failed ${r.totals.failed}${r.diagnoses[0] ? ` (most: ${r.diagnoses[0].code} × ${r.diagnoses[0].count})` : ''}, ended by the server ${r.totals.endedByServer}`);
    line(`  welcome p50/p99 ${r.latency.welcome.p50}/${r.latency.welcome.p99} ms (merged histograms); harness lag max ${r.harness.lagMaxMs} ms, saturated ${r.harness.saturatedSeconds}/${r.harness.seconds} s${r.harness.note ? `: ${r.harness.note}` : ''}`);
    line(`  ${verdict(`${GOAL.workersTotal} held across worker processes at 1 Hz`, r.totals.peakOpen >= GOAL.workersTotal && r.totals.failed === 0, `peak ${r.totals.peakOpen}, ${r.totals.failed} failed${WORKERS_N < GOAL.workersTotal ? `; BENCH_WORKERS_TOTAL=${WORKERS_N} is below the goal` : ''}`)}`);
  } finally {
    await cluster.close();
  }
}

async function main(): Promise<void> {
  line(`# ws-chaos load benchmark (${os.cpus().length} cores, Node ${process.version}, fd limit per process ${execFileSync('sh', ['-c', 'ulimit -n']).toString().trim()}, load average ${os.loadavg()[0].toFixed(1)})`);
  const only = process.env.BENCH_ONLY?.split(',');
  const parts: Array<[string, () => Promise<void>]> = [['hold', hold], ['arrivals', arrivalsHarness], ['artillery', arrivalsArtillery], ['arrivals-multi', arrivalsMulti], ['workers', workers]];
  for (const [name, run] of parts) {
    if (only && !only.includes(name)) continue;
    try {
      await run();
    } catch (e) {
      line(`  ${name} failed: ${(e as Error).message}`);
    }
  }
  if (sideBySide.length) {
    line(`\n## Arrivals side by side (${RATE}/s requested; at the backend, over 5–95 % of the arrivals)`);
    for (const r of sideBySide) line(`  ${r.who}: ${r.atBackend.toFixed(0)}/s at the backend${r.dialled !== undefined ? `, ${r.dialled.toFixed(0)}/s dialled (harness clock)` : ''}`);
  }
  line(`\n## Goals (issue 12, Performance; ${load()} at the end)`);
  for (const v of verdicts) line(`  ${v}`);
}

void main();
