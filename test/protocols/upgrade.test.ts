/**
 * Profile v2, issue 11 items 1.5-1.7 against foreign backends: a subprotocol the server must
 * select (offered and echoed; not echoed: SUBPROTOCOL_NOT_SELECTED), permessage-deflate
 * negotiated or refused as upgrade.perMessageDeflate says (COMPRESSION_MISMATCH), a close
 * without a reason acceptable for some codes (provoke.reasonOptionalFor), and a health
 * endpoint behind a bearer token (health.headers with ${ENV}).
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { WebSocket } from 'ws';
import { readHealthCount } from '../../harness/health.js';
import { parseProfile } from '../../harness/profile/load.js';
import { runScenario } from '../../harness/run-scenario.js';
import closeCodes from '../../scenarios/conformance/close-codes.js';
import handshake from '../../scenarios/conformance/handshake.js';
import { json, startForeign, type ForeignServer } from './foreign-server.js';

let server: ForeignServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const quiet = (): void => undefined;

describe('a subprotocol the server must select', () => {
  const profile = (url: string) => parseProfile({ name: 'sub', url, upgrade: { subprotocols: ['chat.v2', 'chat.v1'], expectSubprotocol: 'chat.v2' } });

  test('offered and echoed: the handshake passes and shows it', async () => {
    server = await startForeign({ onConnection: quiet, ws: { handleProtocols: (offered) => (offered.has('chat.v2') ? 'chat.v2' : false) } });
    const r = await runScenario(handshake, { profile: profile(server.url) });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
    expect(r.observations.subprotocol).toBe('chat.v2');
  });

  test('not echoed: SUBPROTOCOL_NOT_SELECTED (not a generic upgrade failure)', async () => {
    server = await startForeign({ onConnection: quiet, ws: { handleProtocols: () => false } });
    const r = await runScenario(handshake, { profile: profile(server.url) });
    expect(r.diagnosis?.code).toBe('SUBPROTOCOL_NOT_SELECTED');
    expect(r.diagnosis?.summary).toBe('offered Sec-WebSocket-Protocol "chat.v2", "chat.v1"; the server echoed none, expected "chat.v2"');
  });

  test('another offered one selected where one is expected: SUBPROTOCOL_NOT_SELECTED', async () => {
    server = await startForeign({ onConnection: quiet, ws: { handleProtocols: () => 'chat.v1' } });
    const r = await runScenario(handshake, { profile: profile(server.url) });
    expect(r.diagnosis?.code).toBe('SUBPROTOCOL_NOT_SELECTED');
    expect(r.diagnosis?.summary).toMatch(/selected "chat\.v1", expected "chat\.v2"/);
  });
});

describe('permessage-deflate negotiated or refused as the profile says', () => {
  const profile = (url: string, perMessageDeflate: string) => parseProfile({ name: 'pmd', url, upgrade: { perMessageDeflate } });
  test.each([
    ['required', true, null],
    ['required', false, 'COMPRESSION_MISMATCH'],
    ['refused', false, null],
    ['refused', true, 'COMPRESSION_MISMATCH'],
    ['either', true, null],
    ['either', false, null],
  ] as const)('profile %s, server deflate %s: %s', async (mode, serverDeflate, code) => {
    server = await startForeign({ onConnection: quiet, ws: { perMessageDeflate: serverDeflate } });
    const r = await runScenario(handshake, { profile: profile(server.url, mode) });
    expect(r.diagnosis?.code ?? null, r.diagnosis?.summary).toBe(code);
    if (serverDeflate && mode !== 'refused') expect(r.observations.extensions).toMatch(/permessage-deflate/);
  });
});

describe('a close without a reason, acceptable for some codes', () => {
  /** Closes 1003 with no reason on an unknown op, 1007 with no reason on bad JSON. */
  const terse = (ws: WebSocket): void => {
    ws.send(JSON.stringify({ op: 'hello' }));
    ws.on('message', (data) => {
      const m = json(data);
      if (!m) ws.close(1007);
      else if (m.op !== 'chat') ws.close(1003);
    });
  };
  const profile = (url: string, reasonOptionalFor?: number[]) =>
    parseProfile({ name: 'terse', url, typeField: 'op', welcome: { match: { op: 'hello' } }, provoke: { unknownType: { op: 'nope' }, requireReason: true, ...(reasonOptionalFor ? { reasonOptionalFor } : {}) } });

  test('requireReason without exceptions: CLOSE_REASON_MISSING', async () => {
    server = await startForeign({ onConnection: terse });
    const r = await runScenario(closeCodes, { profile: profile(server.url) });
    expect(r.diagnosis?.code).toBe('CLOSE_REASON_MISSING');
  });

  test('reasonOptionalFor [1003, 1007]: passes, and no advice for those codes', async () => {
    server = await startForeign({ onConnection: terse });
    const r = await runScenario(closeCodes, { profile: profile(server.url, [1003, 1007]) });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
    expect(r.observations.advice).toBeUndefined();
    expect((r.observations.provocations as Array<{ outcome: string }>).map((p) => p.outcome.slice(0, 4))).toEqual(['1007', '1003']);
  });

  test('the malformed JSON provocation is written in the profile discriminator', async () => {
    server = await startForeign({ onConnection: terse });
    const r = await runScenario(closeCodes, { profile: profile(server.url, [1003, 1007]) });
    const sent = r.timelines[0]!.events.find((e) => e.kind === 'message' && e.dir === 'out') as { text: string };
    expect(sent.text).toBe('{"op": "chat", "message": ');
  });
});

describe('an authenticated health endpoint', () => {
  test('health.headers (with ${ENV}) go on the health request; without them the count is unreadable', async () => {
    server = await startForeign({ onConnection: quiet, healthToken: 'h-secret' });
    const health = { url: server.healthUrl, connectionsField: 'ws.open' };
    const withHeaders = parseProfile({ name: 'h', url: server.url, health: { ...health, headers: { Authorization: 'Bearer ${HEALTH_TOKEN}' } } }, { HEALTH_TOKEN: 'h-secret' });
    expect(withHeaders.health?.headers).toEqual({ Authorization: 'Bearer h-secret' });
    expect(await readHealthCount(withHeaders)).toBe(0);
    expect(await readHealthCount(parseProfile({ name: 'h', url: server.url, health }))).toBeUndefined();
  });
});
