/**
 * The backend profile: how to reach and speak to one backend. Validated with zod; the JSON
 * Schema in `profiles/profile.schema.json` is generated from this (`pnpm profile:schema`).
 */
import { z } from 'zod';
import { ms } from './fields.js';
import { prepareProfile } from './migrate.js';
import { targetUrlProblem } from '../target-url.js';

const json = z.record(z.string(), z.unknown());

/** How a backend answers one provocation: a close with one of these codes, or it stays open. */
const provokeExpectation = z
  .union([z.array(z.number().int().min(1000).max(4999)).min(1), z.literal('stays-open')])
  .optional();

export const authSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('query'),
      param: z.string().min(1).default('token').describe('Query parameter that carries the token.'),
      token: z.string().min(1).describe('A valid token. Use ${ENV} for secrets.'),
    }),
    z.strictObject({
      mode: z.literal('header'),
      header: z.string().min(1).default('Authorization'),
      value: z.string().min(1).describe('Full header value, e.g. "Bearer ${API_TOKEN}".'),
    }),
    z.strictObject({
      mode: z.literal('subprotocol'),
      protocol: z.string().min(1).describe('Subprotocol string that carries the credential.'),
    }),
    z.strictObject({
      mode: z.literal('message'),
      send: json.describe('The first message after open, e.g. {"op":"auth","token":"${API_TOKEN}"}.'),
      tokenField: z.string().min(1).default('token').describe('The field of `send` that carries the credential (an invalid variant\'s token goes there).'),
      success: json.optional().describe('Subset of the server\'s answer to a valid credential, e.g. {"op":"auth_ok"}; absent: no answer is awaited.'),
      failure: json.optional().describe('Subset of the server\'s answer to an invalid one, e.g. {"op":"auth_error"} (a refusal, like a 1008 close).'),
      budgetMs: ms('The answer must arrive within this many ms of the auth message.').default(2000),
    }),
    z.strictObject({ mode: z.literal('none') }),
  ])
  .describe('How a valid client authenticates.');

/** One step of a client-speaks-first handshake: a message the client sends, or one it must get. */
export const handshakeStepSchema = z.union([
  z.strictObject({ send: json.describe('A message the client sends, e.g. {"op":"hello"} or {"action":"subscribe","channel":"ticks"}.') }),
  z.strictObject({
    expect: json.describe('Subset of a message the server must send next, e.g. {"op":"subscribed"}.'),
    budgetMs: ms('It must arrive within this many ms of the step before.').default(2000),
  }),
]);

/** What the upgrade offers and must get back (profile v2; v1's top-level `headers` moved here). */
export const upgradeSchema = z.strictObject({
  headers: z.record(z.string(), z.string()).optional().describe('Extra headers on every upgrade request.'),
  subprotocols: z.array(z.string().min(1)).min(1).optional().describe('Sec-WebSocket-Protocol values offered, preferred first; the server must select one of them (not echoed: SUBPROTOCOL_NOT_SELECTED).'),
  expectSubprotocol: z.string().min(1).optional().describe('The one subprotocol the server must select (default: any offered one).'),
  perMessageDeflate: z
    .enum(['off', 'required', 'refused', 'either'])
    .default('off')
    .describe('off: not offered; required: offered and the server must accept it; refused: offered and the server must decline; either: offered, any answer (COMPRESSION_MISMATCH when broken).'),
});

/** One invalid credential and the refusal it must get; a profile may list several named variants. */
export const invalidAuthSchema = z.strictObject({
  name: z.string().min(1).optional().describe('A name for reports, e.g. "expired" or "wrong signature"; default: the token, or "none".'),
  token: z.string().min(1).optional().describe('An invalid credential to present where the valid one goes; omit (and omit header) to send none.'),
  header: z.string().min(1).optional().describe('Header auth only: the whole header value to send instead, e.g. "Basic Zm9vOmJhcg==".'),
  expectCloseCodes: z.array(z.number().int()).default([1008]),
  expectHttpStatuses: z.array(z.number().int()).default([401, 403]),
});

