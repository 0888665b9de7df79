/**
 * The reference protocol's message shapes and the server messages the interpreter builds from a
 * vocabulary (welcome, pong, keepalive ping, chat reply, errors), the same for the reference
 * backend and the mocked enactors.
 */
import type { SessionVocabulary } from './session-port.js';

/** The reference backend's protocol: {"type": ...} messages, ids in `id`, chat echoed. */
export const REFERENCE_VOCABULARY: SessionVocabulary = {
  ping: { type: 'ping' },
  pong: { type: 'pong' },
  idField: 'id',
  welcome: { type: 'connection_established' },
  chat: { request: { type: 'chat' }, reply: { type: 'chat_response' } },
  unknownMessages: 'error',
};

const serverTime = (): string => new Date().toISOString();

export const serverMessages = {
  welcome: (v: SessionVocabulary, connectionId: string): Record<string, unknown> => ({ ...v.welcome, connection_id: connectionId, server_time: serverTime() }),
  pong: (v: SessionVocabulary, id: unknown): Record<string, unknown> => ({ ...v.pong, ...(id !== undefined ? { [v.idField]: id } : {}), server_time: serverTime() }),
  ping: (v: SessionVocabulary, seq: number): Record<string, unknown> => ({ ...v.ping, [v.idField]: seq, server_time: serverTime() }),
  chatReply: (v: SessionVocabulary, connectionId: string, msg: Record<string, unknown>): Record<string, unknown> => ({
    ...v.chat.reply,
    message: `echo: ${String(msg.message ?? '')}`,
    ...(msg.seq !== undefined ? { seq: msg.seq } : {}),
    connection_id: connectionId,
    timestamp: serverTime(),
  }),
  badJson: (): Record<string, unknown> => ({ type: 'error', code: 'bad_json', message: 'messages must be JSON objects' }),
  unknownType: (msg: Record<string, unknown>): Record<string, unknown> => ({
    type: 'error',
    code: 'unknown_type',
    message: `unknown message type ${JSON.stringify(msg.type ?? null)}`,
  }),
};
