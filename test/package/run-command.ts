/**
 * One bounded command of the package check: its own process group, killed (the whole group)
 * when it outlives `timeoutMs`; output captured. The environment is the user's, not this
 * repository's: no pnpm/npm script variables (INIT_CWD would move ws-chaos's working directory),
 * no vitest markers, and no node_modules/.bin of this repository on PATH.
 */
import { spawn } from 'node:child_process';
import { dirname, sep } from 'node:path';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const DROPPED_ENV = /^(npm_|INIT_CWD$|PNPM_|VITEST|TEST$|NODE_OPTIONS$|WSC_|TINYPOOL)/;

/** The environment of a user's shell: this Node first on PATH, nothing of this repository. */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!DROPPED_ENV.test(k)) env[k] = v;
  const path = (env.PATH ?? '').split(':').filter((p) => p && !p.includes(`${sep}node_modules${sep}`));
  env.PATH = [dirname(process.execPath), ...path].join(':');
  return { ...env, CI: 'true', ...extra };
}

export function runCommand(command: string, args: string[], opts: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? userEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}${e.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** A failed command's story for an assertion message. */
export function describeRun(what: string, r: CommandResult): string {
  const tail = (s: string): string => s.split('\n').slice(-25).join('\n');
  return `${what}: exit ${r.code}${r.timedOut ? ' (timed out, killed)' : ''}\n--- stdout\n${tail(r.stdout)}\n--- stderr\n${tail(r.stderr)}`;
}
