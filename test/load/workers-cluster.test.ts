/**
 * The multi-process reference backend (mock-backend/cluster.ts): N processes, each on its own
 * 127.0.0.1 port, each taking connections with its own health count; close() ends every process.
 */
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { startBackendCluster } from '../../mock-backend/cluster.js';

const welcomed = (url: string): Promise<WebSocket> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => (ws.terminate(), reject(new Error('no welcome in 5 s'))), 5000);
    ws.on('message', (d) => {
      if (JSON.parse(d.toString()).type === 'connection_established') {
        clearTimeout(timer);
        resolve(ws);
      }
    });
    ws.on('error', (e) => (clearTimeout(timer), reject(e)));
  });

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startBackendCluster', () => {
  it('runs N reference backends in N processes on their own ports, and closes them all', async () => {
    const cluster = await startBackendCluster(2, { logLevel: 'silent' });
    const sockets: WebSocket[] = [];
    try {
      const [a, b] = cluster.members;
      expect(new Set(cluster.members.map((m) => m.pid)).size).toBe(2);
      expect(a.pid).not.toBe(process.pid);
      expect(new URL(a.wsUrl).port).not.toBe(new URL(b.wsUrl).port);
      expect(new URL(a.wsUrl).hostname).toBe('127.0.0.1');
      sockets.push(await welcomed(`${a.wsUrl}?token=${a.token}`), await welcomed(`${a.wsUrl}?token=${a.token}`), await welcomed(`${b.wsUrl}?token=${b.token}`));
      const counts = await Promise.all(cluster.members.map(async (m) => ((await (await fetch(m.healthUrl)).json()) as { connections: number }).connections));
      expect(counts).toEqual([2, 1]);
    } finally {
      for (const s of sockets) s.terminate();
      await cluster.close();
    }
    expect(cluster.members.map((m) => alive(m.pid))).toEqual([false, false]);
  }, 40_000);
});
