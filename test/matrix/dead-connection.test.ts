/**
 * A dead connection is a diagnosis, never a harness error: every backend scenario (conformance
 * and chaos) runs against backends whose connections die — closed 1011 before the welcome,
 * dropped at once, dropped mid-session, never speaking — and none of them may end `errored`.
 * The profile's close budget is long enough that half of it (slow-close's toxic) outlasts the
 * welcome budget, the setting that once made slow-close throw.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ToxiproxyRef } from '../../harness/chaos.js';
import { startEmbeddedToxiproxy, type EmbeddedToxiproxy } from '../../harness/proxy/embedded/index.js';
import { startReferenceTarget, type ReferenceTargetOptions } from '../../mock-backend/target.js';
import { runScenario } from '../../harness/run-scenario.js';
import type { Profile } from '../../harness/profile/schema.js';
import { SCENARIOS } from '../../scenarios/index.js';
import { MATRIX_KEEPALIVE, matrixProfile } from './matrix-profile.js';

/** Half the close budget (600 ms) outlasts the welcome budget (500 ms). */
const deadProfile = (p: Profile): Profile => {
  const m = matrixProfile(p);
  return { ...m, timeouts: { ...m.timeouts, closeMs: 1200 } };
};

interface Dropper {
  url: (wsUrl: string) => string;
  close(): Promise<void>;
}

/** A TCP forwarder that destroys both sides of every connection `afterMs` after it arrives. */
async function startDropper(targetPort: number, afterMs: number): Promise<Dropper> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const cut = (): void => {
      client.destroy();
      upstream.destroy();
    };
    const timer = setTimeout(cut, afterMs);
    const forget = (): void => {
      clearTimeout(timer);
      cut();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: (wsUrl) => {
      const u = new URL(wsUrl);
      u.port = String(port);
      return u.toString();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Fault {
  label: string;
  faults: NonNullable<ReferenceTargetOptions['faults']>;
  /** Drop every TCP connection this long after it arrives (after the welcome). */
  dropAfterMs?: number;
}

const FAULTS: Fault[] = [
  { label: 'closes 1011 before the welcome', faults: [{ name: 'missing-services', params: { afterMs: 20 } }] },
  { label: 'closes 1011 as the welcome budget ends', faults: [{ name: 'missing-services', params: { afterMs: 500 } }] },
  { label: 'drops at once', faults: ['reader-exits-immediately'] },
  { label: 'drops mid-session', faults: [], dropAfterMs: 250 },
  { label: 'never speaks', faults: ['mute-after-accept'] },
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

async function outcome(scenarioId: string, fault: Fault): Promise<string> {
  const target = await startReferenceTarget({ faults: fault.faults, keepalive: MATRIX_KEEPALIVE });
  const dropper = fault.dropAfterMs === undefined ? undefined : await startDropper(Number(new URL(target.profile.url).port), fault.dropAfterMs);
  try {
    const base = deadProfile(target.profile);
    const profile = dropper ? { ...base, url: dropper.url(base.url) } : base;
    const scenario = SCENARIOS.find((s) => s.id === scenarioId)!;
    const result = await runScenario(scenario, { profile, toxiproxy: ref });
    return `${result.status}:${result.diagnosis?.code ?? ''}: ${result.diagnosis?.summary ?? result.reason ?? ''}`;
  } finally {
    await dropper?.close();
    await target.close();
  }
}

describe.concurrent('a dead connection is a diagnosis, never a harness error', () => {
  for (const fault of FAULTS) {
    for (const scenario of SCENARIOS) {
      test(`${scenario.id} against a backend that ${fault.label}`, async () => {
        const got = await outcome(scenario.id, fault);
        expect(got).not.toMatch(/^errored:/);
        expect(got).not.toMatch(/SCENARIO_ERROR/);
      });
    }
  }
});
