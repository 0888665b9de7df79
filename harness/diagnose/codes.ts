/**
 * The diagnosis catalogue: every code a verdict can carry, what it means, and the hint that
 * points at the mechanism a user can check (docs/incidents.md tells the patterns), never at a
 * report a user cannot read.
 * Codes are public and stable (README lists them); add, never repurpose.
 */
export interface DiagnosisInfo {
  meaning: string;
  hint: string;
}

export const DIAGNOSES = {
  CONNECT_FAILED: {
    meaning: 'The TCP connection (or TLS) to the target could not be made.',
    hint: 'Nothing is listening at that host and port, or a firewall refuses it: check the URL, the port and that the backend is up.',
  },
  HANDSHAKE_REJECTED: {
    meaning: 'The server answered the WebSocket upgrade with a non-101 HTTP status.',
    hint: '5xx: something the route depends on raised before accept (an injected dependency, a startup check): the server log at the upgrade shows it. 401/403: auth or an accept gate refused a valid client (check the credential the profile sends and any check that runs before accept). 404: wrong path.',
  },
  HANDSHAKE_TIMEOUT: {
    meaning: 'The TCP connection opened but no upgrade answer came within the handshake budget.',
    hint: 'The server accepted the socket and never answered the upgrade: a blocked event loop, a proxy that does not pass Upgrade, or a half-open link.',
  },
  IMMEDIATE_DISCONNECT: {
    meaning: 'The connection was closed within a few milliseconds of open, before any message, without a close status.',
    hint: 'The connection handler ended right after the upgrade. The usual mechanism is a read loop that fails on its first read and tears the socket down, e.g. a read deadline already in the past (in Go, time.Duration(60) is 60 ns, not 60 s; use 60 * time.Second); log the error the first read returns. Moving the read loop to another goroutine or task does not change this.',
  },
  DROPPED_BEFORE_WELCOME: {
    meaning: 'The TCP connection ended without a close frame (1006) after open and before the welcome.',
    hint: 'An unhandled exception after accept killed the connection task before the welcome; look in the server log for an error right after the connection was accepted, and catch it to close with 1011 and a reason.',
  },
  CLOSED_WITHOUT_STATUS: {
    meaning: 'The server sent a close frame without a status code (the client reports 1005).',
    hint: 'The server closed the socket without a code or reason, usually on an error path that calls close() bare; close with 1011 and a reason instead.',
  },
  INTERNAL_ERROR_BEFORE_WELCOME: {
    meaning: 'The server closed with 1011 before it sent the welcome message.',
    hint: 'The server accepted the connection, then found something it needs missing or not ready (a service not yet in app state, a dependency that failed to start) and closed 1011: the close reason names it; make the server refuse traffic (readiness check) until startup has finished.',
  },
  PREMATURE_CLOSE: {
    meaning: 'The server closed the connection inside the window it should have stayed open.',
    hint: 'Something on the server ends healthy sessions: a flapping handler, a too-short idle or session timeout, or a close on an error path; the code and reason say which.',
  },
  SILENT_SERVER: {
    meaning: 'The connection opened but the server sent nothing at all and did not close.',
    hint: 'Nothing the server sends goes out: check the guard in front of each send. A common one compares an enum with an integer, e.g. Starlette\'s `websocket.client_state == 1`, which is always false (compare with WebSocketState.CONNECTED, or `client_state.value == 1`); or the handler is stuck before its first send.',
  },
  WELCOME_MISSING: {
    meaning: 'The server sent messages, but none matched the expected welcome.',
    hint: 'The welcome changed shape or type, or an error message was sent instead: compare the received messages with the profile\'s welcome matcher.',
  },
  WELCOME_LATE: {
    meaning: 'The welcome arrived, but after its budget.',
    hint: 'Work on the connection path is slow (cold dependencies, synchronous setup before the welcome); move it after the welcome or warm it at startup.',
  },
  APP_PONG_MISSING: {
    meaning: 'An app-level ping got no app-level pong within its budget.',
    hint: 'The message handler does not answer the app ping (e.g. {"type":"ping"}), or its sends do not go out; clients that enforce a pong timeout will drop the connection and reconnect.',
  },
  PROTOCOL_PONG_MISSING: {
    meaning: 'A protocol ping frame got no pong with the same payload within its budget.',
    hint: 'The server or a proxy in front of it swallows control frames, or the WebSocket library\'s automatic pong was turned off.',
  },
  KEEPALIVE_MISSING: {
    meaning: 'The server promised a keepalive (app ping or ping frame) and none arrived within its interval plus tolerance.',
    hint: 'The keepalive task never started or died; without it, idle connections are cut by load balancers and dead clients are never noticed.',
  },
  DEAD_CLIENT_NOT_DETECTED: {
    meaning: 'The client stopped answering, and the server did not close the connection within keepalive interval + pong timeout.',
    hint: 'The server pings but never enforces the pong timeout (or does not ping at all): dead connections pile up and are counted as live.',
  },
  CONNECTIONS_LEAKED: {
    meaning: 'After connections closed, the health endpoint\'s connection count did not return to its baseline.',
    hint: 'Closed connections are never removed from the server\'s connection registry (an unregister that does not run on every close path, e.g. only on a clean close): check the close and error paths.',
  },
  AUTH_NOT_ENFORCED: {
    meaning: 'A connection with an invalid or missing token got a live session.',
    hint: 'A fallback token or demo mode accepts anything (e.g. a built-in "demo-token" accepted when validation fails); reject with 401/403 or close 1008.',
  },
  RESPONSE_MISSING: {
    meaning: 'The profile\'s request message got no matching response within its budget.',
    hint: 'The request handler failed or its reply never went out; check the server log for the request type.',
  },
  UNCLEAN_CLOSE: {
    meaning: 'The client started the close handshake (1000) and the server did not answer it with a close frame.',
    hint: 'The server drops the TCP connection instead of echoing the close frame; clients see 1006 and may treat a normal logout as an error.',
  },
  INVALID_CLOSE_CODE: {
    meaning: 'A close the client provoked carried a code that must never be on the wire, or none at all (1005/1006).',
    hint: 'An error path closes bare or drops the socket; close with a valid code (1007 bad data, 1008 policy, 1009 too big, 1011 internal error) and a reason.',
  },
  SLOW_STARTUP: {
    meaning: 'The warm-up (profile.warmup) dialled until a connection was welcomed: the backend never became ready within maxMs, or became ready later than budgetMs.',
    hint: 'The backend accepts connections before its dependencies are ready and refuses them (often 1011) until they are: gate the listener or the readiness probe on startup, or raise warmup.budgetMs if the startup time is expected.',
  },
  CLOSE_REASON_MISSING: {
    meaning: 'A close the client provoked carried a valid code but an empty reason, and the profile requires reasons (provoke.requireReason).',
    hint: 'RFC 6455 allows an empty reason, but this profile asks for one: pass a short reason with every close the server sends (e.g. close(1009, "message too big (max 65536 bytes)")), or set provoke.requireReason to false.',
  },
  UNEXPECTED_CLOSE_CODE: {
    meaning: 'A provocation was answered with a valid close code other than the one the profile expects for it (provoke.expect), or with a close where the profile expects the connection to stay open.',
    hint: 'The error path picks another code than the protocol promises (e.g. 1011 internal error for an oversized message instead of 1009): map each refused input to its code, or correct provoke.expect if the profile is wrong.',
  },
  CLIENT_NEVER_CONNECTED: {
    meaning: 'The client under test opened no WebSocket the enactor could see (none matching client.page.wsPattern for a page) within the scenario\'s wait, so nothing it does could be judged.',
    hint: 'The page opens no WebSocket, dials another URL than the one intercepted (check client.page.wsPattern against the URL the page really dials), or is not the page you meant (check client.page.url); a client that never dials must not pass.',
  },
  RECONNECT_UNBOUNDED: {
    meaning: 'Against a server that always fails (or accepts and closes at once), the client kept reconnecting past its maximum attempts.',
    hint: 'The attempt counter resets on every successful open, so a server that accepts and closes at once keeps the client at "attempt 1/5" forever — or the maximum is never checked; reset it only after the connection has been stable for a while ("max N" means N retries after the first attempt).',
  },
  BACKOFF_VIOLATION: {
    meaning: 'The delays between reconnect attempts do not follow the client\'s policy (base, factor, cap, jitter).',
    hint: 'The backoff is not exponential, not capped, or not applied at all (a typical policy: 1 s, 2 s, 4 s ... capped at 10 s, with jitter): check the delay computation and that every retry goes through it.',
  },
  BACKOFF_UNSOUND: {
    meaning: 'The client\'s retry schedule does not grow or has no jitter (as its profile claims it, or as its measured delays show): clients cut off together reconnect together, a thundering herd after every deploy.',
    hint: 'Grow the delay (exponential: base × 2^n, capped) and spread it with jitter (± 20 % or full jitter, random between 0 and the delay), so a thousand clients dropped at once do not redial in the same few ms; a fixed "retry every second" is not a backoff.',
  },
  RETRY_ON_FATAL_CLOSE: {
    meaning: 'After a close code the policy calls fatal (1008 by default), the client reconnected anyway.',
    hint: 'The client retries every close alike; an auth failure (1008) will never succeed by retrying: stop and ask the user to sign in again.',
  },
  CLIENT_PONG_MISSING: {
    meaning: 'The server\'s app-level ping got no pong from the client within budget.',
    hint: 'The client does not answer the server\'s app ping (e.g. {"type":"ping"}): both sides must answer each other\'s pings, or the server\'s keepalive drops the client.',
  },
  DEAD_SERVER_NOT_DETECTED: {
    meaning: 'The server stopped answering (no pongs, or silence), and the client did not close and reconnect within ping interval + pong timeout.',
    hint: 'The client sends pings but never enforces its pong timeout (or sends no pings at all), so a half-open connection looks alive forever; on timeout, close and reconnect without waiting for the dead server\'s close frame.',
  },
  NO_RECOVERY: {
    meaning: 'After an outage the server came back, but the client did not reconnect at its next scheduled attempt.',
    hint: 'The client gave up too early or its retry timer was lost during the outage; check the maximum attempts and that every failure schedules the next attempt.',
  },
  DEAD_PEER_NOT_DETECTED: {
    meaning: 'The network path to the client went dead (reset, half-open, pongs lost) and the server did not notice within keepalive interval + pong timeout.',
    hint: 'The server counts a peer as alive as long as TCP does not say otherwise; without an enforced pong timeout, a half-open link behind a load balancer lives forever.',
  },
  IDLE_TIMEOUT_RISK: {
    meaning: 'An idle connection was cut by an (emulated) load-balancer idle timeout, because no keepalive crossed it in time.',
    hint: 'The keepalive interval is longer than the idle timeout of a proxy or load balancer in the path (often 60 s): make the server ping more often than the shortest idle timeout.',
  },
  KEEPALIVE_INTOLERANT: {
    meaning: 'Under network latency below the promised pong timeout, the server dropped a client that was answering its pings.',
    hint: 'The server enforces a shorter pong timeout than it promises, or measures it from the wrong moment; latency on a real network will drop healthy clients.',
  },
  MESSAGE_ORDER_VIOLATED: {
    meaning: 'Responses to requests sent in order arrived out of order.',
    hint: 'Messages are handled by concurrent tasks with no per-connection queue: a slow handler is overtaken. Serialise per connection, or tag replies with a sequence number.',
  },
  MESSAGE_LOST: {
    meaning: 'Under network chaos some messages never arrived, or arrived corrupted, although the connection stayed up.',
    hint: 'A layer between the app and the socket drops or truncates data under fragmentation or backpressure (a send buffer limit, a write deadline, a proxy).',
  },
  HANDSHAKE_STEP_FAILED: {
    meaning: 'A step of the profile\'s client-speaks-first handshake (the auth message, a hello, a subscribe) was refused or got no matching answer in time.',
    hint: 'The server expects a different first message, or answers it in another shape: compare the step\'s expected subset (profile.auth.success, profile.handshake) with what the server sent, quoted in the summary.',
  },
  SUBPROTOCOL_NOT_SELECTED: {
    meaning: 'The upgrade offered the profile\'s subprotocols (Sec-WebSocket-Protocol) and the server selected none of them, or another one.',
    hint: 'The server must echo one offered value in Sec-WebSocket-Protocol; many libraries need the supported list configured (ws: handleProtocols, websockets: subprotocols=[...], FastAPI: accept(subprotocol=...)).',
  },
  COMPRESSION_MISMATCH: {
    meaning: 'permessage-deflate was negotiated where the profile says it must be refused, or refused where it must be accepted.',
    hint: 'Check the server\'s compression setting (ws: perMessageDeflate, websockets: compression=None, a proxy that strips Sec-WebSocket-Extensions) against upgrade.perMessageDeflate.',
  },
  MESSAGE_CONTRACT_VIOLATION: {
    meaning: 'A message on the wire (either direction) broke the AsyncAPI document\'s schema for it, or matched no message the document declares for that direction.',
    hint: 'The summary quotes the JSON pointer, the schema rule and the message: fix the sender (a renamed or retyped field, a new message type) or update the document (--asyncapi) if the change is intended.',
  },
  BAD_INPUT_NOT_HANDLED: {
    meaning: 'A generated message (valid but unusual, or invalid: wrong types, missing required fields, an unknown type) killed the connection (1011/1006) or left the server silent.',
    hint: 'The message handler throws on that input instead of answering an error message or closing 1003/1007/1008 with a reason: validate each message before use and catch errors per message; the summary quotes the smallest such message and the seed to replay (--seed).',
  },
  RECONNECT_HERD: {
    meaning: 'After a restart, the dropped clients reconnected on the same beat: the peak reconnect arrival rate was above the budget.',
    hint: 'The reconnect policy has no jitter (or retries at once): every client waits the same delay, so the fresh backend takes the whole fleet in one instant. Draw each delay at random (full jitter: uniform in [0, delay]) so the herd spreads over the backoff window.',
  },
  HERD_NOT_ABSORBED: {
    meaning: 'Once the backend was back after a restart, it failed reconnecting clients it should have taken (late welcomes, 1011/1013 closes, refused upgrades).',
    hint: 'The backend accepts before it is ready for the herd (a pool, a cache or a dependency warmed per connection): gate readiness on the warm-up, cap accepts per second with a 1013 "try again later" that clients back off from, and jitter the clients.',
  },
  SCENARIO_ERROR: {
    meaning: 'The scenario itself failed to run (a harness bug or a resource limit), not the target.',
    hint: 'Rerun with --verbose; if it persists, report it with the results.json.',
  },
} as const satisfies Record<string, DiagnosisInfo>;

export type DiagnosisCode = keyof typeof DIAGNOSES;

/**
 * A built-in code or a user scenario's own (UPPER_SNAKE, e.g. ACME_LOGIN_REFUSED): reports show
 * both alike, with the diagnosis' own hint (never looked up in DIAGNOSES).
 */
export type AnyDiagnosisCode = DiagnosisCode | (string & {});

export interface Diagnosis {
  code: AnyDiagnosisCode;
  summary: string;
  hint: string;
}

export const DIAGNOSIS_CODES = Object.keys(DIAGNOSES) as DiagnosisCode[];

/** Build a diagnosis; the hint defaults to the catalogue's. */
export function diagnosis(code: DiagnosisCode, summary: string, hint?: string): Diagnosis {
  return { code, summary, hint: hint ?? DIAGNOSES[code].hint };
}

/** The same diagnosis, its summary said of one part of the scenario ("cycle 3/20: ...", "after the reset: ..."). */
export function prefixSummary(prefix: string, d: Diagnosis): Diagnosis {
  return { ...d, summary: `${prefix}: ${d.summary}` };
}
