/**
 * Small helpers of the probe (probe.ts) for what comes off the wire: a message's bytes, an
 * HTTP answer's headers flattened, and a bounded excerpt of a refused upgrade's body.
 */
import type { IncomingMessage } from 'node:http';
import type WebSocket from 'ws';

const BODY_EXCERPT_BYTES = 512;

export function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export function flatHeaders(h: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function readExcerpt(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).subarray(0, BODY_EXCERPT_BYTES).toString('utf8'));
    };
    const timer = setTimeout(done, 500);
    res.on('data', (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size >= BODY_EXCERPT_BYTES) done();
    });
    res.on('end', done);
    res.on('error', done);
  });
}
