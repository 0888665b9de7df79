/**
 * The recommended client policy (incident 002's design): what a client scenario judges
 * against when the client profile claims nothing about a part. A heartbeat that detects a dead
 * server within its interval + pong timeout, 1008 fatal, at most 5 retries, exponential backoff
 * (1 s, 2 s, 4 s ... capped at 10 s) with jitter. Silence in a profile is not an opt-out: each
 * part the profile leaves out is judged with these numbers and the verdict says so. Durations
 * are the real policy; the run scales them by the profile's timeScale like the profile's own.
 */

export const RECOMMENDED_POLICY = {
  maxRetries: 5,
  backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0.2 },
  fatalCloseCodes: [1008] as readonly number[],
  ping: { intervalMs: 20_000, timeoutMs: 10_000 },
  /** After the retries run out, try again this often (jittered) until the server is back: a long outage ends without a page reload. */
  resumeEveryMs: 60_000,
  /** A backoff is sound when it grows by at least this factor per step before the cap... */
  minFactor: 1.5,
  /** ...and spreads each delay by at least ± this fraction. */
  minJitterRatio: 0.1,
  /** The herd size the BACKOFF_UNSOUND summary speaks of. */
  herdClients: 1000,
} as const;

/** A part of the policy the profile can leave out (then it is judged against the recommendation). */
export type RecommendedPart = 'maxRetries' | 'fatalCloseCodes' | 'ping' | 'jitterRatio' | 'resumeEveryMs';

const PROFILE_FIELD: Record<RecommendedPart, string> = {
  maxRetries: 'reconnect.maxRetries',
  fatalCloseCodes: 'reconnect.fatalCloseCodes',
  ping: 'ping (a heartbeat)',
  jitterRatio: 'reconnect.backoff.jitterRatio',
  resumeEveryMs: 'reconnect.resumeEveryMs',
};

/**
 * The sentence a verdict carries when `parts` were judged against the recommendation, e.g.
 * "judged against the recommended policy (the profile claims no ping (a heartbeat))"; undefined when none.
 */
export function recommendedNote(parts: readonly RecommendedPart[]): string | undefined {
  if (parts.length === 0) return undefined;
  return `judged against the recommended policy (the profile claims no ${parts.map((p) => PROFILE_FIELD[p]).join(', no ')})`;
}

/** The note for the parts of `relevant` this policy took from the recommendation; undefined when the profile stated them all. */
export function recommendedNoteFor(recommended: readonly RecommendedPart[], relevant: readonly RecommendedPart[]): string | undefined {
  return recommendedNote(recommended.filter((p) => relevant.includes(p)));
}

/** A diagnosis whose summary ends with the note (when there is one). */
export function withNote<D extends { summary: string }>(d: D, note: string | undefined): D {
  return note ? { ...d, summary: `${d.summary}; ${note}` } : d;
}
