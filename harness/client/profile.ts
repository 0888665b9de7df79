/**
 * The client profile: the reconnect and keepalive policy a WebSocket client claims, and how
 * to reach it (the URL it dials, or the page that runs it). The client scenarios judge the
 * client against this policy. Validated with zod; `profiles/client-profile.schema.json` is
 * generated from it (`pnpm profile:schema`, which writes both profile schemas); it is read by the
 * one profile loader (harness/profile/load.ts).
 *
 * Retry convention: `maxRetries: N` means N retries after the first connection attempt, so
 * N + 1 attempts in all ("attempt 1/5" in incident 000 counts retries). A client that stops
 * after N + 1 attempts passes `client/reconnect-limit`; one more attempt fails it.
 *
 * Time: every duration here is the real policy (1 s, 10 s, 20 s...). `timeScale` says how much
 * the client under test was compressed for the run: the harness judges against duration ×
 * timeScale, and the reference client runs with the same scaled timings.
 */
import { z } from 'zod';
import { ms } from '../profile/fields.js';
import { loadProfileOf, parseProfileOf, type ProfileKind } from '../profile/load.js';

const json = z.record(z.string(), z.unknown());

/** For a "/regex/flags" wsPattern, why it does not compile; undefined for a valid regex or a glob. */
export function wsPatternRegexError(text: string): string | undefined {
  const m = /^\/(.+)\/([dgimsuy]*)$/.exec(text);
  if (!m) return undefined;
  try {
    new RegExp(m[1]!, m[2]);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export const backoffSchema = z
  .strictObject({
    baseMs: ms('Delay before the first retry.').default(1000),
    factor: z.number().min(1).max(10).default(2).describe('Each retry waits factor × the previous delay.'),
    capMs: ms('No delay is longer than this.').default(10_000),
    jitterRatio: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe('The client randomises each delay by ± this fraction (0.2 = ±20 %); the judge allows it.'),
  })
  .refine((b) => b.capMs >= b.baseMs, { message: 'capMs must be at least baseMs', path: ['capMs'] })
  .describe('Exponential backoff: delay of retry n = min(capMs, baseMs × factor^(n-1)), ± jitter.');

export const clientProfileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1).describe('A name for reports.'),
    timeScale: z
      .number()
      .positive()
      .max(1)
      .default(1)
      .describe('Every policy duration is multiplied by this for the run (0.05 checks a 10 s cap in 0.5 s); configure your client with the same scaled timings.'),
    url: z
      .string()
      .regex(/^wss?:\/\/[^\s]+$/, 'must be a ws:// or wss:// URL')
      .optional()
      .describe('The WebSocket URL the client dials (the msw helper intercepts it; the reference client dials it).'),
    page: z
      .strictObject({
        url: z.string().regex(/^(https?|file|data):[^\s]+$/, 'must be an http(s)://, file: or data: URL').describe('The page that runs the client.'),
        wsPattern: z
          .string()
          .min(1)
          .superRefine((text, ctx) => {
            const regexError = wsPatternRegexError(text);
            if (regexError) ctx.addIssue({ code: 'custom', message: `${text} is not a valid regular expression (${regexError}): fix the /regex/ or use a URL glob such as "**/ws/**"` });
          })
          .describe('Which of the page\'s WebSocket URLs to intercept: a Playwright URL glob ("**/ws/**") or a /regex/ in slashes.'),
        statusSelector: z.string().min(1).optional().describe('CSS selector of the element that shows the connection state; its text is reported.'),
        scheduleGlobal: z
          .string()
          .min(1)
          .default('__wsChaosSchedule')
          .describe('Name of a window global array of {retry, delayMs} the page may expose; when present, backoff is judged on these scheduled delays.'),
      })
      .optional()
      .describe('For a browser client: the page and which sockets to intercept (Playwright routeWebSocket).'),
    reconnect: z
      .strictObject({
        maxRetries: z.number().int().min(0).max(1000).default(5).describe('Retries after the first attempt: N + 1 attempts in all.'),
        backoff: backoffSchema.default({ baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0 }),
        resetAfterStableMs: ms('')
          .min(1, 'must be 1 ms or more (or null)')
          .nullable()
          .default(5000)
          .describe('A connection open this long resets the retry counter and the backoff; null: the counter never resets.'),
        fatalCloseCodes: z.array(z.number().int().min(1000).max(4999)).default([1008]).describe('Close codes after which the client must not retry.'),
      })
      .default({ maxRetries: 5, backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0 }, resetAfterStableMs: 5000, fatalCloseCodes: [1008] }),
    ping: z
      .strictObject({
        intervalMs: ms('The client sends an app ping this often while open.').default(20_000),
        timeoutMs: ms('No pong within this long: the client closes and reconnects.').default(10_000),
      })
      .optional()
      .describe('The client\'s own app keepalive; without it client/detects-dead-server is skipped.'),
    serverPing: z
      .strictObject({
        intervalMs: ms('The server sends an app ping this often.').default(25_000),
        timeoutMs: ms('The server closes a client that has not answered within this long.').default(20_000),
      })
      .optional()
      .describe('The server keepalive the client must answer; without it client/answers-server-ping is skipped.'),
    messages: z
      .strictObject({
        ping: json.default({ type: 'ping' }).describe('An app ping, either direction.'),
        pong: json.default({ type: 'pong' }).describe('An app pong, either direction.'),
        idField: z.string().min(1).default('id').describe('Field echoed from a ping to its pong.'),
        welcome: json.default({ type: 'connection_established' }).describe('What the server sends on open.'),
      })
      .default({ ping: { type: 'ping' }, pong: { type: 'pong' }, idField: 'id', welcome: { type: 'connection_established' } }),
    toleranceMs: ms('Absolute slack on every timing check, not scaled (event loops, CDP round trips).').default(150),
  });

export type ClientProfile = z.output<typeof clientProfileSchema>;
export type ClientProfileInput = z.input<typeof clientProfileSchema>;

/** Profile parts a client scenario can need; a profile without them skips it. */
export type ClientProfilePart = 'ping' | 'serverPing' | 'retries' | 'fatalCloseCodes';

export function hasClientPart(profile: ClientProfile, part: ClientProfilePart): boolean {
  if (part === 'retries') return profile.reconnect.maxRetries > 0;
  if (part === 'fatalCloseCodes') return profile.reconnect.fatalCloseCodes.length > 0;
  return profile[part] !== undefined;
}

/** The client profile kind, for the one profile loader (harness/profile/load.ts). */
export const CLIENT_PROFILE: ProfileKind<typeof clientProfileSchema> = {
  what: 'client profile',
  root: 'client',
  schema: clientProfileSchema,
  docs: 'profiles/client-profile.schema.json and docs/clients.md',
};

/** Validate an already-parsed client profile (with `${ENV}` interpolation). */
export function parseClientProfile(raw: unknown, env: NodeJS.ProcessEnv = process.env, source = 'client profile'): ClientProfile {
  return parseProfileOf(CLIENT_PROFILE, raw, env, source);
}

export function loadClientProfile(file: string, env: NodeJS.ProcessEnv = process.env): ClientProfile {
  return loadProfileOf(CLIENT_PROFILE, file, env);
}
