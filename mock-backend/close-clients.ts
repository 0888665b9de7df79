/**
 * Closing every client of the reference backend with one code (1001 on shutdown, 1001 or 1012
 * for a storm's restart) and waiting, bounded by `graceMs` each, for their close handshakes; a
 * client that is not open, or does not answer in time, is terminated.
 */
import type { WebSocket } from 'ws';

export async function closeClients(clients: Iterable<WebSocket>, code: number, reason: string, graceMs: number): Promise<void> {
  await Promise.all(
    [...clients].map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState !== ws.OPEN) {
            ws.terminate();
            return resolve();
          }
          const timer = setTimeout(() => {
            ws.terminate();
            resolve();
          }, graceMs);
          ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          ws.close(code, reason);
        }),
    ),
  );
}
