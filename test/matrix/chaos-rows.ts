/**
 * The chaos rows of the detection matrix: each chaos scenario passes against the healthy
 * reference backend and fails, with the listed code, against each configuration given.
 */
import type { DiagnosisCode } from '../../harness/diagnose/codes.js';
import type { ReferenceTargetOptions } from '../../mock-backend/target.js';
import type { BackendOptions } from '../../mock-backend/server.js';

export interface Config {
  label: string;
  /** Faults for the reference backend. */
  faults?: ReferenceTargetOptions['faults'];
  /** Backend settings that differ from what the profile promises. */
  backend?: Omit<BackendOptions, 'faults'>;
}

export interface Row {
  scenario: string;
  failing: Array<Config & { expect: DiagnosisCode }>;
}

export const ROWS: Row[] = [
  { scenario: 'chaos/latency-welcome', failing: [{ label: 'slow-welcome 950 ms', faults: [{ name: 'slow-welcome', params: { delayMs: 950 } }], expect: 'WELCOME_LATE' }] },
  {
    scenario: 'chaos/latency-keepalive',
    failing: [{ label: 'pong timeout 20 ms, 1000 ms promised', backend: { keepalive: { timeoutMs: 20 } }, expect: 'KEEPALIVE_INTOLERANT' }],
  },
  { scenario: 'chaos/jitter', failing: [{ label: 'unordered-replies', faults: ['unordered-replies'], expect: 'MESSAGE_ORDER_VIOLATED' }] },
  { scenario: 'chaos/slicer', failing: [{ label: 'slowloris timeout 10 ms', backend: { requestTimeoutMs: 10 }, expect: 'HANDSHAKE_REJECTED' }] },
  { scenario: 'chaos/bandwidth', failing: [{ label: 'message limit 16 KiB', backend: { maxPayloadBytes: 16 * 1024 }, expect: 'PREMATURE_CLOSE' }] },
  { scenario: 'chaos/reset-peer', failing: [{ label: 'connection-leak', faults: ['connection-leak'], expect: 'CONNECTIONS_LEAKED' }] },
  {
    scenario: 'chaos/half-open',
    failing: [
      { label: 'no-dead-client-detection', faults: ['no-dead-client-detection'], expect: 'DEAD_PEER_NOT_DETECTED' },
      { label: 'no-keepalive', faults: ['no-keepalive'], expect: 'DEAD_PEER_NOT_DETECTED' },
    ],
  },
  {
    scenario: 'chaos/partition-recover',
    failing: [{ label: 'connection-leak with a cap of 1', faults: ['connection-leak'], backend: { maxConnections: 1 }, expect: 'HANDSHAKE_REJECTED' }],
  },
  { scenario: 'chaos/slow-close', failing: [{ label: 'drop-on-client-close', faults: ['drop-on-client-close'], expect: 'UNCLEAN_CLOSE' }] },
  {
    scenario: 'chaos/pong-loss',
    failing: [
      { label: 'no-dead-client-detection', faults: ['no-dead-client-detection'], expect: 'DEAD_PEER_NOT_DETECTED' },
      { label: 'keepalive timeout terminates', backend: { keepalive: { onTimeout: 'terminate' } }, expect: 'UNCLEAN_CLOSE' },
    ],
  },
  { scenario: 'chaos/idle-timeout', failing: [{ label: 'no-keepalive', faults: ['no-keepalive'], expect: 'IDLE_TIMEOUT_RISK' }] },
];

