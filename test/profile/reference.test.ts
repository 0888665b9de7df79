/**
 * The reference profile states what the reference backend really does: the field its chat
 * replies echo (request.correlationField) and how it refuses provocations (provoke.*).
 */
import type { WebSocket } from 'ws';
import { describe, expect, test } from 'vitest';
import { signToken } from '../../mock-backend/auth.js';
import { buildServer } from '../../mock-backend/server.js';
import { referenceProfile } from '../../mock-backend/profile.js';
import { DEFAULT_CONFIG } from '../../mock-backend/types.js';
import { oversizedMessage } from '../../scenarios/conformance/close-codes.js';

const profile = referenceProfile({ wsUrl: 'ws://127.0.0.1:9/ws', healthUrl: 'http://127.0.0.1:9/health', token: 't' });

/** Run `fn` against a fresh in-process reference backend (no network socket), closed afterwards. */
async function withSocket(fn: (ws: WebSocket, messages: Record<string, unknown>[]) => Promise<void>): Promise<void> {
  const backend = await buildServer();
  try {
    await backend.app.ready();
    const ws = await backend.app.injectWS(`/ws?token=${await signToken(backend.config.jwtSecret)}`);
    const messages: Record<string, unknown>[] = [];
    ws.on('message', (d: Buffer) => messages.push(JSON.parse(d.toString()) as Record<string, unknown>));
    try {
      await fn(ws, messages);
    } finally {
      ws.terminate();
    }
  } finally {
    await backend.app.close();
  }
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('reference profile', () => {
  test('request.correlationField names the field the reference backend echoes', async () => {
    const field = profile.request?.correlationField;
    expect(field).toBe('seq');
    await withSocket(async (ws, messages) => {
      ws.send(JSON.stringify({ ...profile.request?.send, [field as string]: 41 }));
      await until(() => messages.some((m) => m.type === 'chat_response'));
      expect(messages.find((m) => m.type === 'chat_response')).toMatchObject({ [field as string]: 41 });
    });
  });

  test('provoke states the reference backend\'s real limit and answers', async () => {
    const p = profile.provoke!;
    expect(p.maxMessageBytes).toBe(DEFAULT_CONFIG.maxPayloadBytes);
    expect(p.expect).toEqual({ malformedJson: [1007], unknownType: 'stays-open', oversized: [1009] });
    const closeOf = async (msg: string): Promise<number | undefined> => {
      let code: number | undefined;
      let seen: number | undefined;
      await withSocket(async (ws) => {
        ws.on('close', (c: number) => (code = c));
        ws.send(msg);
        await until(() => code !== undefined);
        seen = code; // before withSocket terminates the socket (1006)
      });
      return seen;
    };
    expect(await closeOf(oversizedMessage(p.maxMessageBytes! + 1))).toBe(1009);
    expect(await closeOf(oversizedMessage(p.maxMessageBytes!))).toBeUndefined();
    expect(await closeOf('{"type": "chat", "message": ')).toBe(1007);
    expect(await closeOf(JSON.stringify(p.unknownType))).toBeUndefined();
  });
});
