/**
 * The deploys a storm can play against ANY backend (the reference backend's own restart and
 * crash are in mock-backend/cluster-restart.ts):
 * - `commandTrigger`: the profile's (or the flag's) `restart` command — run it in a shell, then
 *   wait until the backend's health endpoint answers 2xx again (the backend is "up");
 * - `proxyCutTrigger`: a load-balancer failover through Toxiproxy — disable the proxy the clients
 *   dial through (every connection cut, no close frame), wait `cutMs`, enable it again.
 * Each resolves with when the clients were cut off and when the backend could take them again
 * (monotonic ms); each is bounded (the command and the wait for health by `upTimeoutMs`).
 */
import { spawn } from 'node:child_process';
import { now, sleep } from '../clock.js';
import { ConfigError, EnvironmentError } from '../errors.js';
import type { StormTrigger } from './storm.js';

/** Poll `healthUrl` until it answers 2xx, at most `timeoutMs`; false on timeout. */
async function healthy(healthUrl: string, timeoutMs: number): Promise<boolean> {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(1000) });
      await res.text();
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await sleep(50);
  }
  return false;
}

export function commandTrigger(o: { command: string; healthUrl?: string; upTimeoutMs?: number }): StormTrigger {
  if (o.command.trim() === '') throw new ConfigError('WSC_ERR_USAGE', 'the restart command is empty: give the shell command that restarts the backend (profile `restart`), or use --storm proxy-cut.');
  const upTimeoutMs = o.upTimeoutMs ?? 60_000;
  return {
    kind: 'restart',
    fire: async () => {
      const downAt = now();
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(o.command, { shell: true, stdio: 'ignore' });
        const timer = setTimeout(() => child.pid !== undefined && child.kill('SIGKILL'), upTimeoutMs);
        child.once('error', (e) => (clearTimeout(timer), reject(e)));
        child.once('exit', (c) => (clearTimeout(timer), resolve(c)));
      });
      if (code !== 0) throw new EnvironmentError('WSC_ERR_ENVIRONMENT', `the restart command "${o.command}" exited ${code ?? '(killed after the deadline)'}: run it by hand to see why, or fix the profile's restart command.`);
      if (o.healthUrl && !(await healthy(o.healthUrl, Math.max(0, upTimeoutMs - (now() - downAt))))) {
        throw new EnvironmentError('WSC_ERR_ENVIRONMENT', `after the restart command the health endpoint ${o.healthUrl} did not answer 2xx within ${upTimeoutMs} ms: the backend did not come back.`);
      }
      return { downAt, upAt: now() };
    },
  };
}

export function proxyCutTrigger(o: { toxiproxyUrl: string; proxy: string; cutMs?: number }): StormTrigger {
  const set = async (enabled: boolean): Promise<void> => {
    const res = await fetch(`${o.toxiproxyUrl}/proxies/${encodeURIComponent(o.proxy)}`, { method: 'POST', body: JSON.stringify({ enabled }), signal: AbortSignal.timeout(5000) });
    const text = await res.text();
    if (!res.ok) throw new EnvironmentError('WSC_ERR_ENVIRONMENT', `Toxiproxy at ${o.toxiproxyUrl} refused to ${enabled ? 'enable' : 'disable'} proxy "${o.proxy}" (${res.status} ${text.trim()}): check the proxy name.`);
  };
  return {
    kind: 'proxy-cut',
    fire: async () => {
      const downAt = now();
      await set(false);
      await sleep(o.cutMs ?? 1000);
      await set(true);
      return { downAt, upAt: now() };
    },
  };
}