/** One keepalive the server promises; a profile may declare several (app pings and its server's own ping frames). */
export const keepaliveSchema = z.strictObject({
  name: z.string().min(1).optional().describe('A name for reports, e.g. "app ping" or "uvicorn ping frames"; default: the kind.'),
  kind: z.enum(['app', 'protocol', 'either']).describe('What the server sends: app ping messages, ping frames, or either.'),
  match: json.default({ type: 'ping' }).describe('For app keepalives: subset of the server\'s ping message.'),
  reply: json.default({ type: 'pong' }).describe('For app keepalives: what the client answers.'),
  idField: z.string().optional().default('id'),
  intervalMs: ms('How often the server pings.'),
  timeoutMs: ms('How long the server waits for a pong before it closes.'),
  toleranceMs: ms('Slack added to every keepalive bound.').default(1000),
});

/** The v2 profile as written (strict), for the loader (which migrates v1 first, with notes) and the JSON Schema. */
export const profileV2Schema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(2).default(2).describe('Profile schema version; a profile without it is v1 and is migrated on load.'),
    name: z.string().min(1).describe('A name for reports.'),
    url: z
      .string()
      .regex(/^wss?:\/\/[^\s]+$/, 'must be a ws:// or wss:// URL')
      .refine((s) => targetUrlProblem(s) === undefined, 'must be a ws:// or wss:// URL the URL parser accepts (a port from 0 to 65535, a valid host)')
      .describe('WebSocket URL of the backend, without the auth parameter.'),
    upgrade: upgradeSchema.default({ perMessageDeflate: 'off' }),
    typeField: z.string().min(1).default('type').describe('The field that tells message types apart, e.g. "op", "event" or "action"; default message shapes (pings, pongs, provocations) use it.'),
    auth: authSchema.default({ mode: 'none' }),
    invalidAuth: z
      .union([invalidAuthSchema, z.array(invalidAuthSchema).min(1)])
      .optional()
      .describe('How to make an invalid-auth connection and what refusal looks like; a list of named variants (wrong signature, expired, garbage, none) is tried one connection each.'),
    handshake: z
      .array(handshakeStepSchema)
      .min(1)
      .max(32)
      .optional()
      .describe('A client-speaks-first protocol: steps after open (and after a message auth) before the welcome, e.g. [{"send":{"op":"hello"}},{"expect":{"op":"ready"}},{"send":{"op":"subscribe"}}].'),
    welcome: z
      .strictObject({
        match: json.describe('Subset the welcome message must contain, e.g. {"type":"connection_established"}.'),
        budgetMs: ms('The welcome must arrive within this many ms of open.').default(2000),
      })
      .optional(),
    appPing: z
      .strictObject({
        request: json.default({ type: 'ping' }).describe('The app ping the client sends.'),
        response: json.default({ type: 'pong' }).describe('Subset the pong must contain.'),
        idField: z.string().optional().describe('A field echoed from ping to pong, e.g. "id".'),
        budgetMs: ms('The pong must arrive within this many ms.').default(2000),
      })
      .optional(),
    protocolPing: z
      .strictObject({ budgetMs: ms('A ping frame must be answered within this many ms.').default(2000) })
      .optional(),
    keepalive: z
      .union([keepaliveSchema, z.array(keepaliveSchema).min(1)])
      .optional()
      .describe('The keepalive the server promises, or a list of them (the first is the primary one); the probe answers each, and a dead client must be closed by one.'),
    health: z
      .strictObject({
        url: z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL'),
        headers: z.record(z.string(), z.string()).optional().describe('Headers on every health request, e.g. {"Authorization":"Bearer ${HEALTH_TOKEN}"}.'),
        connectionsField: z.string().optional().describe('Dotted path of the open-connection count in the JSON body.'),
        settleMs: ms('How long the count may take to return to its baseline.').default(2000),
      })
      .optional(),
    restart: z
      .strictObject({
        command: z.string().trim().min(1, 'must be the shell command that restarts the backend').describe('The shell command that restarts the backend, e.g. "systemctl restart api" or "kubectl rollout restart deploy/api". Use ${ENV} for secrets.'),
        healthTimeoutMs: ms('How long the command and then the health endpoint (health.url answering 2xx) may take before the backend counts as not back.').default(60_000),
      })
      .optional()
      .describe('How to restart this backend, for `ws-chaos load --storm restart` (load/deploy-storm); --restart-command overrides it.'),
    request: z
      .strictObject({
        send: json.describe('A request message, e.g. {"type":"chat","message":"hello"}.'),
        expect: json.describe('Subset of the response, e.g. {"type":"chat_response"}.'),
        correlationField: z
          .string()
          .min(1)
          .optional()
          .describe('The field a reply echoes from its request, e.g. "seq", "id" or "ref"; without it reply order cannot be checked.'),
        budgetMs: ms('The response must arrive within this many ms.').default(5000),
      })
      .optional(),
    provoke: z
      .strictObject({
        malformedJson: z.boolean().default(true),
        unknownType: json.optional().describe('A message of a type the server does not know.'),
        oversizedBytes: z.number().int().positive().max(256 * 1024 * 1024).optional().describe('A message size the server must refuse.'),
        maxMessageBytes: z
          .number()
          .int()
          .positive()
          .max(256 * 1024 * 1024)
          .optional()
          .describe('The largest message the backend accepts; the oversized provocation then sends maxMessageBytes + 1 bytes (instead of oversizedBytes).'),
        requireReason: z.boolean().default(false).describe('true: a provoked close with an empty reason fails (CLOSE_REASON_MISSING); false: it passes with advice.'),
        reasonOptionalFor: z
          .array(z.number().int().min(1000).max(4999))
          .optional()
          .describe('Close codes that may carry an empty reason (no failure, no advice), e.g. [1000, 1009].'),
        expect: z
          .strictObject({
            invalidAuth: provokeExpectation,
            malformedJson: provokeExpectation,
            unknownType: provokeExpectation,
            oversized: provokeExpectation,
          })
          .optional()
          .describe('Per provocation, how the backend answers it: close codes (any one of them), or "stays-open". A provocation left out may close with any valid code.'),
      })
      .optional()
      .describe('Inputs conformance/close-codes sends to provoke closes.'),
    warmup: z
      .strictObject({
        maxMs: ms('How long to keep dialling before the backend counts as never ready.'),
        intervalMs: ms('How often to dial while it is not ready.').default(250),
        budgetMs: ms('Ready later than this many ms after the first dial fails the run (SLOW_STARTUP).').optional(),
      })
      .optional()
      .describe('Before the scenarios, dial until a connection is welcomed and measure how long the backend refused connections after start.'),
    stayOpenMs: ms('conformance/stays-open watches this long for a server close.').default(5000),
    reconnectCycles: z.number().int().min(1).max(1000).default(50),
    idleTimeoutMs: ms('The idle timeout of the load balancer in front of the backend, for chaos/idle-timeout.').default(60_000),
    timeouts: z
      .strictObject({
        handshakeMs: ms('Upgrade answer budget.').default(5000),
        immediateDisconnectMs: ms('A close this soon after open counts as immediate.').default(10),
        closeMs: ms('How long the client waits for the server\'s close frame.').default(2000),
        serverCloseMs: ms(
          'How long the server\'s WebSocket library waits for the peer\'s close frame before it drops the TCP connection (Python websockets: close_timeout, 10 000 ms). Absent: 0, the server drops a dead peer at once. chaos/half-open adds it to its bound.',
        ).optional(),
      })
      .default({ handshakeMs: 5000, immediateDisconnectMs: 10, closeMs: 2000 }),
  })
  .transform(withKeepaliveList);

