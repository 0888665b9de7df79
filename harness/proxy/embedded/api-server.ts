/**
 * HTTP transport of the control API with Toxiproxy's (gorilla/mux + net/http) observable rules:
 * - unknown path: 404 `404 page not found\n` (text/plain); known path, other method: 405, empty;
 * - on a matched route only: a User-Agent starting with `Mozilla/` gets 403 `User agent not allowed\n`;
 * - success: `application/json`, json.Marshal output with no trailing newline (only /version has one);
 *   204 without body;
 * - errors: Go's http.Error: `text/plain; charset=utf-8`, `X-Content-Type-Options: nosniff`,
 *   body `{"error":"...","status":N}\n`.
 * Requests are handled one at a time (Toxiproxy serialises them with locks).
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { ApiError } from './api-error.js';
import { ApiHandlers, type ApiResult } from './api-handlers.js';
import { goJsonString } from './go-json-decode.js';
import type { ProxyRegistry } from './proxy-registry.js';

type Handler = (params: string[], body: string) => ApiResult | Promise<ApiResult>;

interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const XID_ALPHABET = '0123456789abcdefghijklmnopqrstuv';

function requestId(): string {
  return [...randomBytes(20)].map((b) => XID_ALPHABET[b & 31]).join('');
}

function routes(h: ApiHandlers): Route[] {
  const seg = '([^/]+)';
  return [
    { pattern: /^\/reset$/, methods: { POST: () => h.reset() } },
    { pattern: /^\/proxies$/, methods: { GET: () => h.proxyIndex(), POST: (_p, b) => h.proxyCreate(b) } },
    { pattern: /^\/populate$/, methods: { POST: (_p, b) => h.populate(b) } },
    {
      pattern: new RegExp(`^/proxies/${seg}$`),
      methods: {
        GET: ([p]) => h.proxyShow(p!),
        POST: ([p], b) => h.proxyUpdate(p!, b),
        PATCH: ([p], b) => h.proxyUpdate(p!, b),
        DELETE: ([p]) => h.proxyDelete(p!),
      },
    },
    {
      pattern: new RegExp(`^/proxies/${seg}/toxics$`),
      methods: { GET: ([p]) => h.toxicIndex(p!), POST: ([p], b) => h.toxicCreate(p!, b) },
    },
    {
      pattern: new RegExp(`^/proxies/${seg}/toxics/${seg}$`),
      methods: {
        GET: ([p, t]) => h.toxicShow(p!, t!),
        POST: ([p, t], b) => h.toxicUpdate(p!, t!, b),
        PATCH: ([p, t], b) => h.toxicUpdate(p!, t!, b),
        DELETE: ([p, t]) => h.toxicDelete(p!, t!),
      },
    },
    { pattern: /^\/version$/, methods: { GET: () => h.version() } },
  ];
}

function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  const payload = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Length': String(payload.length) });
  res.end(payload);
}

function sendPlain(res: http.ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  send(res, status, body, { ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (part: Buffer) => {
      size += part.length;
      if (size <= MAX_BODY_BYTES) parts.push(part);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new ApiError('bad request body: http: request body too large', 400));
      else resolve(Buffer.concat(parts).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function decodePath(rawUrl: string): string | null {
  const path = rawUrl.split('?')[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** Creates the (not yet listening) HTTP server of the control API. */
export function createApiServer(registry: ProxyRegistry): http.Server {
  const table = routes(new ApiHandlers(registry));
  let queue: Promise<void> = Promise.resolve();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, body: string | ApiError): Promise<void> => {
    const path = decodePath(req.url ?? '/');
    let params: string[] | null = null;
    let route: Route | undefined;
    for (const candidate of path === null ? [] : table) {
      const m = candidate.pattern.exec(path!);
      if (m) {
        route = candidate;
        params = m.slice(1);
        break;
      }
    }
    if (!route || !params) {
      sendPlain(res, 404, '404 page not found\n');
      return;
    }
    const handler = route.methods[req.method ?? ''];
    if (!handler) {
      res.writeHead(405, { 'Content-Length': '0' });
      res.end();
      return;
    }
    const idHeader = { 'X-Toxiproxy-Request-Id': requestId() };
    if ((req.headers['user-agent'] ?? '').startsWith('Mozilla/')) {
      sendPlain(res, 403, 'User agent not allowed\n', idHeader);
      return;
    }
    try {
      if (body instanceof ApiError) throw body;
      const result = await handler(params, body);
      if (result.status === 204) {
        res.writeHead(204, idHeader);
        res.end();
      } else if (result.raw !== undefined) {
        send(res, result.status, result.raw, { ...idHeader, 'Content-Type': result.contentType ?? 'application/json' });
      } else {
        send(res, result.status, result.json ?? '', { ...idHeader, 'Content-Type': 'application/json' });
      }
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError(String((err as Error)?.message ?? err), 500);
      sendPlain(res, apiErr.status, `{"error":${goJsonString(apiErr.message)},"status":${apiErr.status}}\n`, idHeader);
    }
  };

  return http.createServer((req, res) => {
    // Bodies are read concurrently; the operations then run one at a time, in order.
    readBody(req)
      .catch((err: unknown) => (err instanceof ApiError ? err : new ApiError('bad request body: unexpected EOF', 400)))
      .then((body) => {
        queue = queue
          .then(() => handle(req, res, body))
          .catch(() => {
            if (!res.headersSent) sendPlain(res, 500, '{"error":"internal error","status":500}\n');
          });
      });
  });
}
