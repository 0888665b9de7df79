/**
 * Running the real `ws-chaos` CLI (what `pnpm scenarios` runs) from a test: tsx, bounded,
 * and killed (with its process group) if the test ends first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const running = new Set<ChildProcess>();

// eslint-disable-next-line no-control-regex
export const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, NO_COLOR: '1' };
  delete env.WSC_RUN;
  delete env.FORCE_COLOR;
  delete env.GITHUB_STEP_SUMMARY;
  const child = spawn(process.execPath, [TSX_CLI, join(ROOT, 'cli/main.ts'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      killCli(child);
      fail(new Error(`ws-chaos ${args.join(' ')} did not finish in ${opts.timeoutMs ?? 60_000} ms\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      running.delete(child);
      fail(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      done({ code, stdout: stripAnsi(stdout), stderr: stripAnsi(stderr) });
    });
  });
}

function killCli(child: ChildProcess): void {
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** For afterAll: kill any CLI still running (a test that failed or timed out). */
export function killAllClis(): void {
  for (const c of running) killCli(c);
  running.clear();
}
