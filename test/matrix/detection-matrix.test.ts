/**
 * The detection matrix — the heart of the suite. For every fault of the catalogue, the
 * reference backend plays it and every conformance scenario runs against it: the scenarios
 * listed in the row must fail with exactly that diagnosis code, every other scenario must
 * pass. The healthy backend passes everything. A new fault is a new row.
 */
import { afterAll, describe, expect, test } from 'vitest';
import type { DiagnosisCode } from '../../harness/diagnose/codes';
import { startReferenceTarget, type ReferenceTarget } from '../../harness/reference-target';
import { runScenario } from '../../harness/run-scenario';
import { FAULTS } from '../../mock-backend/faults/catalogue';
import type { FaultSpecInput } from '../../mock-backend/faults/spec';
import { CONFORMANCE } from '../../scenarios/index';
import { MATRIX_KEEPALIVE, matrixProfile } from './matrix-profile';

type Id =
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
  | 'message-roundtrip';

interface Row {
  fault: FaultSpecInput | null;
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
];
const each = (ids: Id[], code: DiagnosisCode): Partial<Record<Id, DiagnosisCode>> => Object.fromEntries(ids.map((id) => [id, code]));

// Faults timed at 100 ms here (30-50 ms by default) keep "immediate" (≤ 20 ms) far from "soon".
export const MATRIX: Row[] = [
  { fault: null, expect: {} },
  { fault: 'orchestrator-init-failure', expect: each(['handshake', 'auth-rejected', ...SESSION], 'HANDSHAKE_REJECTED') },
  { fault: 'accept-gated', expect: each(['handshake', ...SESSION], 'HANDSHAKE_REJECTED') },
  { fault: { name: 'orchestrator-crash-after-accept', params: { afterMs: 100 } }, expect: each(SESSION, 'DROPPED_BEFORE_WELCOME') },
  { fault: { name: 'close-without-status', params: { afterMs: 100 } }, expect: each(SESSION, 'CLOSED_WITHOUT_STATUS') },
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
    },
  },
  { fault: { name: 'slow-welcome', params: { delayMs: 750 } }, expect: { 'welcome-timing': 'WELCOME_LATE', 'reconnect-storm': 'WELCOME_LATE' } },
  { fault: 'no-app-pong', expect: { 'app-ping-pong': 'APP_PONG_MISSING' } },
  { fault: 'no-protocol-pong', expect: { 'protocol-ping-pong': 'PROTOCOL_PONG_MISSING' } },
  { fault: 'no-keepalive', expect: { 'server-keepalive': 'KEEPALIVE_MISSING', 'dead-client-detected': 'DEAD_CLIENT_NOT_DETECTED' } },
  { fault: 'no-dead-client-detection', expect: { 'dead-client-detected': 'DEAD_CLIENT_NOT_DETECTED' } },
  { fault: 'auth-bypass', expect: { 'auth-rejected': 'AUTH_NOT_ENFORCED' } },
  {
    fault: { name: 'flap', params: { afterMs: 100 } },
    expect: { 'stays-open': 'PREMATURE_CLOSE', 'server-keepalive': 'PREMATURE_CLOSE', 'dead-client-detected': 'PREMATURE_CLOSE' },
  },
  { fault: 'connection-leak', expect: { 'dead-client-detected': 'CONNECTIONS_LEAKED', 'reconnect-storm': 'CONNECTIONS_LEAKED' } },
  { fault: 'crash-on-malformed-json', expect: { 'close-codes': 'INVALID_CLOSE_CODE' } },
  { fault: 'drop-on-client-close', expect: { 'clean-close': 'UNCLEAN_CLOSE' } },
];

const faultName = (f: FaultSpecInput | null): string => (f === null ? 'healthy' : typeof f === 'string' ? f : f.name);

const targets = new Set<ReferenceTarget>();
afterAll(async () => {
  await Promise.all([...targets].map((t) => t.close()));
});

describe('detection matrix', () => {
  test('every fault of the catalogue has a row, and its catalogued diagnosis appears in it', () => {
    for (const f of FAULTS) {
      const row = MATRIX.find((r) => faultName(r.fault) === f.name);
      expect(row, `fault ${f.name} has no matrix row`).toBeDefined();
      expect(Object.values(row!.expect), `fault ${f.name}: ${f.diagnosis} should be produced`).toContain(f.diagnosis);
    }
  });

  describe.concurrent('each row', () => {
    for (const row of MATRIX) {
      test(faultName(row.fault), async () => {
        const target = await startReferenceTarget({ faults: row.fault ? [row.fault] : [], keepalive: MATRIX_KEEPALIVE });
        targets.add(target);
        try {
          const profile = matrixProfile(target.profile);
          const actual: Record<string, string> = {};
          const wanted: Record<string, string> = {};
          const evidence: string[] = [];
          for (const scenario of CONFORMANCE) {
            const id = scenario.id.replace('conformance/', '') as Id;
            const result = await runScenario(scenario, { profile });
            actual[id] = result.status === 'passed' ? 'passed' : `${result.status}:${result.diagnosis?.code ?? '-'}`;
            wanted[id] = row.expect[id] ? `failed:${row.expect[id]}` : 'passed';
            if (actual[id] !== wanted[id]) evidence.push(`${id}: ${result.diagnosis?.summary ?? result.reason ?? JSON.stringify(result.observations)}`);
          }
          expect(actual, evidence.join('\n')).toEqual(wanted);
        } finally {
          await target.close();
          targets.delete(target);
        }
      });
    }
  });
});
