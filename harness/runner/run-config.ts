/**
 * What a run is: which target (the reference backend and the faults it plays, or an external
 * profile), which Toxiproxy serves the chaos scenarios, where the reports go. The CLI writes it
 * as a FILE in the run directory (mode 0600, since a profile can hold secrets; deleted when the
 * run ends) and WSC_RUN holds only its path. The runner's worker fixtures (fixtures/) read it and
 * START what it describes. A run without the CLI (`npx playwright test -c <ws-chaos's config>`)
 * has no file and runs `defaultRunConfig()`: the reference backend, no faults, Toxiproxy auto.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ClientRunConfig } from '../client/run-config.js';
import type { ActiveFault } from '../faults/spec.js';
import type { Profile } from '../profile/schema.js';
import type { BaselineRef } from '../reporters/baseline.js';
import type { WarmupResult } from '../warmup.js';

export const RUN_ENV = 'WSC_RUN';
/** Set by the CLI when the runner has an IPC channel to it (see orphan.ts). */
export const IPC_ENV = 'WSC_RUN_IPC';
/** The run config's file name in the run directory. */
export const RUN_CONFIG_FILE = '.run-config.json';
/** Where a worker fixture records an environment failure (a Toxiproxy that cannot start...). */
export const ENVIRONMENT_ERROR_FILE = '.environment-error.json';
/**
 * The attachment a spec adds to each scenario's test: what its worker fixtures started (the
 * target's URL, redacted, and the Toxiproxy), for results.json's `target.url` and `proxy`.
 */
export const TARGET_ATTACHMENT = 'ws-chaos-target';
export interface TargetAttachment {
  url: string;
  proxy: { provider: string; version: string } | null;
}
/** The Toxiproxy spec of a run that names none (the CLI's `--toxiproxy` default). */
export const DEFAULT_TOXIPROXY_SPEC = 'auto';

export interface RunConfig {
  /** The external backend's profile; absent for the reference backend (its fixture makes one) and client runs. */
  profile?: Profile;
  /** Client runs: the client profile (or the reference page's mode). */
  client?: ClientRunConfig;
  /** The reference backend the worker fixture starts (target.kind 'reference'). */
  reference?: { faults: ActiveFault[]; logLevel?: string };
  /** Which Toxiproxy the chaos scenarios' worker fixture starts or uses: auto | embedded | binary | container | <url>. */
  toxiproxy?: string;
  /** The backend or client under test, as reported; `profile` is its profile's name ('' url: started by the fixture). */
  target: { url: string; profile: string; kind: 'reference' | 'external' | 'client'; faults: string[] };
  outDir: string;
  startedAt: string;
  quiet: boolean;
  verbose: boolean;
  /** `--baseline`, already loaded and checked by the CLI: the verdicts to compare with. */
  baseline?: BaselineRef;
  /** The warm-up's result, when the profile has a `warmup` part (measured by the CLI before the run). */
  warmup?: WarmupResult;
  /** The user's scenario files (config `scenarioFiles`), absolute: the specs import them and run them like built-ins. */
  scenarioFiles?: string[];
  /** Config `expectedFailures`: scenario id → the diagnosis code it is known to fail with (harness/expected-failures.ts). */
  expectedFailures?: Record<string, string>;
  /** Config `reporters`: which outputs besides results.json to write (absent: all of them). */
  reporters?: Array<'junit' | 'summary' | 'html' | 'timelines'>;
  /** `--asyncapi` (config `asyncapi`): the AsyncAPI document every message is validated against, absolute. */
  asyncapi?: string;
  /** `--shard i/n`: this run is one slice (the runner also writes a blob report for `ws-chaos merge`). */
  shard?: { current: number; total: number };
}

/** The run of `npx playwright test -c <ws-chaos's config>` with no CLI: every built-in scenario, reference backend, chaos included. */
export function defaultRunConfig(cwd: string = process.cwd()): RunConfig {
  return {
    reference: { faults: [] },
    toxiproxy: DEFAULT_TOXIPROXY_SPEC,
    target: { url: '', profile: 'reference-backend', kind: 'reference', faults: [] },
    outDir: resolve(cwd, 'reports'),
    startedAt: new Date().toISOString(),
    quiet: false,
    verbose: false,
  };
}

let cached: { file: string; config: RunConfig } | undefined;

/** The run config file WSC_RUN names; undefined when there is none (a run without the CLI). */
export function readRunConfig(env: NodeJS.ProcessEnv = process.env): RunConfig | undefined {
  const file = env[RUN_ENV];
  if (!file) return undefined;
  if (cached?.file === file) return cached.config;
  const config = JSON.parse(readFileSync(file, 'utf8')) as RunConfig;
  cached = { file, config };
  return config;
}

let fallback: RunConfig | undefined;

/** This process's run: the run config file, or (no CLI) the defaults, made once per process. */
export function currentRunConfig(env: NodeJS.ProcessEnv = process.env): RunConfig {
  const fromFile = readRunConfig(env);
  if (fromFile) return fromFile;
  fallback ??= defaultRunConfig();
  return fallback;
}

/** Write the config into its run directory, readable by this user only; returns the file's path. */
export function writeRunConfigFile(config: RunConfig): string {
  const file = join(config.outDir, RUN_CONFIG_FILE);
  writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
  return file;
}

export function removeRunConfigFile(file: string): void {
  rmSync(file, { force: true });
}

/** An environment (3) or config (2) failure a worker fixture met; the CLI exits with it. */
export interface RecordedEnvironmentError {
  code: string;
  message: string;
  exitCode: 2 | 3;
}

export function writeEnvironmentError(outDir: string, e: RecordedEnvironmentError): void {
  writeFileSync(join(outDir, ENVIRONMENT_ERROR_FILE), JSON.stringify(e), { mode: 0o600 });
}

export function readEnvironmentError(outDir: string): RecordedEnvironmentError | undefined {
  const file = join(outDir, ENVIRONMENT_ERROR_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RecordedEnvironmentError;
  } catch {
    // Being written by a worker this very moment: the next reader sees it whole.
    return undefined;
  }
}

export function removeEnvironmentError(outDir: string): void {
  rmSync(join(outDir, ENVIRONMENT_ERROR_FILE), { force: true });
}
