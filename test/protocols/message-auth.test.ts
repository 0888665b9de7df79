/**
 * Profile v2, issue 11 item 1.1: auth in the first message after open ({"op":"auth","token":...}),
 * against a backend that tells types apart by `op`: it answers auth_ok then a welcome to a good
 * token, auth_error then 1008 to a bad one. conformance/welcome-timing plays the auth message,
 * conformance/auth-rejected plays each invalid variant in that message.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { WebSocket } from 'ws';
import { parseProfile } from '../../harness/profile/load.js';
import { redactOptionsFor } from '../../harness/reporters/redact-result.js';
import { runScenario } from '../../harness/run-scenario.js';
import authRejected from '../../scenarios/conformance/auth-rejected.js';
import welcomeTiming from '../../scenarios/conformance/welcome-timing.js';
import { json, startForeign, type ForeignServer } from './foreign-server.js';

let server: ForeignServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A backend whose auth is the first message; `acceptAny` plays one that never checks the token, `refuseAll` one that refuses the good one. */
function messageAuthBackend(mode: 'checks' | 'acceptAny' | 'refuseAll' = 'checks') {
  return (ws: WebSocket): void => {
    const timer = setTimeout(() => ws.close(1008, 'auth timeout'), 3000);
    ws.once('message', (data) => {
      clearTimeout(timer);
      const m = json(data);
      const good = m?.op === 'auth' && m.token === 'good-token';
      if (mode === 'acceptAny' || (mode === 'checks' && good)) {
        ws.send(JSON.stringify({ op: 'auth_ok' }));
        ws.send(JSON.stringify({ op: 'welcome', session: 's1' }));
        return;
      }
      ws.send(JSON.stringify({ op: 'auth_error', reason: m?.token ? 'bad token' : 'no token' }));
      ws.close(1008, 'unauthorized');
    });
  };
}

const profileFor = (url: string) =>
  parseProfile(
    {
      version: 2,
      name: 'op-auth',
      url,
      typeField: 'op',
      auth: { mode: 'message', send: { op: 'auth', token: '${OP_TOKEN}' }, success: { op: 'auth_ok' }, failure: { op: 'auth_error' }, budgetMs: 1000 },
      invalidAuth: [{ name: 'wrong', token: 'not-the-token' }, { name: 'none' }],
      welcome: { match: { op: 'welcome' }, budgetMs: 1000 },
    },
    { OP_TOKEN: 'good-token' },
  );

describe('auth in the first message after open', () => {
  test('the valid auth message (its token from ${ENV}) is sent first and the welcome follows on time', async () => {
    server = await startForeign({ onConnection: messageAuthBackend() });
    const r = await runScenario(welcomeTiming, { profile: profileFor(server.url) });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
    const out = r.timelines[0]!.events.filter((e) => e.kind === 'message' && e.dir === 'out');
    expect(out).toHaveLength(1);
    expect(JSON.parse((out[0] as { text: string }).text)).toEqual({ op: 'auth', token: 'good-token' });
  });

  test('a backend that refuses the valid token: HANDSHAKE_STEP_FAILED quoting its answer', async () => {
    server = await startForeign({ onConnection: messageAuthBackend('refuseAll') });
    const r = await runScenario(welcomeTiming, { profile: profileFor(server.url) });
    expect(r.diagnosis?.code).toBe('HANDSHAKE_STEP_FAILED');
    expect(r.diagnosis?.summary).toMatch(/auth answer: the server refused the valid credential: .*auth_error/);
  });

  test('each invalid variant goes in the auth message and is refused with auth_error or 1008', async () => {
    server = await startForeign({ onConnection: messageAuthBackend() });
    const r = await runScenario(authRejected, { profile: profileFor(server.url) });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
    const variants = r.observations.variants as Array<{ name: string; status: string; refusedWith: string }>;
    expect(variants.map((v) => [v.name, v.status])).toEqual([
      ['wrong', 'passed'],
      ['none', 'passed'],
    ]);
    expect(variants[0]!.refusedWith).toMatch(/auth_error/);
    const sent = r.timelines.map((t) => t.events.flatMap((e) => (e.kind === 'message' && e.dir === 'out' ? [JSON.parse(e.text) as unknown] : [])));
    expect(sent).toEqual([[{ op: 'auth', token: 'not-the-token' }], [{ op: 'auth' }]]);
  });

  test('a backend that never checks the token: AUTH_NOT_ENFORCED', async () => {
    server = await startForeign({ onConnection: messageAuthBackend('acceptAny') });
    const r = await runScenario(authRejected, { profile: profileFor(server.url) });
    expect(r.diagnosis?.code).toBe('AUTH_NOT_ENFORCED');
    expect(r.diagnosis?.summary).toMatch(/variant "wrong": invalid auth message got a live session/);
  });
});

describe('redaction', () => {
  test("the auth message's token and the health request's credential headers are secrets of the run", () => {
    const p = parseProfile(
      { name: 'r', url: 'ws://127.0.0.1:9/ws', auth: { mode: 'message', send: { op: 'auth', token: 'msg-secret-123' } }, health: { url: 'http://127.0.0.1:9/health', headers: { Authorization: 'Bearer health-secret-456' } } },
      {},
    );
    expect(redactOptionsFor(p).secrets).toEqual(expect.arrayContaining(['msg-secret-123', 'health-secret-456']));
  });
});
