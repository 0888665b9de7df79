/**
 * Profile v2, issue 11 items 1.2-1.4: a backend where the client speaks first (hello before
 * the server's ready, data only after a subscribe), whose types are told apart by `action`
 * (client → server) and `event` (server → client), and whose replies echo `ref` (not `seq`).
 * The handshake steps run before the welcome in every session and in the warm-up; replies are
 * matched by the correlation field; the default app ping is {"action":"ping"}.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { WebSocket } from 'ws';
import { isReplyTo, tagged } from '../../harness/match.js';
import { parseProfile } from '../../harness/profile/load.js';
import { runScenario } from '../../harness/run-scenario.js';
import { warmUp } from '../../harness/warmup.js';
import appPingPong from '../../scenarios/conformance/app-ping-pong.js';
import messageRoundtrip from '../../scenarios/conformance/message-roundtrip.js';
import welcomeTiming from '../../scenarios/conformance/welcome-timing.js';
import { json, startForeign, type ForeignServer } from './foreign-server.js';

let server: ForeignServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Says nothing until hello; ready; answers echo and ping only after subscribe; `echoRef` false: replies drop the ref. */
function clientFirstBackend(opts: { echoRef?: boolean } = {}) {
  return (ws: WebSocket): void => {
    let hello = false;
    let subscribed = false;
    ws.on('message', (data) => {
      const m = json(data);
      if (m?.action === 'hello') {
        hello = true;
        ws.send(JSON.stringify({ event: 'ready' }));
      } else if (m?.action === 'subscribe' && hello) {
        subscribed = true;
        ws.send(JSON.stringify({ event: 'subscribed', channel: m.channel }));
      } else if (subscribed && m?.action === 'echo') {
        ws.send(JSON.stringify({ event: 'echo', text: m.text, ...(opts.echoRef === false ? {} : { ref: m.ref }) }));
      } else if (subscribed && m?.action === 'ping') {
        ws.send(JSON.stringify({ event: 'pong', action: 'pong' }));
      }
    });
  };
}

const profileFor = (url: string, extra: Record<string, unknown> = {}) =>
  parseProfile({
    version: 2,
    name: 'client-first',
    url,
    typeField: 'action',
    handshake: [{ send: { action: 'hello' } }, { expect: { event: 'ready' }, budgetMs: 1000 }, { send: { action: 'subscribe', channel: 'ticks' } }],
    welcome: { match: { event: 'subscribed' }, budgetMs: 1000 },
    request: { send: { action: 'echo', text: 'hi' }, expect: { event: 'echo' }, correlationField: 'ref', budgetMs: 1000 },
    ...extra,
  });

describe('a protocol where the client speaks first', () => {
  test('hello, ready, subscribe: the welcome (subscribed) arrives in budget', async () => {
    server = await startForeign({ onConnection: clientFirstBackend() });
    const r = await runScenario(welcomeTiming, { profile: profileFor(server.url) });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
    const out = r.timelines[0]!.events.flatMap((e) => (e.kind === 'message' && e.dir === 'out' ? [JSON.parse(e.text) as unknown] : []));
    expect(out).toEqual([{ action: 'hello' }, { action: 'subscribe', channel: 'ticks' }]);
  });

  test('a step the server never answers: HANDSHAKE_STEP_FAILED naming the step', async () => {
    server = await startForeign({ onConnection: clientFirstBackend() });
    const profile = profileFor(server.url, { handshake: [{ send: { action: 'hello' } }, { expect: { event: 'authorised' }, budgetMs: 300 }] });
    const r = await runScenario(welcomeTiming, { profile });
    expect(r.diagnosis?.code).toBe('HANDSHAKE_STEP_FAILED');
    expect(r.diagnosis?.summary).toMatch(/^handshake step 2: no message matching \{"event":"authorised"\} within 300 ms \(got 1 other message\(s\), first \{"event":"ready"\}\)/);
  });

  test('the warm-up plays the handshake too: ready at once', async () => {
    server = await startForeign({ onConnection: clientFirstBackend() });
    const w = await warmUp(profileFor(server.url, { warmup: { maxMs: 2000, intervalMs: 100 } }));
    expect(w?.failed).toBe(false);
    expect(w?.attempts).toBe(1);
  });
});

