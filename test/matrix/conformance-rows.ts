/**
 * The conformance rows of the detection matrix: for each fault of the catalogue, which
 * conformance scenarios must fail and with which code; every other scenario must pass.
 */
import type { DiagnosisCode } from '../../harness/diagnose/codes.js';
import type { FaultSpecInput } from '../../harness/faults/spec.js';

export type Id =
  | 'handshake'
  | 'auth-rejected'
  | 'welcome-timing'
  | 'stays-open'
  | 'app-ping-pong'
  | 'protocol-ping-pong'
  | 'server-keepalive'
  | 'dead-client-detected'
  | 'clean-close'
  | 'close-codes'
  | 'reconnect-storm'
  | 'message-roundtrip'
  | 'unexpected-input';

export interface Row {
  fault: FaultSpecInput | null;
  /** Run with the reference backend's AsyncAPI contract on (profiles/reference.asyncapi.yaml). */
  asyncapi?: true;
  expect: Partial<Record<Id, DiagnosisCode>>;
}

/** Every scenario that needs a live session after the welcome. */
const SESSION: Id[] = [
  'welcome-timing',
  'stays-open',
  'app-ping-pong',
  'protocol-ping-pong',
  'server-keepalive',
  'dead-client-detected',
  'clean-close',
  'close-codes',
  'reconnect-storm',
  'message-roundtrip',
  'unexpected-input',
];
const each = (ids: Id[], code: DiagnosisCode): Partial<Record<Id, DiagnosisCode>> => Object.fromEntries(ids.map((id) => [id, code]));

// Faults timed at 300 ms here (30-50 ms by default) keep "immediate" (≤ 100 ms here) far from "soon".
export const MATRIX: Row[] = [
  { fault: null, expect: {} },
  { fault: 'orchestrator-init-failure', expect: each(['handshake', 'auth-rejected', ...SESSION], 'HANDSHAKE_REJECTED') },
  { fault: 'accept-gated', expect: each(['handshake', ...SESSION], 'HANDSHAKE_REJECTED') },
  { fault: { name: 'orchestrator-crash-after-accept', params: { afterMs: 300 } }, expect: each(SESSION, 'DROPPED_BEFORE_WELCOME') },
  { fault: { name: 'close-without-status', params: { afterMs: 300 } }, expect: each(SESSION, 'CLOSED_WITHOUT_STATUS') },
  { fault: 'orchestrator-init-failure-handled', expect: each(SESSION, 'INTERNAL_ERROR_BEFORE_WELCOME') },
  { fault: 'missing-services', expect: each(SESSION, 'INTERNAL_ERROR_BEFORE_WELCOME') },
  { fault: { name: 'startup-incomplete', params: { forMs: 600_000 } }, expect: each(SESSION, 'INTERNAL_ERROR_BEFORE_WELCOME') },
  { fault: 'reader-exits-immediately', expect: each(['auth-rejected', ...SESSION], 'IMMEDIATE_DISCONNECT') },
  {
    fault: 'mute-after-accept',
    expect: {
      'welcome-timing': 'SILENT_SERVER',
      'app-ping-pong': 'APP_PONG_MISSING',
      'server-keepalive': 'KEEPALIVE_MISSING',
      'dead-client-detected': 'DEAD_CLIENT_NOT_DETECTED',
      'reconnect-storm': 'SILENT_SERVER',
      'message-roundtrip': 'RESPONSE_MISSING',
      'unexpected-input': 'RESPONSE_MISSING',
    },
  },
  { fault: { name: 'slow-welcome', params: { delayMs: 650 } }, expect: { 'welcome-timing': 'WELCOME_LATE', 'reconnect-storm': 'WELCOME_LATE' } },
  { fault: 'no-app-pong', expect: { 'app-ping-pong': 'APP_PONG_MISSING' } },
  { fault: 'no-protocol-pong', expect: { 'protocol-ping-pong': 'PROTOCOL_PONG_MISSING' } },
  { fault: 'no-keepalive', expect: { 'server-keepalive': 'KEEPALIVE_MISSING', 'dead-client-detected': 'DEAD_CLIENT_NOT_DETECTED' } },
  { fault: 'no-dead-client-detection', expect: { 'dead-client-detected': 'DEAD_CLIENT_NOT_DETECTED' } },
  { fault: 'auth-bypass', expect: { 'auth-rejected': 'AUTH_NOT_ENFORCED' } },
  { fault: 'accepts-expired-token', expect: { 'auth-rejected': 'AUTH_NOT_ENFORCED' } },
  {
    fault: { name: 'flap', params: { afterMs: 100 } },
    expect: { 'stays-open': 'PREMATURE_CLOSE', 'server-keepalive': 'PREMATURE_CLOSE', 'dead-client-detected': 'PREMATURE_CLOSE' },
  },
  { fault: 'connection-leak', expect: { 'dead-client-detected': 'CONNECTIONS_LEAKED', 'reconnect-storm': 'CONNECTIONS_LEAKED' } },
  { fault: 'crash-on-malformed-json', expect: { 'close-codes': 'INVALID_CLOSE_CODE' } },
  { fault: 'drop-on-client-close', expect: { 'clean-close': 'UNCLEAN_CLOSE' } },
  // Needs several requests in flight: caught by chaos/jitter (chaos-rows.ts), invisible here.
  { fault: 'unordered-replies', expect: {} },
  // Late only under concurrency: one connection at a time (every conformance scenario) is welcomed after 25 ms; test/load/load-rows.ts catches it.
  { fault: 'welcome-pool', expect: {} },
  // The contract rows: the healthy backend conforms; a fault that breaks the document on purpose is caught with it on.
  { fault: null, asyncapi: true, expect: {} },
  { fault: 'welcome-renames-field', asyncapi: true, expect: each(['handshake', ...SESSION], 'MESSAGE_CONTRACT_VIOLATION') },
  { fault: 'reply-field-retyped', asyncapi: true, expect: each(['message-roundtrip', 'unexpected-input'], 'MESSAGE_CONTRACT_VIOLATION') },
  // Bad input, from the profile's shapes and from the document's schemas.
  { fault: 'crash-on-unknown-type', expect: { 'unexpected-input': 'BAD_INPUT_NOT_HANDLED', 'close-codes': 'INVALID_CLOSE_CODE' } },
  { fault: 'crash-on-unknown-type', asyncapi: true, expect: { 'unexpected-input': 'BAD_INPUT_NOT_HANDLED', 'close-codes': 'INVALID_CLOSE_CODE' } },
  { fault: 'crash-on-wrong-type', expect: { 'unexpected-input': 'BAD_INPUT_NOT_HANDLED' } },
  { fault: 'crash-on-wrong-type', asyncapi: true, expect: { 'unexpected-input': 'BAD_INPUT_NOT_HANDLED' } },
];

