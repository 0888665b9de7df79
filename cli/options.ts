/**
 * The flags, normalised and cross-checked before anything runs: relative paths resolve against
 * the directory the user ran pnpm from (INIT_CWD, which pnpm sets; else the working directory),
 * and flags that would otherwise be silently ignored are usage errors (exit 2).
 */
import { resolve } from 'node:path';
import { ConfigError } from '../harness/errors.js';
import type { RunOptions } from './run.js';

/** Where the user ran the command: pnpm runs scripts in the package root, but sets INIT_CWD. */
export function userCwd(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}

export function resolveUserPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(userCwd(env), path);
}

export function normaliseOptions(opts: RunOptions, env: NodeJS.ProcessEnv = process.env): RunOptions {
  if (opts.clientMode !== undefined && opts.client === undefined) {
    throw new ConfigError('WSC_ERR_USAGE', '--client-mode picks the reference client\'s mode and needs --client: run `pnpm scenarios --client --client-mode <mode>`.');
  }
  if (opts.fault !== undefined && opts.fault.trim() === '') {
    throw new ConfigError('WSC_ERR_USAGE', '--fault is empty: name at least one fault (see --list-faults), or drop the flag.');
  }
  const at = (p: string | undefined): string | undefined => (p === undefined ? undefined : resolveUserPath(p, env));
  return {
    ...opts,
    profile: at(opts.profile),
    out: resolveUserPath(opts.out, env),
    baseline: at(opts.baseline),
    client: typeof opts.client === 'string' ? resolveUserPath(opts.client, env) : opts.client,
  };
}
