/**
 * How a good client answers a profile's app keepalives: which inbound message is a server
 * keepalive ping, and the reply it gets (the keepalive's `reply`, with the ping's id echoed
 * in `idField`). One rule for every client ws-chaos plays: the probe of a scenario
 * (run-scenario.ts) and each connection of a load run (load/connection.ts).
 */
import { matches } from './match.js';
import { keepalivesOf, type Profile } from './profile/schema.js';

export interface AppKeepaliveAnswer {
  isPing: (msg: unknown) => boolean;
  reply: (msg: unknown) => unknown;
}

/** The answerer for every declared app keepalive (a backend may run several), or undefined when none is declared. */
export function appKeepaliveAnswer(profile: Pick<Profile, 'keepalive'> & { keepalives?: Profile['keepalives'] }): AppKeepaliveAnswer | undefined {
  const appKeepalives = keepalivesOf(profile).filter((k) => k.kind !== 'protocol');
  if (appKeepalives.length === 0) return undefined;
  const keepaliveFor = (m: unknown) => appKeepalives.find((k) => matches(m, k.match));
  return {
    isPing: (m) => keepaliveFor(m) !== undefined,
    reply: (m) => {
      const ka = keepaliveFor(m);
      if (!ka) return undefined;
      const id = ka.idField ? (m as Record<string, unknown>)[ka.idField] : undefined;
      return id === undefined || !ka.idField ? ka.reply : { ...ka.reply, [ka.idField]: id };
    },
  };
}
