/**
 * Typed bodies for ws-chaos's WebSocket-aware toxics (see README.md), and a probe telling whether a
 * Toxiproxy server has them (the embedded one does; a real Toxiproxy answers 400 `invalid toxic type`).
 * `toxiproxy-node-client`'s TypeScript union of toxic types does not list them, hence `wsToxicBody`.
 */
import type { ICreateToxicBody, ToxicType } from 'toxiproxy-node-client';

export const WS_OPCODE = { any: -1, continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

export interface WsMatchAttributes {
  /** -1 (any) or 0, 1, 2, 8, 9, 10. Default -1. */
  opcode?: number;
  /** JSON field (dotted path allowed) of a text frame's object; "" = none. */
  json_field?: string;
  /** Value that field must have (strings as is; numbers, booleans, null by their JSON text). */
  json_value?: string;
}

export type WsDropAttributes = WsMatchAttributes;

export interface WsDelayAttributes extends WsMatchAttributes {
  /** Hold time in ms from when the frame was read. */
  delay: number;
}

export interface WsCloseAttributes {
  /** 0 (no status code) or 1000..4999. Default 1000. */
  code?: number;
  /** At most 123 UTF-8 bytes. Default "". */
  reason?: string;
  /** ms between the injected close frame and the TCP close; -1 = never (leave it to the peers). Default 0. */
  after?: number;
}

export interface WsToxicAttributes {
  ws_drop: WsDropAttributes;
  ws_delay: WsDelayAttributes;
  ws_close: WsCloseAttributes;
}

export interface WsToxicOptions<K extends keyof WsToxicAttributes> {
  type: K;
  attributes: WsToxicAttributes[K];
  name?: string;
  stream?: 'upstream' | 'downstream';
  toxicity?: number;
}

/** A body for `proxy.addToxic(...)` of toxiproxy-node-client. */
export function wsToxicBody<K extends keyof WsToxicAttributes>(opts: WsToxicOptions<K>): ICreateToxicBody<WsToxicAttributes[K]> {
  const stream = opts.stream ?? 'downstream';
  return {
    name: opts.name ?? `${opts.type}_${stream}`,
    type: opts.type as unknown as ToxicType,
    stream,
    toxicity: opts.toxicity ?? 1,
    attributes: opts.attributes,
  };
}

/**
 * True when the server at `url` accepts ws_* toxics. Uses a temporary disabled proxy (nothing is
 * bound) and removes it again.
 */
export async function supportsWsToxics(url: string): Promise<boolean> {
  const name = `wsc-probe-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const created = await fetch(`${url}/proxies`, {
    method: 'POST',
    body: JSON.stringify({ name, listen: '127.0.0.1:0', upstream: '127.0.0.1:9', enabled: false }),
  });
  await created.text();
  if (created.status !== 201) throw new Error(`POST /proxies answered ${created.status}`);
  try {
    const res = await fetch(`${url}/proxies/${name}/toxics`, {
      method: 'POST',
      body: JSON.stringify({ type: 'ws_drop', attributes: { opcode: WS_OPCODE.pong } }),
    });
    const text = await res.text();
    if (res.status === 200) return true;
    if (res.status === 400 && text.includes('invalid toxic type')) return false;
    throw new Error(`probe toxic answered ${res.status}: ${text.trim()}`);
  } finally {
    await (await fetch(`${url}/proxies/${name}`, { method: 'DELETE' })).text();
  }
}
