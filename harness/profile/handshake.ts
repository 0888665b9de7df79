/**
 * What happens between open and the welcome on a protocol where the client speaks first
 * (profile v2): the upgrade's negotiation (subprotocol selected, permessage-deflate as the
 * profile says), the auth message (`auth.mode: "message"`) and its answer, then the profile's
 * `handshake` steps (send X, expect Y, ...). Every scenario's session goes through `greet`;
 * conformance/auth-rejected plays an invalid auth message through `refuseMessageAuth`.
 */
import { diagnosis, type Diagnosis } from '../diagnose/codes.js';
import { parseJson, matches } from '../match.js';
import type { Probe } from '../probe.js';
import { first, type EventOf, type TimelineEvent } from '../timeline.js';
import type { InvalidAuth, Profile } from './schema.js';

type Json = Record<string, unknown>;
type MessageAuth = Extract<Profile['auth'], { mode: 'message' }>;

/** A message excerpt for summaries. */
const excerpt = (text: string): string => (text.length > 160 ? `${text.slice(0, 160)}…` : text);
const shape = (m: Json): string => JSON.stringify(m);

/** The auth message to send: the profile's, or with an invalid variant's token (none: the token field left out). */
export function authMessageFor(auth: MessageAuth, variant: 'valid' | 'invalid', bad?: InvalidAuth): Json {
  if (variant === 'valid') return auth.send;
  const { [auth.tokenField]: _valid, ...rest } = auth.send;
  return bad?.token ? { ...rest, [auth.tokenField]: bad.token } : rest;
}

/** The upgrade answer against `upgrade.subprotocols` / `expectSubprotocol` / `perMessageDeflate`; null when it agrees (or never came). */
export function negotiationProblem(profile: Profile, events: readonly TimelineEvent[]): Diagnosis | null {
  const upgrade = first(events, 'upgrade');
  if (!upgrade) return null;
  const header = (name: string): string | undefined => upgrade.headers[name];
  const u = profile.upgrade;
  if (u.subprotocols) {
    const selected = header('sec-websocket-protocol')?.trim();
    const wanted = u.expectSubprotocol ? [u.expectSubprotocol] : u.subprotocols;
    if (!selected || !wanted.includes(selected)) {
      return diagnosis(
        'SUBPROTOCOL_NOT_SELECTED',
        `offered Sec-WebSocket-Protocol ${u.subprotocols.map((p) => `"${p}"`).join(', ')}; the server ${selected ? `selected "${selected}"` : 'echoed none'}, expected ${wanted.map((p) => `"${p}"`).join(' or ')}`,
      );
    }
  }
  const deflate = /permessage-deflate/i.test(header('sec-websocket-extensions') ?? '');
  if (u.perMessageDeflate === 'required' && !deflate) {
    return diagnosis('COMPRESSION_MISMATCH', 'offered permessage-deflate and the server declined it; the profile requires it (upgrade.perMessageDeflate "required")');
  }
  if (u.perMessageDeflate === 'refused' && deflate) {
    return diagnosis('COMPRESSION_MISMATCH', `offered permessage-deflate and the server accepted it (${header('sec-websocket-extensions')}); the profile says it must be refused (upgrade.perMessageDeflate "refused")`);
  }
  return null;
}

type Step = { label: string; send: Json } | { label: string; expect: Json; budgetMs: number; refused?: Json };

/** The steps a valid client plays after open: the auth message and its answer, then `handshake`. */
export function handshakeSteps(profile: Profile): Step[] {
  const steps: Step[] = [];
  const auth = profile.auth;
  if (auth.mode === 'message') {
    steps.push({ label: 'auth message', send: auth.send });
    if (auth.success) steps.push({ label: 'auth answer', expect: auth.success, budgetMs: auth.budgetMs, refused: auth.failure });
  }
  (profile.handshake ?? []).forEach((s, i) => steps.push({ label: `handshake step ${i + 1}`, ...s }));
  return steps;
}

/** The inbound messages since `t`, for a summary. */
function seenSince(probe: Probe, t: number): string {
  const got = probe.events.filter((e): e is EventOf<'message'> => e.kind === 'message' && e.dir === 'in' && e.t >= t);
  return got.length === 0 ? 'nothing arrived' : `got ${got.length} other message(s), first ${excerpt(got[0]!.text)}`;
}

