/**
 * The flags, normalised and cross-checked before anything runs: relative paths resolve against
 * the directory the user ran pnpm from (INIT_CWD, which pnpm sets; else the working directory),
 * and flags that would otherwise be silently ignored are usage errors (exit 2). The config file
 * (`--config`, or ws-chaos.config.* in that directory) fills every option the command line did
 * not give: flags override the file, field by field.
 */
import { resolve } from 'node:path';
import { findConfigFile, loadConfigFile, type ConfigFile } from '../harness/config/load.js';
import { loadScenarioFiles } from '../harness/config/scenario-files.js';
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
    asyncapi: at(opts.asyncapi),
    client: typeof opts.client === 'string' ? resolveUserPath(opts.client, env) : opts.client,
  };
}

/** Where an option's value came from (commander's getOptionValueSource): 'cli' and 'env' beat the file. */
export type OptionSource = (key: string) => string | undefined;

/** The config file to use: `--config <file>` (relative to the user's directory), else one found there. */
export function configFileFor(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flag !== undefined ? resolveUserPath(flag, env) : findConfigFile(userCwd(env));
}

/** The flags with the config file under them: a flag given on the command line wins over the file. */
export function applyConfigFile(flags: RunOptions, file: ConfigFile, source: OptionSource): RunOptions {
  const given = (key: string): boolean => source(key) === 'cli' || source(key) === 'env';
  const o: RunOptions = { ...flags };
  const take = <K extends keyof RunOptions>(key: K, value: RunOptions[K] | undefined): void => {
    if (value !== undefined && !given(key)) o[key] = value;
  };
  take('target', file.target);
  if (!given('profile') && file.profile !== undefined) {
    if (typeof file.profile === 'string') o.profile = file.profile;
    else {
      o.profileInline = file.profile;
      o.profileSource = file.file;
    }
  }
  // A --target or --profile on the command line points away from the reference backend: the file's faults do not apply.
  if (!given('target') && !given('profile')) take('fault', file.faults);
  if (!given('grep')) o.selection = file.scenarios;
  take('out', file.out);
  take('keep', file.keep);
  take('baseline', file.baseline);
  take('asyncapi', file.asyncapi);
  take('toxiproxy', file.toxiproxy);
  take('client', file.client);
  take('clientMode', file.clientMode);
  // --quiet and --verbose exclude each other: one of them on the command line replaces both of the file's.
  if (!given('quiet') && !given('verbose')) {
    o.quiet = file.quiet;
    o.verbose = file.verbose;
  }
  o.reporters = file.reporters;
  o.scenarioFiles = file.scenarioFiles;
  o.expectedFailures = file.expectedFailures;
  return o;
}

/** Flags → options: the config file applied (and its scenario files loaded), then normalised. */
export async function resolveOptions(flags: RunOptions & { config?: string }, source: OptionSource, env: NodeJS.ProcessEnv = process.env): Promise<RunOptions> {
  const { config, ...rest } = flags;
  const fileName = configFileFor(config, env);
  let opts: RunOptions = rest;
  if (fileName) {
    const file = await loadConfigFile(fileName);
    opts = applyConfigFile(rest, file, source);
    if (opts.quiet && opts.verbose) {
      throw new ConfigError('WSC_ERR_CONFIG', `${fileName}: quiet and verbose exclude each other: set one of them.`);
    }
    if (file.scenarioFiles.length) opts.userScenarios = await loadScenarioFiles(file.scenarioFiles);
  }
  return normaliseOptions(opts, env);
}
