/**
 * Storm triggers for any backend (harness/load/storm-trigger.ts): a restart command restarts the
 * backend and the trigger waits for its health endpoint; a failing command or a backend that
 * never comes back is an environment error naming it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { commandTrigger } from '../../harness/load/storm-trigger.js';
import { isWsChaosError } from '../../harness/index.js';

describe('commandTrigger', () => {
  it('runs the restart command, then waits until the health endpoint answers 2xx', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsc-trigger-'));
    const flag = path.join(dir, 'restarted');
    // The "backend" is up (200) only once the command has run.
    const server = http.createServer((_req, res) => res.writeHead(fs.existsSync(flag) ? 200 : 503).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const healthUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
      const trigger = commandTrigger({ command: `node -e "setTimeout(()=>require('fs').writeFileSync(process.argv[1],'x'),300)" ${JSON.stringify(flag)}`, healthUrl, upTimeoutMs: 10_000 });
      const t = await trigger.fire();
      expect(trigger.kind).toBe('restart');
      expect(fs.existsSync(flag)).toBe(true);
      expect(t.upAt - t.downAt).toBeGreaterThanOrEqual(250);
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);

  it('a failing command is an environment error (exit 3) naming it', async () => {
    const error = await commandTrigger({ command: 'exit 7' }).fire().catch((e: unknown) => e);
    expect(isWsChaosError(error) && error.exitCode).toBe(3);
    expect((error as Error).message).toMatch(/"exit 7" exited 7/);
  });

  it('an empty command is a usage error (exit 2)', () => {
    let error: unknown;
    try {
      commandTrigger({ command: ' ' });
    } catch (e) {
      error = e;
    }
    expect(isWsChaosError(error) && error.exitCode).toBe(2);
  });
});

describe('proxyCutTrigger', () => {
  it('a load-balancer failover (the Toxiproxy proxy disabled, then enabled) cuts every client; jittered, they all come back', async () => {
    const { startEmbeddedToxiproxy } = await import('../../harness/proxy/embedded/index.js');
    const { startReferenceTarget } = await import('../../mock-backend/target.js');
    const { runStorm } = await import('../../harness/load/storm.js');
    const { namedPolicy } = await import('../../harness/load/reconnect-policy.js');
    const { proxyCutTrigger } = await import('../../harness/load/storm-trigger.js');
    const target = await startReferenceTarget({ logLevel: 'silent' });
    const toxiproxy = await startEmbeddedToxiproxy();
    try {
      const upstream = new URL(target.backend.wsUrl);
      const res = await fetch(`${toxiproxy.url}/proxies`, { method: 'POST', body: JSON.stringify({ name: 'lb', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream.port}`, enabled: true }) });
      const { listen } = (await res.json()) as { listen: string };
      const viaProxy = `ws://${listen}${upstream.pathname}`;
      const r = await runStorm({
        profile: { ...target.profile, url: viaProxy },
        connections: 100,
        plan: { stages: [{ fromPerS: 1000, toPerS: 1000, durationMs: 0 }] },
        policy: namedPolicy('jittered'),
        trigger: proxyCutTrigger({ toxiproxyUrl: toxiproxy.url, proxy: 'lb', cutMs: 300 }),
        recoverMs: 15_000,
      });
      expect(r.kind).toBe('proxy-cut');
      expect(r.dropped).toBe(100);
      expect(r.neverBack).toBe(0);
      expect(r.diagnoses).toEqual([]);
    } finally {
      await toxiproxy.stop();
      await target.close();
    }
  }, 30_000);
});
