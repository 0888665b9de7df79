/**
 * A small backend that speaks the quotes protocol (fixtures/quotes.asyncapi.yaml), on 127.0.0.1
 * port 0, with switches that break it the ways the tests need: a price sent as a string (a
 * contract violation), a handler that crashes on a long symbol (only the random search finds
 * it), one that goes silent after an empty symbol.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';

export interface QuotesBreakage {
  priceAsString?: boolean;
  /** A quote whose symbol is longer than this many characters kills the connection (terminate: 1006). */
  crashOnSymbolLongerThan?: number;
  /** An empty symbol stops every answer on that connection. */
  silentAfterEmptySymbol?: boolean;
}

export interface QuotesBackend {
  url: string;
  close(): Promise<void>;
}

export async function startQuotesBackend(b: QuotesBreakage = {}): Promise<QuotesBackend> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/quotes' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  let sessions = 0;
  wss.on('connection', (ws: WebSocket) => {
    let silent = false;
    const send = (m: Record<string, unknown>): void => {
      if (!silent) ws.send(JSON.stringify(m));
    };
    send({ op: 'hello', session: `s-${++sessions}` });
    ws.on('message', (data) => {
      let m: Record<string, unknown>;
      try {
        m = JSON.parse(String(data)) as Record<string, unknown>;
      } catch {
        return ws.close(1007, 'messages must be JSON');
      }
      if (!m || typeof m !== 'object' || Array.isArray(m)) return ws.close(1007, 'messages must be JSON objects');
      const ref = m.ref;
      if (m.op === 'ping') return send({ op: 'pong', ...(ref !== undefined ? { ref } : {}) });
      if (m.op === 'quote') {
        const symbol = m.symbol;
        if (typeof symbol !== 'string') return send({ op: 'error', reason: 'symbol must be a string' });
        if (b.crashOnSymbolLongerThan !== undefined && symbol.length > b.crashOnSymbolLongerThan) return ws.terminate();
        if (b.silentAfterEmptySymbol && symbol === '') {
          silent = true;
          return;
        }
        return send({ op: 'quote_result', symbol, price: b.priceAsString ? '12.5' : 12.5, ...(ref !== undefined ? { ref } : {}) });
      }
      send({ op: 'error', reason: `unknown op ${JSON.stringify(m.op ?? null)}` });
    });
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/quotes`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