describe('the request correlation field', () => {
  test('message-roundtrip tags the request with ref and the reply echoing it is checked', async () => {
    server = await startForeign({ onConnection: clientFirstBackend() });
    const r = await runScenario(messageRoundtrip, { profile: profileFor(server.url) });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
    expect(r.observations.correlation).toBe('checked: the reply echoes ref');
    const req = r.timelines[0]!.events.flatMap((e) => (e.kind === 'message' && e.dir === 'out' ? [JSON.parse(e.text) as Record<string, unknown>] : [])).at(-1);
    expect(req).toMatchObject({ action: 'echo', text: 'hi', ref: expect.stringMatching(/^ws-chaos-/) });
  });

  test('replies without the field: the verdict says the correlation was not checked', async () => {
    server = await startForeign({ onConnection: clientFirstBackend({ echoRef: false }) });
    const r = await runScenario(messageRoundtrip, { profile: profileFor(server.url) });
    expect(r.observations.correlation).toBe('not checked: the reply carries no "ref"');
  });
});

describe('matching a reply by its correlation field', () => {
  test('a reply echoing another tag is not this request\'s; one without the field still matches', () => {
    expect(tagged({ action: 'echo' }, 'ref', 7)).toEqual({ action: 'echo', ref: 7 });
    expect(tagged({ action: 'echo' }, undefined, 7)).toEqual({ action: 'echo' });
    expect(isReplyTo('{"event":"echo","ref":7}', { event: 'echo' }, 'ref', 7)).toBe(true);
    expect(isReplyTo('{"event":"echo","ref":6}', { event: 'echo' }, 'ref', 7)).toBe(false);
    expect(isReplyTo('{"event":"echo"}', { event: 'echo' }, 'ref', 7)).toBe(true);
    expect(isReplyTo('{"event":"other","ref":7}', { event: 'echo' }, 'ref', 7)).toBe(false);
  });

  test('message-roundtrip skips a stale reply (another ref) and takes the one echoing its tag', async () => {
    server = await startForeign({
      onConnection: (ws) => {
        // The stale reply goes out first, before the real one.
        ws.on('message', (data) => {
          const m = json(data);
          if (m?.action === 'echo') ws.send(JSON.stringify({ event: 'echo', text: 'stale', ref: 'someone-else' }));
        });
        clientFirstBackend()(ws);
      },
    });
    const r = await runScenario(messageRoundtrip, { profile: profileFor(server.url) });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
    expect(r.observations.correlation).toBe('checked: the reply echoes ref');
    const inbound = r.timelines[0]!.events.flatMap((e) => (e.kind === 'message' && e.dir === 'in' ? [JSON.parse(e.text) as Record<string, unknown>] : []));
    expect(inbound.filter((m) => m.event === 'echo').map((m) => m.text)).toEqual(['stale', 'hi']);
  });
});

describe('types told apart by another field than type', () => {
  test('the default app ping is {"action":"ping"} and the pong {"action":"pong"}', async () => {
    server = await startForeign({ onConnection: clientFirstBackend() });
    const profile = profileFor(server.url, { appPing: { budgetMs: 1000 } });
    expect(profile.appPing).toMatchObject({ request: { action: 'ping' }, response: { action: 'pong' } });
    const r = await runScenario(appPingPong, { profile });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
  });

  test('an app keepalive without match/reply gets them in the discriminator; a protocol one gets none', () => {
    const p = parseProfile({ name: 'p', url: 'ws://127.0.0.1:1/ws', typeField: 'op', keepalive: [{ kind: 'app', intervalMs: 1000, timeoutMs: 1000 }, { kind: 'protocol', intervalMs: 1000, timeoutMs: 1000 }] });
    expect(p.keepalives[0]).toMatchObject({ match: { op: 'ping' }, reply: { op: 'pong' } });
    expect(p.keepalives[1]!.match).toEqual({ type: 'ping' });
  });
});
