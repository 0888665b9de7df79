/**
 * What the CLI hands to the Playwright run: the resolved profile and what the target is. It
 * travels as a FILE in the run directory (mode 0600, since a profile can hold secrets; deleted
 * when the run ends), and the WSC_RUN environment variable holds only its path: a profile of
 * any size fits (the whole config in the environment failed with E2BIG past ~128 KiB).
 * Runs started without the CLI (the global setup) put the small JSON in WSC_RUN itself.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientRunConfig } from '../client/run-config.js';
import type { Profile } from '../profile/schema.js';
import type { ContainerAddressMap } from '../proxy/address-map.js';
import type { BaselineRef } from '../reporters/baseline.js';
import type { WarmupResult } from '../warmup.js';

export const RUN_ENV = 'WSC_RUN';
/** Set by the CLI when the runner has an IPC channel to it (see orphan.ts). */
export const IPC_ENV = 'WSC_RUN_IPC';
/** The run config's file name in the run directory. */
export const RUN_CONFIG_FILE = '.run-config.json';

export interface RunConfig {
  /** The backend profile; absent in client runs (`--client`), which carry theirs in `client`. */
  profile?: Profile;
  /** Client runs: the client profile (or the reference page's mode). */
  client?: ClientRunConfig;
  /** The backend or client under test; `profile` is its profile's name. */
  target: { url: string; profile: string; kind: 'reference' | 'external' | 'client'; faults: string[] };
  /** The run's Toxiproxy (chaos scenarios), or null. */
  proxy: { provider: string; version: string; url: string; addressMap?: ContainerAddressMap } | null;
  outDir: string;
  startedAt: string;
  quiet: boolean;
  verbose: boolean;
  /** `--baseline`, already loaded and checked by the CLI: the verdicts to compare with. */
  baseline?: BaselineRef;
  /** The warm-up's result, when the profile has a `warmup` part (measured by the CLI before the run). */
  warmup?: WarmupResult;
}

let cached: { raw: string; config: RunConfig } | undefined;

export function readRunConfig(env: NodeJS.ProcessEnv = process.env): RunConfig | undefined {
  const raw = env[RUN_ENV];
  if (!raw) return undefined;
  if (cached?.raw === raw) return cached.config;
  const config = JSON.parse(raw.trimStart().startsWith('{') ? raw : readFileSync(raw, 'utf8')) as RunConfig;
  cached = { raw, config };
  return config;
}

/** For runs without the CLI: the config itself in the environment (it holds no user profile). */
export function writeRunConfig(config: RunConfig, env: NodeJS.ProcessEnv = process.env): void {
  env[RUN_ENV] = JSON.stringify(config);
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
