/**
 * Small foreign backends for the profile v2 tests: a `ws` server on 127.0.0.1 port 0 that speaks
 * whatever protocol the test gives it (`onConnection`), with an HTTP health endpoint on the same
 * port that counts open connections (optionally behind a bearer token). Not the reference backend.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket, type ServerOptions } from 'ws';

export interface ForeignServer {
  url: string;
  healthUrl: string;
  close(): Promise<void>;
}

export interface ForeignOptions {
  /** What the server does with each connection (after the upgrade). */
  onConnection: (ws: WebSocket, req: IncomingMessage) => void;
  /** Options handed to ws's server (handleProtocols, perMessageDeflate...). */
  ws?: Omit<ServerOptions, 'server' | 'port' | 'host' | 'noServer'>;
  /** When set, GET /health answers 401 without `Authorization: Bearer <healthToken>`. */
  healthToken?: string;
}

/** Parse a text frame as a JSON object, or undefined. */
export function json(data: unknown): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(String(data));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function startForeign(opts: ForeignOptions): Promise<ForeignServer> {
  const http: Server = createServer((req, res) => {
    if (req.url !== '/health') return void res.writeHead(404).end();
    if (opts.healthToken && req.headers.authorization !== `Bearer ${opts.healthToken}`) return void res.writeHead(401).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ws: { open: wss.clients.size } }));
  });
  const wss = new WebSocketServer({ server: http, ...opts.ws });
  wss.on('connection', (ws, req) => opts.onConnection(ws, req));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    healthUrl: `http://127.0.0.1:${port}/health`,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
