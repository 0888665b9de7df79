/**
 * The reference client's profile: incident 002's policy — backoff 1 s, 2 s, 4 s, capped at
 * 4 s (the 4th retry's 8 s is capped, so a client without the cap is caught), 4 retries, then
 * one attempt every 40 s until the server is back (1.6 s scaled: far above the 0.6 s stop window), the
 * counter reset after 25 s stable (1 s scaled: client/flap-bounded's 30 ms flaps reach a routed page
 * up to 170 ms late under load, and a 200 ms window reset the correct page's counter), app
 * pings every 10 s with an 8 s pong timeout, the server pinging every 10 s and waiting 10 s —
 * compressed by `timeScale` (0.04 by default: the 4 s cap becomes 160 ms) so every client
 * scenario runs in a few seconds and `pnpm scenarios --client` stays under 30 s (the stop
 * window, 2 capped delays + tolerance, and the retry window dominate every restart of the
 * client). The tolerance (absolute, 250 ms) covers event-loop and CDP noise on a busy two-core box.
 */
import { parseClientProfile, type ClientProfile, type ClientProfileInput } from './profile.js';

export const REFERENCE_TIME_SCALE = 0.04;

export const REFERENCE_CLIENT_PROFILE_INPUT: ClientProfileInput = {
  name: 'reference-client',
  timeScale: REFERENCE_TIME_SCALE,
  reconnect: {
    maxRetries: 4,
    backoff: { baseMs: 1000, factor: 2, capMs: 4000, jitterRatio: 0.1 },
    resetAfterStableMs: 25_000,
    fatalCloseCodes: [1008],
    resumeEveryMs: 40_000,
  },
  ping: { intervalMs: 10_000, timeoutMs: 8000 },
  serverPing: { intervalMs: 10_000, timeoutMs: 10_000 },
  toleranceMs: 250,
};

export function referenceClientProfile(overrides: Partial<ClientProfileInput> = {}): ClientProfile {
  return parseClientProfile({ ...REFERENCE_CLIENT_PROFILE_INPUT, ...overrides }, {}, 'reference');
}
