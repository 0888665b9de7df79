/**
 * One process of the multi-process reference backend (cluster.ts): it starts the reference
 * backend on 127.0.0.1 port 0 with the options it is sent over IPC, answers with its URLs and a
 * token, and closes (every client 1001) on {close: true} or when its parent goes away.
 */
import { signToken } from './auth.js';
import { startReferenceBackend, type BackendOptions, type RunningBackend } from './server.js';

let backend: RunningBackend | undefined;

const stop = (): void => {
  void (backend?.close() ?? Promise.resolve()).finally(() => process.exit(0));
};

process.on('disconnect', stop);
process.on('message', (m: { start?: BackendOptions; close?: boolean }) => {
  if (m.close) return stop();
  if (!m.start) return;
  void (async () => {
    backend = await startReferenceBackend({ ...m.start, host: '127.0.0.1', port: 0 });
    const token = await signToken(backend.config.jwtSecret, 'ws-chaos-load');
    process.send?.({ ready: { wsUrl: backend.wsUrl, healthUrl: backend.healthUrl, token, pid: process.pid } });
  })().catch((e: unknown) => {
    process.send?.({ error: (e as Error).message });
    process.exit(3);
  });
});
