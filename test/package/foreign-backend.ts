/**
 * A backend that is not the reference one, for the package check: its messages name their kind
 * in `op` (not `type`), the credential is an `Authorization` header (an upgrade without it is
 * refused 401), replies echo `ref`. `foreignProfile()` is the JSON profile a user would write for it.
 * Binds 127.0.0.1 on port 0; `close()` ends every connection.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const FOREIGN_TOKEN = 'Bearer op-secret-7f3a';

export interface ForeignBackend {
  url: string;
  close(): Promise<void>;
}

function answer(ws: WebSocket, data: Buffer, isBinary: boolean): void {
  if (isBinary) return ws.close(1003, 'text only');
  let msg: { op?: unknown; id?: unknown; ref?: unknown; text?: unknown };
  try {
    msg = JSON.parse(data.toString('utf8')) as typeof msg;
  } catch {
    return ws.close(1007, 'malformed JSON');
  }
  if (msg.op === 'ping') return ws.send(JSON.stringify({ op: 'pong', id: msg.id, at: Date.now() }));
  if (msg.op === 'echo') return ws.send(JSON.stringify({ op: 'echo_reply', ref: msg.ref, text: msg.text }));
  ws.send(JSON.stringify({ op: 'error', reason: `unknown op ${JSON.stringify(msg.op)}` }));
}

export async function startForeignBackend(): Promise<ForeignBackend> {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    path: '/live',
    verifyClient: (info, done) => (info.req.headers.authorization === FOREIGN_TOKEN ? done(true) : done(false, 401, 'Unauthorized')),
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ op: 'hello', session: randomUUID() }));
    ws.on('message', (data: Buffer, isBinary) => answer(ws, data, isBinary));
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/live`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** The profile for this backend, as a user writes it next to their package.json. */
export function foreignProfile(url: string): Record<string, unknown> {
  return {
    $schema: './node_modules/ws-chaos/profiles/profile.schema.json',
    name: 'op-protocol',
    url,
    auth: { mode: 'header', header: 'Authorization', value: '${FOREIGN_TOKEN}' },
    invalidAuth: { header: 'Bearer wrong', expectCloseCodes: [1008], expectHttpStatuses: [401] },
    welcome: { match: { op: 'hello' }, budgetMs: 2000 },
    appPing: { request: { op: 'ping' }, response: { op: 'pong' }, idField: 'id', budgetMs: 2000 },
    protocolPing: { budgetMs: 2000 },
    request: { send: { op: 'echo', text: 'hi' }, expect: { op: 'echo_reply' }, correlationField: 'ref', budgetMs: 2000 },
    provoke: { malformedJson: true, unknownType: { op: 'no_such_op' }, expect: { malformedJson: [1007], unknownType: 'stays-open' } },
    stayOpenMs: 1000,
    reconnectCycles: 3,
  };
}