/**
 * The profile schema for direct use (`profileSchema.parse(...)`): a v1 profile is migrated to
 * v2 first, silently (the loader, harness/profile/load.ts, prints the migration notes).
 */
export const profileSchema = z.preprocess((raw) => prepareProfile(raw, () => undefined), profileV2Schema);

export type Profile = z.output<typeof profileV2Schema>;
export type ProfileInput = z.input<typeof profileV2Schema>;

export type Keepalive = z.output<typeof keepaliveSchema>;

/** `keepalive` stays the primary (first) keepalive, so scenarios that need one read it; `keepalives` lists all. */
function withKeepaliveList<P extends { keepalive?: Keepalive | Keepalive[]; invalidAuth?: InvalidAuth | InvalidAuth[] }>(
  p: P,
): Omit<P, 'keepalive' | 'invalidAuth'> & { keepalive?: Keepalive; keepalives: Keepalive[]; invalidAuth?: InvalidAuth; invalidAuthVariants: InvalidAuth[] } {
  const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const keepalives = list(p.keepalive);
  const variants = list(p.invalidAuth);
  return { ...p, keepalive: keepalives[0], keepalives, invalidAuth: variants[0], invalidAuthVariants: variants };
}

export type InvalidAuth = z.output<typeof invalidAuthSchema>;

