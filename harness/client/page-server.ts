/**
 * A static server for the reference client page: `/` is client/page/index.html, `/boot.js`
 * the bundled client. Binds 127.0.0.1 on port 0; `close()` ends every connection.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvironmentError } from '../errors.js';
import { referencePageScript } from './bundle.js';

const INDEX = new URL('../../client/page/index.html', import.meta.url);

export interface PageServer {
  /** http://127.0.0.1:port/ */
  url: string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const html = readFileSync(INDEX, 'utf8');
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      return;
    }
    if (path === '/boot.js') {
      referencePageScript().then(
        (js) => res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(js),
        (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(e.message),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(new EnvironmentError('WSC_ERR_ENVIRONMENT', `the reference page server could not listen: ${e.message}`)));
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}
