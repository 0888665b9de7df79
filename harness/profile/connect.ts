/**
 * Turning a profile into dial options: the URL with the auth parameter, the headers, the
 * subprotocols — for a valid client and for an invalid-auth one.
 */
import type { Profile } from './schema';

export interface DialSpec {
  url: string;
  headers: Record<string, string>;
  protocols: string[];
}

export function dialSpec(profile: Profile, variant: 'valid' | 'invalid' = 'valid'): DialSpec {
  const url = new URL(profile.url);
  const headers: Record<string, string> = { ...(profile.headers ?? {}) };
  const protocols: string[] = [];
  const auth = profile.auth;
  const bad = profile.invalidAuth?.token;
  switch (auth.mode) {
    case 'query':
      if (variant === 'valid') url.searchParams.set(auth.param, auth.token);
      else if (bad) url.searchParams.set(auth.param, bad);
      break;
    case 'header':
      if (variant === 'valid') headers[auth.header] = auth.value;
      else if (bad) headers[auth.header] = auth.value.replace(/\S+$/, bad);
      break;
    case 'subprotocol':
      if (variant === 'valid') protocols.push(auth.protocol);
      else if (bad) protocols.push(bad);
      break;
    case 'none':
      break;
  }
  return { url: url.toString(), headers, protocols };
}
