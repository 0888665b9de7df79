/**
 * The chaos part of the detection matrix: every chaos scenario, through the embedded
 * Toxiproxy, passes against the healthy reference backend and fails with the right code
 * against a reference-backend configuration with the weakness it is there to expose.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DiagnosisCode } from '../../harness/diagnose/codes';
import type { ToxiproxyRef } from '../../harness/chaos';
import { startEmbeddedToxiproxy, type EmbeddedToxiproxy } from '../../harness/proxy/embedded/index';
import { startReferenceTarget, type ReferenceTargetOptions } from '../../harness/reference-target';
import { runScenario } from '../../harness/run-scenario';
import type { BackendOptions } from '../../mock-backend/server';
import { CHAOS, getScenario } from '../../scenarios/index';
import { MATRIX_KEEPALIVE, matrixProfile } from './matrix-profile';

interface Config {
  label: string;
  /** Faults for the reference backend. */
  faults?: ReferenceTargetOptions['faults'];
  /** Backend settings that differ from what the profile promises. */
  backend?: Omit<BackendOptions, 'faults'>;
}

interface Row {
  scenario: string;
  failing: Array<Config & { expect: DiagnosisCode }>;
}

const ROWS: Row[] = [
  { scenario: 'chaos/latency-welcome', failing: [{ label: 'slow-welcome 900 ms', faults: [{ name: 'slow-welcome', params: { delayMs: 900 } }], expect: 'WELCOME_LATE' }] },
  {
    scenario: 'chaos/latency-keepalive',
    failing: [{ label: 'pong timeout 20 ms, 200 ms promised', backend: { keepalive: { timeoutMs: 20 } }, expect: 'KEEPALIVE_INTOLERANT' }],
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

let proxy: EmbeddedToxiproxy;
let ref: ToxiproxyRef;
beforeAll(async () => {
  proxy = await startEmbeddedToxiproxy();
  ref = { provider: 'embedded', version: proxy.version, url: proxy.url };
});
afterAll(async () => {
  await proxy?.stop();
});

async function verdict(scenarioId: string, config: Config): Promise<string> {
  const target = await startReferenceTarget({ faults: config.faults ?? [], keepalive: MATRIX_KEEPALIVE, backend: config.backend });
  try {
    const result = await runScenario(getScenario(scenarioId)!, { profile: matrixProfile(target.profile), toxiproxy: ref });
    return result.status === 'passed' ? 'passed' : `${result.status}:${result.diagnosis?.code ?? result.reason}: ${result.diagnosis?.summary ?? result.reason ?? ''}`;
  } finally {
    await target.close();
  }
}

describe('chaos detection matrix (embedded Toxiproxy)', () => {
  test('every chaos scenario has a row', () => {
    expect(CHAOS.map((s) => s.id).sort()).toEqual(ROWS.map((r) => r.scenario).sort());
  });

  describe.concurrent('rows', () => {
    for (const row of ROWS) {
      test(`${row.scenario}: passes against the healthy backend`, async () => {
        expect(await verdict(row.scenario, { label: 'healthy' })).toBe('passed');
      });
      for (const f of row.failing) {
        test(`${row.scenario}: ${f.label} → ${f.expect}`, async () => {
          expect(await verdict(row.scenario, f)).toMatch(new RegExp(`^failed:${f.expect}:`));
        });
      }
    }
  });
});
