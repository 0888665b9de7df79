/**
 * A plain-text heartbeat the profile can state (issue 10 item 5): messages.text = { ping: "ping",
 * pong: "pong" }. The judges count those exact frames as pings and pongs, and the reference client
 * speaks them (sends "ping", answers "ping" with "pong", takes "pong" as the answer). The mock
 * server's side of it is the enactors' (W-client-B, issue 10 item 6).
 */
import { describe, expect, test } from 'vitest';
import { ReferenceClient, type MinimalWebSocket } from '../../client/reference-client.js';
import { summarizeAttempts } from '../../harness/diagnose/client.js';
import { parseClientProfile } from '../../harness/client/profile.js';
import { referenceClientConfig } from '../../harness/client/reference-config.js';
import type { ConnectionTimeline } from '../../harness/timeline.js';

const profile = parseClientProfile({ name: 'text heartbeat', messages: { text: { ping: 'ping', pong: 'pong' } }, ping: { intervalMs: 20, timeoutMs: 60 }, reconnect: { maxRetries: 0 } }, {});

describe('plain-text heartbeat', () => {
  test('the profile states it; a non-string is a profile error', () => {
    expect(profile.messages.text).toEqual({ ping: 'ping', pong: 'pong' });
    expect(() => parseClientProfile({ name: 'x', messages: { text: { ping: { type: 'ping' }, pong: 'pong' } } }, {})).toThrow(/messages\.text\.ping/);
  });

  test('the judges count the exact text frames as pings and pongs', () => {
    const tl = {
      events: [
        { t: 0, kind: 'dial', url: 'ws://x' },
        { t: 1, kind: 'open', protocol: '' },
        { t: 10, kind: 'message', dir: 'out', text: 'ping' },
        { t: 20, kind: 'message', dir: 'in', text: 'ping' },
        { t: 21, kind: 'message', dir: 'out', text: 'pong' },
        { t: 30, kind: 'message', dir: 'out', text: '{"type":"ping"}' },
      ],
    } as unknown as ConnectionTimeline;
    const [a] = summarizeAttempts([tl], profile.messages);
    expect(a).toMatchObject({ clientPings: 1, serverPings: [{ t: 20 }], clientPongs: [{ t: 21 }] });
  });

  test('the reference client sends "ping", answers "ping" with "pong", and a "pong" keeps it connected', async () => {
    const sent: string[] = [];
    const sockets: Array<MinimalWebSocket & { open(): void; receive(text: string): void }> = [];
    class FakeSocket implements MinimalWebSocket {
      readyState = 0;
      onopen: ((ev: unknown) => void) | null = null;
      onmessage: ((ev: { data: unknown }) => void) | null = null;
      onclose: ((ev: { code: number; reason: string }) => void) | null = null;
      onerror: ((ev: unknown) => void) | null = null;
      constructor() {
        sockets.push(this);
      }
      open(): void {
        this.readyState = 1;
        this.onopen?.({});
      }
      receive(text: string): void {
        this.onmessage?.({ data: text });
      }
      send(data: string): void {
        sent.push(data);
        // A live server: answer the client's ping at once.
        if (data === 'ping') queueMicrotask(() => this.receive('pong'));
      }
      close(): void {
        this.readyState = 3;
      }
    }
    const client = new ReferenceClient(referenceClientConfig(profile, 'correct', 'ws://x'), { WebSocketImpl: FakeSocket });
    try {
      client.start();
      const socket = sockets[0]!;
      socket.open();
      socket.receive('ping');
      expect(sent).toEqual(['pong']);
      // Five ping intervals and more than the pong timeout: pings went out as text, every one answered.
      await new Promise((r) => setTimeout(r, 200));
      expect(sent.filter((s) => s === 'ping').length).toBeGreaterThanOrEqual(2);
      expect(sent.every((s) => s === 'ping' || s === 'pong')).toBe(true);
      expect(client.events.some((e) => e.kind === 'pong-timeout')).toBe(false);
    } finally {
      client.stop();
    }
  });
});
