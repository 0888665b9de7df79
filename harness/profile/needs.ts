/**
 * `needs` narrows the profile: a scenario that declares `needs: ['welcome']` gets a profile
 * whose `welcome` is present (the engine skips the scenario on a profile without it), so it
 * reads `ctx.profile.welcome.budgetMs` with no `!`. Types only; the runtime check is hasPart.
 */
import type { InvalidAuth, Keepalive, Profile, ProfilePart } from './schema.js';

/**
 * The members of `N` that are of kind `R`, when `N` is a tuple of literals (what a `const`
 * type parameter infers from `needs: [...]`); never for a plain array, whose members are not
 * known, so a scenario typed only as "some Scenario" narrows nothing.
 */
export type Needed<N extends readonly string[], R extends string> = number extends N['length'] ? never : Extract<N[number], R>;

/** What each backend profile part is once needed (hasPart has checked it). */
export interface NeededParts {
  auth: Exclude<Profile['auth'], { mode: 'none' }>;
  invalidAuth: InvalidAuth;
  welcome: NonNullable<Profile['welcome']>;
  appPing: NonNullable<Profile['appPing']>;
  protocolPing: NonNullable<Profile['protocolPing']>;
  keepalive: Keepalive;
  health: NonNullable<Profile['health']> & { connectionsField: string };
  request: NonNullable<Profile['request']>;
  provoke: NonNullable<Profile['provoke']>;
}

/** The profile a scenario needing `N` sees: the needed parts non-optional. */
export type NeededProfile<N extends readonly string[]> = Profile & Pick<NeededParts, Needed<N, ProfilePart>>;
