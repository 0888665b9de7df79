/**
 * The reference client running in this Node process. Its WebSocket is the global one
 * (browsers, Node 22+, or whatever msw wrapped) or, with `webSocket: 'ws'`, the `ws` package
 * — so it runs on Node 20 against a real server.
 */
import WS from 'ws';
import { ReferenceClient, type ClientMode, type WebSocketCtor } from '../../../client/reference-client.js';
import type { ClientProfile } from '../profile.js';
import { referenceClientConfig } from '../reference-config.js';
import { defineClientUnderTest, type ClientUnderTest } from '../subject.js';

export interface ReferenceNodeOptions {
  mode: ClientMode;
  url: string;
  /** 'global' (default: globalThis.WebSocket at every dial), 'ws', or a constructor. */
  webSocket?: 'global' | 'ws' | WebSocketCtor;
}

export function referenceNodeClient(profile: ClientProfile, o: ReferenceNodeOptions): ClientUnderTest & { client: ReferenceClient } {
  const impl = o.webSocket === 'ws' ? (WS as unknown as WebSocketCtor) : o.webSocket === 'global' || o.webSocket === undefined ? undefined : o.webSocket;
  const client = new ReferenceClient(referenceClientConfig(profile, o.mode, o.url), { WebSocketImpl: impl });
  const which = o.webSocket === 'ws' ? 'ws' : typeof o.webSocket === 'function' ? 'injected WebSocket' : 'global WebSocket';
  return {
    ...defineClientUnderTest({
      label: `reference client (node ${process.versions.node}, ${which}, ${o.mode})`,
      runtime: 'node',
      start: async () => client.start(),
      stop: async () => client.stop(),
      scheduled: () => client.scheduled(),
      shown: () => client.status,
    }),
    client,
  };
}
