/**
 * What the CLI hands to the client scenarios' Playwright run, through the WSC_CLIENT_RUN
 * environment variable (never a file: a profile can hold secrets): the validated client
 * profile and, for the built-in reference page, the reference client's mode.
 */
import type { ClientMode } from '../../client/reference-client.js';
import type { ClientProfile, ClientProfileInput } from './profile.js';

export const CLIENT_RUN_ENV = 'WSC_CLIENT_RUN';

export interface ClientRunConfig {
  /** The client under test (validated again by the spec); absent: the reference client page. */
  profile?: ClientProfile | ClientProfileInput;
  /** The reference page's mode when there is no profile (default 'correct'). */
  referenceMode?: ClientMode;
}

export function readClientRunConfig(env: NodeJS.ProcessEnv = process.env): ClientRunConfig {
  const raw = env[CLIENT_RUN_ENV];
  return raw ? (JSON.parse(raw) as ClientRunConfig) : {};
}

export function clientRunEnv(config: ClientRunConfig): Record<string, string> {
  return { [CLIENT_RUN_ENV]: JSON.stringify(config) };
}
