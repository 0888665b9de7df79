/** Redact a scenario result with the profile's own secrets and auth parameter. */
import type { Profile } from '../profile/schema';
import { redact, type RedactOptions } from '../redact';
import type { ScenarioResult } from '../results';

export function redactOptionsFor(profile: Profile | undefined): RedactOptions {
  if (!profile) return {};
  const auth = profile.auth;
  const secrets: string[] = [];
  const params: string[] = [];
  if (auth.mode === 'query') {
    secrets.push(auth.token);
    params.push(auth.param);
  } else if (auth.mode === 'header') secrets.push(auth.value.replace(/^\S+\s+/, ''), auth.value);
  else if (auth.mode === 'subprotocol') secrets.push(auth.protocol);
  return { secrets, params };
}

export function redactResult(result: ScenarioResult, profile: Profile | undefined): ScenarioResult {
  return redact(result, redactOptionsFor(profile));
}
