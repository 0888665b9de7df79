/**
 * Turning a profile into dial options: the URL with the auth parameter, the headers, the
 * subprotocols (the profile's offered ones, then an auth subprotocol), whether to offer
 * permessage-deflate — for a valid client and for an invalid-auth one.
 */
import type { InvalidAuth, Profile } from './schema.js';
import { withQueryParam, type QueryParam } from './url.js';

export interface DialSpec {
  url: string;
  headers: Record<string, string>;
  protocols: string[];
  /** Offer permessage-deflate on the upgrade (upgrade.perMessageDeflate other than "off"). */
  perMessageDeflate: boolean;
}

/** `bad`: which invalid credential (default: the profile's primary `invalidAuth`). */
export function dialSpec(profile: Profile, variant: 'valid' | 'invalid' = 'valid', bad: InvalidAuth | undefined = profile.invalidAuth): DialSpec {
  let param: QueryParam | undefined;
  const headers: Record<string, string> = { ...(profile.upgrade.headers ?? {}) };
  const protocols: string[] = [...(profile.upgrade.subprotocols ?? [])];
  const auth = profile.auth;
  switch (auth.mode) {
    case 'query':
      if (variant === 'valid') param = { name: auth.param, value: auth.token };
      else if (bad?.token) param = { name: auth.param, value: bad.token };
      break;
    case 'header':
      if (variant === 'valid') headers[auth.header] = auth.value;
      else if (bad?.header) headers[auth.header] = bad.header;
      else if (bad?.token) headers[auth.header] = auth.value.replace(/\S+$/, bad.token);
      break;
    case 'subprotocol':
      if (variant === 'valid') protocols.push(auth.protocol);
      else if (bad?.token) protocols.push(bad.token);
      break;
    case 'message':
    case 'none':
      break;
  }
  return { url: withQueryParam(profile.url, param), headers, protocols, perMessageDeflate: profile.upgrade.perMessageDeflate !== 'off' };
}
