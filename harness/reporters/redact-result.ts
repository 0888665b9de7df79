/** Redact a scenario result with the profile's own secrets and auth parameter. */
import type { Profile } from '../profile/schema.js';
import { urlCredentials } from '../profile/url.js';
import { isCredentialParam, redact, type RedactOptions } from '../redact.js';
import type { ScenarioResult } from '../results.js';

/** Header names whose values a profile may use to carry a credential. */
const SECRET_HEADER = /authorization|cookie|token|secret|api[-_]?key|session|password/i;

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
  else if (auth.mode === 'message' && typeof auth.send[auth.tokenField] === 'string') secrets.push(auth.send[auth.tokenField] as string);
  // Credentials in the profile's own URL, so that an echo of the bare value is caught too.
  secrets.push(...urlSecrets(profile.url, params));
  // Extra headers that carry credentials (Cookie: session=..., X-Api-Key: ...).
  for (const [name, value] of Object.entries({ ...profile.upgrade.headers, ...profile.health?.headers })) {
    if (!SECRET_HEADER.test(name)) continue;
    secrets.push(value);
    for (const part of value.split(/[;\s]+/)) {
      const v = part.includes('=') ? part.slice(part.indexOf('=') + 1) : part;
      if (v.length >= 8) secrets.push(v);
    }
  }
  // Longest first, so a secret is never half-replaced by a shorter one it contains.
  return { secrets: secrets.sort((a, b) => b.length - a.length), params };
}

function urlSecrets(url: string, named: readonly string[]): string[] {
  const parts = urlCredentials(url);
  if (!parts) return [];
  const out: string[] = [];
  for (const [name, value] of parts.query) if (isCredentialParam(name, named)) out.push(value);
  if (parts.password) out.push(parts.password);
  else if (parts.username) out.push(parts.username);
  return out.filter((v) => v.length >= 4);
}

export function redactResult(result: ScenarioResult, profile: Profile | undefined): ScenarioResult {
  return redact(result, redactOptionsFor(profile));
}