/** Every invalid-auth variant, primary first; `profile.invalidAuth` wins for the primary (as in keepalivesOf). */
export function invalidAuthVariantsOf(profile: Pick<Profile, 'invalidAuth'> & { invalidAuthVariants?: InvalidAuth[] }): InvalidAuth[] {
  if (!profile.invalidAuth) return [];
  return [profile.invalidAuth, ...(profile.invalidAuthVariants ?? []).slice(1)];
}

/** A variant's name for reports. */
export const invalidAuthName = (v: InvalidAuth): string => v.name ?? (v.token ? `token ${JSON.stringify(v.token.slice(0, 24))}` : v.header ? 'header' : 'none');

/**
 * Every declared keepalive, primary first. `profile.keepalive` wins for the primary, so a copy
 * of a profile that replaces `keepalive` (compressed timings, say) replaces the primary here too.
 */
export function keepalivesOf(profile: Pick<Profile, 'keepalive'> & { keepalives?: Keepalive[] }): Keepalive[] {
  if (!profile.keepalive) return [];
  return [profile.keepalive, ...(profile.keepalives ?? []).slice(1)];
}

/**
 * A parsed profile written back out (a run's profile saved as JSON) carries the derived lists
 * `keepalives` and `invalidAuthVariants`: fold them back into `keepalive` / `invalidAuth`, so
 * reading it again gives the same profile instead of "unknown field".
 */
export function foldDerivedLists(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [one, all] of [['keepalive', 'keepalives'], ['invalidAuth', 'invalidAuthVariants']] as const) {
    const list = out[all];
    if (!Array.isArray(list)) continue;
    delete out[all];
    const primary = out[one];
    if (primary && typeof primary === 'object' && !Array.isArray(primary)) out[one] = list.length > 1 ? [primary, ...list.slice(1)] : primary;
  }
  return out;
}

/** A keepalive's name for reports: its own, or its kind. */
export const keepaliveName = (k: Keepalive): string => k.name ?? (k.kind === 'app' ? 'app ping' : k.kind === 'protocol' ? 'ping frames' : 'keepalive');

/** The profile parts a scenario can need; a profile without them skips it. */
export type ProfilePart =
  | 'auth'
  | 'invalidAuth'
  | 'welcome'
  | 'appPing'
  | 'protocolPing'
  | 'keepalive'
  | 'health'
  | 'request'
  | 'provoke';

export function hasPart(profile: Profile, part: ProfilePart): boolean {
  if (part === 'auth') return profile.auth.mode !== 'none';
  if (part === 'health') return profile.health?.connectionsField !== undefined;
  return profile[part] !== undefined;
}
