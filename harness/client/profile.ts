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
import { prepareClientProfile } from '../profile/migrate.js';

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
    baseMs: ms('Delay before the first retry (the first step of the exponential schedule).').default(1000),
    factor: z.number().min(1).max(10).default(2).describe('Each step waits factor × the previous delay (1: a constant delay, which client/backoff reports as BACKOFF_UNSOUND).'),
    capMs: ms('No delay is longer than this.').default(10_000),
    jitterRatio: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('The client randomises each delay by ± this fraction (0.2 = ±20 %); the judge allows it. Absent: judged against the recommended ±20 %; 0: no jitter (BACKOFF_UNSOUND).'),
    delaysMs: z
      .array(ms('One delay.'))
      .min(1)
      .optional()
      .describe('An explicit schedule: retry n waits delaysMs[n-1] (± jitter), the last one repeats. Replaces baseMs/factor/capMs.'),
    immediateFirst: z.boolean().default(false).describe('The first retry is immediate (0 ms); the schedule starts at the second retry.'),
    growFromStep: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(1)
      .describe('The schedule step from which the delay grows: steps before it wait baseMs (2: the exponential starts one step late).'),
    attemptsFrom: z
      .union([z.literal(0), z.literal(1)])
      .default(0)
      .describe('What the exponent counts from: 0, the first step waits baseMs (base × factor^0); 1, it waits base × factor (libraries that compute base × factor^attempt with attempt counted from 1).'),
    baseRangeMs: z
      .tuple([ms('Lowest base.'), ms('Highest base.')])
      .optional()
      .describe('The base delay is drawn once per page load from [low, high] and then grows from there; replaces baseMs.'),
  })
  .refine((b) => b.capMs >= b.baseMs, { message: 'capMs must be at least baseMs', path: ['capMs'] })
  .refine((b) => !b.baseRangeMs || b.baseRangeMs[0] <= b.baseRangeMs[1], { message: 'baseRangeMs must be [low, high] with low <= high', path: ['baseRangeMs'] })
  .refine((b) => !b.baseRangeMs || b.capMs >= b.baseRangeMs[1], { message: 'capMs must be at least the high end of baseRangeMs', path: ['capMs'] })
  .describe(
    'The retry schedule: delay of retry n = min(capMs, baseMs × factor^(max(0, step − growFromStep) + attemptsFrom)), step = n (n − 1 after an immediate first retry), ± jitter; or an explicit delaysMs list.',
  );

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
        maxRetries: z
          .union([z.number().int().min(0).max(1000), z.literal('unlimited')])
          .optional()
          .describe("Retries after the first attempt: N + 1 attempts in all. 'unlimited': the client retries forever (client/reconnect-limit fails it, unless optOut names it). Absent: judged against the recommended 5."),
        backoff: backoffSchema.default({ baseMs: 1000, factor: 2, capMs: 10_000, immediateFirst: false, growFromStep: 1, attemptsFrom: 0 }),
        resetAfterStableMs: ms('')
          .min(1, 'must be 1 ms or more (or null)')
          .nullable()
          .default(5000)
          .describe('A connection open this long resets the retry counter and the backoff; null: the counter never resets.'),
        fatalCloseCodes: z
          .array(z.number().int().min(1000).max(4999))
          .optional()
          .describe('Close codes after which the client must not retry. Absent: judged against the recommended [1008]; []: the client retries after every code on purpose (client/fatal-close-no-retry is skipped).'),
        resumeEveryMs: ms('')
          .min(1, 'must be 1 ms or more (or null)')
          .nullable()
          .optional()
          .describe(
            'After its retries run out, the client tries again this often (± the backoff jitter) while the server is down, so an outage longer than the retry window ends without a page reload; keep it well above 2 × the capped delay (else client/reconnect-limit sees it as one retry too many). Absent: judged against the recommended 60 s; null: the client stops for good on purpose (client/recovers-after-long-outage is skipped).',
          ),
      })
      .default({ backoff: { baseMs: 1000, factor: 2, capMs: 10_000, immediateFirst: false, growFromStep: 1, attemptsFrom: 0 }, resetAfterStableMs: 5000 }),
    ping: z
      .strictObject({
        intervalMs: ms('The client sends an app ping this often while open.').default(20_000),
        timeoutMs: ms('No pong within this long: the client closes and reconnects.').default(10_000),
      })
      .nullable()
      .optional()
      .describe('The client\'s own app keepalive. Absent: client/detects-dead-server judges against the recommended heartbeat (20 s interval, 10 s pong timeout); null: the client has no heartbeat on purpose (the scenario is skipped).'),
    serverPing: z
      .strictObject({
        intervalMs: ms('The server sends an app ping this often.').default(25_000),
        timeoutMs: ms('The server closes a client that has not answered within this long.').default(20_000),
      })
      .optional()
      .describe('The server keepalive the client must answer; without it client/answers-server-ping is skipped.'),
    messages: z
      .strictObject({
        typeField: z.string().min(1).default('type').describe('The field that tells message types apart ("op", "event", "action"...); the ping, pong and welcome left out default to {"<typeField>":"ping"} etc.'),
        ping: json.default({ type: 'ping' }).describe('An app ping, either direction.'),
        pong: json.default({ type: 'pong' }).describe('An app pong, either direction.'),
        idField: z.string().min(1).default('id').describe('Field echoed from a ping to its pong.'),
        welcome: json.default({ type: 'connection_established' }).describe('What the server sends on open.'),
        text: z
          .strictObject({
            ping: z.string().min(1).describe('The app ping as a plain-text frame, e.g. "ping".'),
            pong: z.string().min(1).describe('The app pong as a plain-text frame, e.g. "pong".'),
          })
          .optional()
          .describe('A plain-text heartbeat (not JSON): the app ping and pong are these exact text frames, either direction; ping/pong/idField are then not used for the heartbeat.'),
      })
      .default({ typeField: 'type', ping: { type: 'ping' }, pong: { type: 'pong' }, idField: 'id', welcome: { type: 'connection_established' } }),
    toleranceMs: ms('Absolute slack on every timing check, not scaled (event loops, CDP round trips).').default(150),
    delayTolerance: z
      .strictObject({
        ratio: z.number().min(0).max(1).default(0.25).describe('Relative slack on a measured (wire) retry delay: this fraction of the expected delay.'),
        floorMs: ms('Absolute slack added to it, not scaled.').default(20),
      })
      .default({ ratio: 0.25, floorMs: 20 })
      .describe('How far a retry delay measured on the wire may be from the policy: ratio × the delay + floorMs (the client\'s own scheduled delays are judged to 1 %).'),
    optOut: z
      .record(z.string().regex(/^client\/[a-z0-9-]+$/, 'must be a client scenario id such as client/reconnect-limit'), z.string().min(1, 'say why the client opts out'))
      .optional()
      .describe('Client scenarios this client opts out of on purpose, each with the reason (reported as the skip reason), e.g. {"client/reconnect-limit": "retries forever behind an offline banner"}.'),
  });

