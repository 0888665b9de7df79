/**
 * `--workers N`: a load run spread over N child processes on this machine, each holding a slice
 * of the connections (its share of the arrival rate too, so the whole still arrives on the plan),
 * aggregated into one result (merge.ts: histograms merged, never percentiles averaged). One
 * process holds about 20 000 sockets (its file-descriptor limit); workers go past that and past
 * one core. Each child (workers-child.ts) runs `runLoad` and sends its load.json back over IPC.
 * Bounded: a child that has not answered `deadlineMs` after the plan should have finished is
 * killed (by its PID) and the run fails with an environment error; every child is killed on abort.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../errors.js';
import type { Profile } from '../profile/schema.js';
import { mergeLoadResults } from './merge.js';
import { describePlan, type ArrivalPlan } from './schedule.js';
import type { LoadResult } from './result.js';

export interface WorkerSlice {
  profile: Profile;
  connections: number;
  plan: ArrivalPlan;
  holdMs: number;
  appPingEveryMs?: number;
  thresholds: string[];
}

/** The connections of worker `i` of `n` (the first ones take the remainder), and its share of the plan. */
export function sliceOf(total: number, plan: ArrivalPlan, i: number, n: number): { connections: number; plan: ArrivalPlan } {
  const connections = Math.floor(total / n) + (i < total % n ? 1 : 0);
  const share = total === 0 ? 0 : connections / total;
  return { connections, plan: { stages: plan.stages.map((s) => ({ ...s, fromPerS: s.fromPerS * share, toPerS: s.toPerS * share })) } };
}

const here = fileURLToPath(import.meta.url);
const CHILD = here.replace(/workers\.(ts|js)$/, 'workers-child.$1');

export interface WorkersOptions extends Omit<WorkerSlice, 'connections' | 'plan'> {
  workers: number;
  connections: number;
  plan: ArrivalPlan;
  /** Added to the expected run time before a silent child is killed (default 60 s). */
  deadlineMs?: number;
  /** Several backends (a multi-process backend on several ports): worker i dials targets[i mod length]; default: `profile` for all. */
  targets?: readonly Profile[];
  signal?: AbortSignal;
}

function runChild(slice: WorkerSlice, deadlineMs: number, signal?: AbortSignal): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(CHILD, [], { execArgv: CHILD.endsWith('.ts') ? ['--import', 'tsx'] : [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    let result: LoadResult | undefined;
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const kill = (): void => {
      if (child.pid !== undefined && child.exitCode === null) child.kill('SIGTERM');
    };
    const timer = setTimeout(kill, deadlineMs);
    const onAbort = (): void => void child.send?.({ abort: true });
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (m: { result?: LoadResult }) => {
      if (m.result) result = m.result;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (result) resolve(result);
      else reject(new EnvironmentError('WSC_ERR_ENVIRONMENT', `a load worker process exited (${code ?? 'killed'}) without a result${stderr ? `: ${stderr.trim().split('\n').at(-1)}` : ''}; run with fewer --workers or check the machine's process and file limits.`));
    });
    child.send({ slice });
  });
}

export async function runLoadWorkers(o: WorkersOptions): Promise<LoadResult> {
  const n = Math.max(1, Math.min(o.workers, o.connections || 1));
  const expectedMs = o.holdMs + (o.connections / Math.max(1, o.plan.stages[0]?.fromPerS || 1)) * 1000;
  const slices = Array.from({ length: n }, (_, i) => ({ ...sliceOf(o.connections, o.plan, i, n), profile: o.targets?.length ? o.targets[i % o.targets.length] : o.profile, holdMs: o.holdMs, appPingEveryMs: o.appPingEveryMs, thresholds: o.thresholds }));
  const parts = await Promise.all(slices.map((s) => runChild(s, expectedMs + (o.deadlineMs ?? 60_000), o.signal)));
  const merged = mergeLoadResults(parts);
  return { ...merged, plan: { ...merged.plan, arrival: describePlan(o.plan), stages: o.plan.stages }, parts: n };
}
