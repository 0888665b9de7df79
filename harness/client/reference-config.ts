/**
 * The reference client's configuration from a client profile: the profile's policy, scaled
 * by its timeScale, in the mode (correct, or one of the bugs) under test.
 */
import type { ClientMode, ReferenceClientConfig } from '../../client/reference-client.js';
import { scaledPolicy } from './policy.js';
import type { ClientProfile } from './profile.js';

export function referenceClientConfig(profile: ClientProfile, mode: ClientMode, url: string): ReferenceClientConfig {
  const p = scaledPolicy(profile);
  return {
    url,
    mode,
    maxRetries: p.maxRetries,
    backoff: { ...p.backoff },
    resetAfterStableMs: p.resetAfterStableMs,
    fatalCloseCodes: [...p.fatalCloseCodes],
    resumeEveryMs: p.resumeEveryMs,
    ping: p.ping,
    messages: { ping: profile.messages.ping, pong: profile.messages.pong, idField: profile.messages.idField, ...(profile.messages.text ? { text: { ...profile.messages.text } } : {}) },
  };
}
