/**
 * The reference backend's profile — the default one — and the compressed timings the built-in
 * run uses: the production keepalive (25 s / 20 s) shrunk to a few hundred ms so the whole
 * suite runs in seconds.
 */
import type { KeepaliveConfig } from './types.js';
import { profileSchema, type Profile, type ProfileInput } from '../harness/index.js';

export const COMPRESSED_KEEPALIVE: KeepaliveConfig = { kind: 'both', intervalMs: 300, timeoutMs: 500, onTimeout: 'close' };

export interface ReferenceProfileOptions {
  wsUrl: string;
  healthUrl: string;
  token: string;
  keepalive?: Pick<KeepaliveConfig, 'intervalMs' | 'timeoutMs'>;
  stayOpenMs?: number;
  reconnectCycles?: number;
  welcomeBudgetMs?: number;
  /** The reference backend's maxPayloadBytes, when a test changes it. */
  maxMessageBytes?: number;
  /** The reference backend's invalid credentials (from `invalidTokens(secret)`); without them, one garbage token. */
  invalidTokens?: { wrongSignature: string; expired: string; garbage: string };
}

/** Four ways a real token check fails, each refused 1008 by the reference backend (close mode). */
function invalidAuthVariants(t: NonNullable<ReferenceProfileOptions['invalidTokens']>): ProfileInput['invalidAuth'] {
  const refused = { expectCloseCodes: [1008], expectHttpStatuses: [401, 403] };
  return [
    { name: 'wrong signature', token: t.wrongSignature, ...refused },
    { name: 'expired', token: t.expired, ...refused },
    { name: 'garbage', token: t.garbage, ...refused },
    { name: 'none', ...refused },
  ];
}

export function referenceProfile(o: ReferenceProfileOptions): Profile {
  const ka = o.keepalive ?? COMPRESSED_KEEPALIVE;
  return profileSchema.parse({
    name: 'reference-backend',
    url: o.wsUrl,
    auth: { mode: 'query', param: 'token', token: o.token },
    invalidAuth: o.invalidTokens ? invalidAuthVariants(o.invalidTokens) : { token: 'not-a-valid-jwt', expectCloseCodes: [1008], expectHttpStatuses: [401, 403] },
    welcome: { match: { type: 'connection_established' }, budgetMs: o.welcomeBudgetMs ?? 2000 },
    appPing: { request: { type: 'ping', id: 'probe-1' }, response: { type: 'pong' }, idField: 'id', budgetMs: 1000 },
    protocolPing: { budgetMs: 1000 },
    keepalive: { kind: 'either', match: { type: 'ping' }, reply: { type: 'pong' }, idField: 'id', intervalMs: ka.intervalMs, timeoutMs: ka.timeoutMs, toleranceMs: 500 },
    health: { url: o.healthUrl, connectionsField: 'connections', settleMs: 2000 },
    request: { send: { type: 'chat', message: 'hello from ws-chaos' }, expect: { type: 'chat_response' }, correlationField: 'seq', budgetMs: 2000 },
    provoke: {
      malformedJson: true,
      unknownType: { type: 'no_such_type' },
      // The reference backend's limit (mock-backend/types.ts maxPayloadBytes) and its answers (mock-backend/session.ts).
      maxMessageBytes: o.maxMessageBytes ?? 64 * 1024,
      // Invalid auth is judged by conformance/auth-enforced, so it is not repeated here.
      expect: { malformedJson: [1007], unknownType: 'stays-open', oversized: [1009] },
    },
    stayOpenMs: o.stayOpenMs ?? 1000,
    reconnectCycles: o.reconnectCycles ?? 50,
    // A load balancer's 60 s idle timeout against a 25 s keepalive, compressed like the keepalive.
    idleTimeoutMs: Math.round((ka.intervalMs * 60) / 25),
    timeouts: { handshakeMs: 3000, immediateDisconnectMs: 20, closeMs: 1000 },
  });
}
