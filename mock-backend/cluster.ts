/**
 * The reference backend in several processes (`pnpm mock-backend --processes N`, the load
 * benchmark): N child processes (cluster-child.ts), each a full reference backend on its own
 * 127.0.0.1 port. One port per process, not one shared port (node:cluster, reusePort): a client
 * address reaches one port through at most the ephemeral port range (about 28 000 connections
 * here), and one process holds about 20 000 sockets (its file-descriptor limit), so 50 000
 * connections need several ports and several processes either way. The load spreads its
 * connections over `members` (e.g. harness worker i dials member i mod N); each member's health
 * count is its own. `close()` closes every member (1001 to its clients) and waits for its exit,
 * killing it by PID after a deadline.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../harness/index.js';
import type { BackendOptions } from './server.js';

export interface ClusterMember {
  wsUrl: string;
  healthUrl: string;
  token: string;
  pid: number;
}

export interface BackendCluster {
  members: ClusterMember[];
  close(): Promise<void>;
}

const here = fileURLToPath(import.meta.url);
const CHILD = here.replace(/cluster\.(ts|js)$/, 'cluster-child.$1');
const START_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 5000;

function startMember(options: BackendOptions): Promise<{ child: ChildProcess; member: ClusterMember }> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: CHILD.endsWith('.ts') ? ['--import', 'tsx'] : [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EnvironmentError('WSC_ERR_ENVIRONMENT', `a reference backend process did not start within ${START_TIMEOUT_MS} ms: check the machine's process limits, or use fewer --processes.`));
    }, START_TIMEOUT_MS);
    child.on('message', (m: { ready?: ClusterMember; error?: string }) => {
      clearTimeout(timer);
      if (m.ready) resolve({ child, member: m.ready });
      else reject(new EnvironmentError('WSC_ERR_ENVIRONMENT', `a reference backend process failed to start: ${m.error ?? 'no reason given'}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new EnvironmentError('WSC_ERR_ENVIRONMENT', `a reference backend process exited (${code}) before it listened.`));
    });
    child.send({ start: options });
  });
}

async function stopMember(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send({ close: true });
  const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

export async function startBackendCluster(processes: number, options: BackendOptions = {}): Promise<BackendCluster> {
  const started = await Promise.allSettled(Array.from({ length: processes }, () => startMember(options)));
  const ok = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(ok.map((m) => stopMember(m.child)));
    throw failed.reason;
  }
  return { members: ok.map((m) => m.member), close: async () => void (await Promise.all(ok.map((m) => stopMember(m.child)))) };
}
