/**
 * What the CLI hands to the Playwright run (through the WSC_RUN environment variable, never a
 * file, since the profile can hold secrets): the resolved profile and what the target is.
 */
import type { Profile } from '../profile/schema';
import type { BaselineRef } from '../reporters/baseline';

export const RUN_ENV = 'WSC_RUN';

export interface RunConfig {
  /** The backend profile; absent in client runs (`--client`), which carry theirs in WSC_CLIENT_RUN. */
  profile?: Profile;
  /** The backend or client under test; `profile` is its profile's name. */
  target: { url: string; profile: string; kind: 'reference' | 'external' | 'client'; faults: string[] };
  /** The run's Toxiproxy (chaos scenarios), or null. */
  proxy: { provider: string; version: string; url: string } | null;
  outDir: string;
  startedAt: string;
  quiet: boolean;
  verbose: boolean;
  /** `--baseline`, already loaded and checked by the CLI: the verdicts to compare with. */
  baseline?: BaselineRef;
}

export function readRunConfig(env: NodeJS.ProcessEnv = process.env): RunConfig | undefined {
  const raw = env[RUN_ENV];
  if (!raw) return undefined;
  return JSON.parse(raw) as RunConfig;
}

export function writeRunConfig(config: RunConfig, env: NodeJS.ProcessEnv = process.env): void {
  env[RUN_ENV] = JSON.stringify(config);
}