/**
 * Play the valid client's handshake on an open probe. A diagnosis when a step is refused or
 * unanswered; null when it completed, or when the connection ended (the caller's connection
 * diagnosis tells that).
 */
export async function runHandshake(probe: Probe, profile: Profile): Promise<Diagnosis | null> {
  const used = new Set<EventOf<'message'>>();
  let since = probe.elapsed();
  for (const step of handshakeSteps(profile)) {
    if ('send' in step) {
      if (!probe.send(step.send)) return null;
      since = probe.elapsed();
      continue;
    }
    const answer = (text: string): 'ok' | 'refused' | undefined => {
      const m = parseJson(text);
      if (matches(m, step.expect)) return 'ok';
      return step.refused && matches(m, step.refused) ? 'refused' : undefined;
    };
    const hit = await probe.waitFor('message', step.budgetMs, (e) => e.dir === 'in' && !used.has(e) && answer(e.text) !== undefined, since);
    if (!hit) {
      if (probe.isClosed) return null;
      return diagnosis('HANDSHAKE_STEP_FAILED', `${step.label}: no message matching ${shape(step.expect)} within ${step.budgetMs} ms (${seenSince(probe, since)})`);
    }
    if (answer(hit.text) === 'refused') return diagnosis('HANDSHAKE_STEP_FAILED', `${step.label}: the server refused the valid credential: ${excerpt(hit.text)}`);
    used.add(hit);
    since = hit.t;
  }
  return null;
}

/** Negotiation, then the handshake: what every session does between open and the welcome. */
export async function greet(probe: Probe, profile: Profile): Promise<Diagnosis | null> {
  return negotiationProblem(profile, probe.events) ?? (await runHandshake(probe, profile));
}

/** How an invalid auth message was answered. */
export interface MessageAuthRefusal {
  diagnosis: Diagnosis | null;
  refusedWith?: string;
}

/**
 * Send an invalid variant's auth message on an open probe and judge the answer: the profile's
 * `auth.failure` message, or a server close with one of the variant's codes, is a refusal; the
 * success answer, the welcome, other data with no refusal, or silence is AUTH_NOT_ENFORCED.
 */
export async function refuseMessageAuth(probe: Probe, profile: Profile & { auth: MessageAuth }, bad: InvalidAuth, closeMs: number): Promise<MessageAuthRefusal> {
  const auth = profile.auth;
  const sentAt = probe.elapsed();
  probe.send(authMessageFor(auth, 'invalid', bad));
  const kind = (text: string): 'failure' | 'success' | undefined => {
    const m = parseJson(text);
    if (auth.failure && matches(m, auth.failure)) return 'failure';
    if ((auth.success && matches(m, auth.success)) || (profile.welcome && matches(m, profile.welcome.match))) return 'success';
    return undefined;
  };
  const waitMs = auth.budgetMs + closeMs;
  const hit = await Promise.race([probe.waitFor('message', waitMs, (e) => e.dir === 'in' && kind(e.text) !== undefined, sentAt), probe.waitClosed(waitMs)]);
  if (hit?.kind === 'message' && kind(hit.text) === 'failure') return { diagnosis: null, refusedWith: `message ${excerpt(hit.text)}` };
  if (hit?.kind === 'message') return { diagnosis: diagnosis('AUTH_NOT_ENFORCED', `invalid auth message got a live session: ${excerpt(hit.text)} arrived ${Math.round(hit.t - sentAt)} ms after it`) };
  const close = first(probe.events, 'close');
  if (close && close.by === 'server') {
    if (bad.expectCloseCodes.includes(close.code)) return { diagnosis: null, refusedWith: `close ${close.code}${close.reason ? ` '${close.reason}'` : ''}` };
    return { diagnosis: diagnosis('PREMATURE_CLOSE', `invalid auth message closed with ${close.code}, expected ${bad.expectCloseCodes.join('/')} or ${auth.failure ? shape(auth.failure) : 'a failure message (auth.failure)'}`) };
  }
  if (close) return { diagnosis: diagnosis('PREMATURE_CLOSE', `invalid auth message: the connection was dropped (${close.code}) without a close frame or ${auth.failure ? shape(auth.failure) : 'a failure message'}`) };
  return { diagnosis: diagnosis('AUTH_NOT_ENFORCED', `invalid auth message: the connection stayed open ${waitMs} ms with no refusal (${seenSince(probe, sentAt)})`) };
}
