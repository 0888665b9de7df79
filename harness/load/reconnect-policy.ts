/**
 * How the clients of a deploy storm reconnect after the backend dropped them: a reconnect
 * policy is a retry bound and a delay per retry. Named ones: `jittered` (the default, incident
 * 002's policy — 1 s, 2 s, 4 s … capped at 10 s, 5 retries — with FULL jitter: each delay drawn
 * uniformly from [0, delay]), `no-jitter` (the same schedule, every client on the same beat) and
 * `immediate` (retry at once, every time). Or a client profile's (`--reconnect-policy
 * <client-profile.json>`): its maxRetries, backoff and jitterRatio (± that fraction), scaled by
 * its timeScale, read with the one client-profile loader. Pure apart from loading a file; the
 * random source is injectable so tests are exact.
 */
import { ConfigError } from '../errors.js';
import { expectedDelayMs, scaledPolicy, type ScaledBackoff } from '../client/policy.js';
import { loadClientProfile } from '../client/profile.js';
import { RECOMMENDED_POLICY } from '../client/recommended.js';

export const NAMED_POLICIES = ['jittered', 'no-jitter', 'immediate'] as const;
export type NamedPolicy = (typeof NAMED_POLICIES)[number];

export interface ReconnectPolicy {
  /** `jittered`, `no-jitter`, `immediate`, or `client profile <name>`. */
  name: string;
  /** Retries after the connection was lost (attempt 1 is the first retry). */
  maxRetries: number;
  /** The delay before retry `retry` (1-based), `random()` in [0, 1). */
  delayMs(retry: number, random?: () => number): number;
  /** Whether two clients that lost their connection at the same moment can retry at different moments. */
  jittered: boolean;
}

const INCIDENT_002: ScaledBackoff = { ...RECOMMENDED_POLICY.backoff, jitterRatio: 0 };

/** Scale every duration of a named policy (a compressed storm in a test: 0.1 → 100 ms, 200 ms ...). */
export function namedPolicy(name: NamedPolicy, timeScale = 1): ReconnectPolicy {
  const maxRetries = RECOMMENDED_POLICY.maxRetries;
  const scaled = (retry: number): number => expectedDelayMs(retry, INCIDENT_002) * timeScale;
  switch (name) {
    case 'jittered':
      return { name, maxRetries, jittered: true, delayMs: (retry, random = Math.random) => random() * scaled(retry) };
    case 'no-jitter':
      return { name, maxRetries, jittered: false, delayMs: (retry) => scaled(retry) };
    case 'immediate':
      return { name, maxRetries, jittered: false, delayMs: () => 0 };
  }
}

/** A client profile's policy: its schedule ± its jitterRatio (absent: the recommended ± 20 %). */
export function profilePolicy(profileName: string, backoff: ScaledBackoff, maxRetries: number): ReconnectPolicy {
  const ratio = backoff.jitterRatio;
  return {
    name: `client profile ${profileName}`,
    maxRetries,
    jittered: ratio > 0,
    delayMs: (retry, random = Math.random) => Math.max(0, expectedDelayMs(retry, backoff) * (1 + ratio * (2 * random() - 1))),
  };
}

/**
 * `--reconnect-policy <value>`: a named policy, or the path of a client profile (a .json file).
 * Anything else is a usage error naming both forms.
 */
export function parseReconnectPolicy(value: string, timeScale = 1): ReconnectPolicy {
  const v = value.trim();
  if ((NAMED_POLICIES as readonly string[]).includes(v)) return namedPolicy(v as NamedPolicy, timeScale);
  if (!/\.json$/i.test(v)) {
    throw new ConfigError('WSC_ERR_USAGE', `--reconnect-policy "${value}" is neither a named policy nor a client profile: use ${NAMED_POLICIES.join(', ')}, or the path of a client profile (.json) whose reconnect.maxRetries / backoff / jitterRatio to follow.`);
  }
  const profile = loadClientProfile(v);
  const policy = scaledPolicy(profile);
  return profilePolicy(profile.name, policy.backoff, policy.maxRetries);
}
