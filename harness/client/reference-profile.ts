/**
 * The reference client's profile: incident 002's policy — backoff 1 s, 2 s, 4 s ... capped at
 * 10 s, 5 retries, app pings every 20 s with a 10 s pong timeout, the server pinging every
 * 25 s and waiting 20 s — compressed by `timeScale` (0.04 by default: the 10 s cap becomes
 * 400 ms) so every client scenario runs in a few seconds. The tolerance (absolute, 250 ms)
 * covers event-loop and CDP noise on a busy two-core box.
 */
import { parseClientProfile, type ClientProfile, type ClientProfileInput } from './profile.js';

export const REFERENCE_TIME_SCALE = 0.04;

export const REFERENCE_CLIENT_PROFILE_INPUT: ClientProfileInput = {
  name: 'reference-client',
  timeScale: REFERENCE_TIME_SCALE,
  reconnect: {
    maxRetries: 5,
    backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0.1 },
    resetAfterStableMs: 5000,
    fatalCloseCodes: [1008],
  },
  ping: { intervalMs: 20_000, timeoutMs: 10_000 },
  serverPing: { intervalMs: 25_000, timeoutMs: 20_000 },
  toleranceMs: 250,
};

export function referenceClientProfile(overrides: Partial<ClientProfileInput> = {}): ClientProfile {
  return parseClientProfile({ ...REFERENCE_CLIENT_PROFILE_INPUT, ...overrides }, {}, 'reference');
}