export type ClientProfile = z.output<typeof clientProfileSchema>;
export type ClientProfileInput = z.input<typeof clientProfileSchema>;

/** Profile parts a client scenario can need; a profile without them skips it. */
export type ClientProfilePart = 'ping' | 'serverPing' | 'retries' | 'fatalCloseCodes' | 'resumeEveryMs';

/**
 * Whether the profile has the part. Silence is not an opt-out: a profile that leaves out
 * maxRetries, fatalCloseCodes or ping has them (the recommended policy's); only an explicit
 * maxRetries: 0, fatalCloseCodes: [] or ping: null lacks them.
 */
export function hasClientPart(profile: ClientProfile, part: ClientProfilePart): boolean {
  if (part === 'retries') return profile.reconnect.maxRetries !== 0;
  if (part === 'fatalCloseCodes') return profile.reconnect.fatalCloseCodes === undefined || profile.reconnect.fatalCloseCodes.length > 0;
  if (part === 'ping') return profile.ping !== null;
  if (part === 'resumeEveryMs') return profile.reconnect.resumeEveryMs !== null;
  return profile[part] !== undefined;
}

/** Why the profile lacks `part` (explicitly: silence never does), for the skip reason after 'client profile "name" '. */
export const CLIENT_PART_ABSENT: Record<ClientProfilePart, string> = {
  retries: 'has no reconnect.maxRetries > 0',
  fatalCloseCodes: 'retries after every close code on purpose (reconnect.fatalCloseCodes: [])',
  ping: 'has no heartbeat on purpose (ping: null)',
  serverPing: 'has no `serverPing`',
  resumeEveryMs: 'stops for good after its retries on purpose (reconnect.resumeEveryMs: null)',
};

/** The client profile kind, for the one profile loader (harness/profile/load.ts). */
export const CLIENT_PROFILE: ProfileKind<typeof clientProfileSchema> = {
  what: 'client profile',
  root: 'client',
  schema: clientProfileSchema,
  docs: 'profiles/client-profile.schema.json and docs/clients.md',
  prepare: prepareClientProfile,
};

/** Validate an already-parsed client profile (with `${ENV}` interpolation). */
export function parseClientProfile(raw: unknown, env: NodeJS.ProcessEnv = process.env, source = 'client profile'): ClientProfile {
  return parseProfileOf(CLIENT_PROFILE, raw, env, source);
}

export function loadClientProfile(file: string, env: NodeJS.ProcessEnv = process.env): ClientProfile {
  return loadProfileOf(CLIENT_PROFILE, file, env);
}
