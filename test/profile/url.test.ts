/**
 * The profile URL's one home (harness/profile/url.ts) and its three users: the dialled URL with
 * the query auth parameter (profile/connect.ts), a scenario's `connect({ url })` dialled with the
 * profile's query (run-scenario.ts, seen by a real server), and the credentials a URL carries kept
 * out of reports (reporters/redact-result.ts). ws://, wss://, userinfo, a query token, `${ENV}`
 * already resolved, IPv6 [::1]; a bad URL is the clear WSC_ERR_BAD_URL error, never `Invalid URL`.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import { ConfigError } from '../../harness/errors.js';
import { dialSpec } from '../../harness/profile/connect.js';
import { parseProfile } from '../../harness/profile/load.js';
import { parseUrl, urlCredentials, withQueryOf, withQueryParam } from '../../harness/profile/url.js';
import { redactOptionsFor } from '../../harness/reporters/redact-result.js';
import { redactString } from '../../harness/redact.js';
import { runScenario } from '../../harness/run-scenario.js';
import { defineScenario } from '../../harness/scenario.js';
import { fail, pass } from '../../harness/scenario-verdict.js';

const queryProfile = (url: string, env: NodeJS.ProcessEnv = {}) =>
  parseProfile({ name: 'q', url, auth: { mode: 'query', param: 'access_token', token: 'tok-${TOKEN}' } }, { TOKEN: 'abc123', ...env });

describe('the dialled URL (profile/connect.ts)', () => {
  test('ws:// and wss:// get the query token after the query the URL has, `${ENV}` resolved', () => {
    const p = queryProfile('ws://example.test:8080/ws?tenant=${TENANT}', { TENANT: 'acme' });
    expect(dialSpec(p).url).toBe('ws://example.test:8080/ws?tenant=acme&access_token=tok-abc123');
    expect(dialSpec(queryProfile('wss://example.test/ws')).url).toBe('wss://example.test/ws?access_token=tok-abc123');
  });

  test('the profile token replaces a parameter of that name; an invalid-auth dial carries the bad token or none', () => {
    const p = parseProfile({ name: 'q', url: 'ws://h/ws?token=old', auth: { mode: 'query', token: 'good' }, invalidAuth: { token: 'bad' } }, {});
    expect(dialSpec(p).url).toBe('ws://h/ws?token=good');
    expect(dialSpec(p, 'invalid').url).toBe('ws://h/ws?token=bad');
    expect(dialSpec(p, 'invalid', { expectCloseCodes: [], expectHttpStatuses: [] }).url).toBe('ws://h/ws?token=old');
  });

  test('IPv6 keeps its brackets; userinfo stays; without query auth the URL is only normalised', () => {
    expect(dialSpec(queryProfile('ws://[::1]:9000/ws')).url).toBe('ws://[::1]:9000/ws?access_token=tok-abc123');
    const p = parseProfile({ name: 'u', url: 'wss://bob:pa%20ss@EXAMPLE.test/ws' }, {});
    expect(dialSpec(p).url).toBe('wss://bob:pa%20ss@example.test/ws');
  });

  test('a profile object whose URL does not parse is WSC_ERR_BAD_URL naming it, not a TypeError', () => {
    const p = { ...queryProfile('ws://h/ws'), url: 'ws://exa mple:99999/ws' };
    expect(() => dialSpec(p)).toThrow(ConfigError);
    expect(() => dialSpec(p)).toThrow('profile.url "ws://exa mple:99999/ws" is not a URL: use ws://host:port/path or wss://...');
    const thrown = (() => {
      try {
        parseUrl('nope', '--x');
      } catch (e) {
        return e as ConfigError;
      }
      return undefined;
    })();
    expect(thrown?.code).toBe('WSC_ERR_BAD_URL');
    expect(thrown?.exitCode).toBe(2);
  });
});

describe('the module itself', () => {
  test('withQueryOf keeps host and path, takes the whole query of the other URL', () => {
    expect(withQueryOf('ws://127.0.0.1:4000/proxied?x=1', 'wss://h/ws?tenant=a&token=t')).toBe('ws://127.0.0.1:4000/proxied?tenant=a&token=t');
    expect(withQueryOf('ws://[::1]:4000/ws', 'ws://h/ws')).toBe('ws://[::1]:4000/ws');
    expect(() => withQueryOf('::', 'ws://h/ws')).toThrow('connect({ url }) "::" is not a URL');
    expect(withQueryParam('ws://h/ws', undefined)).toBe('ws://h/ws');
  });

  test('urlCredentials reads the query and the decoded userinfo; a bad URL or escape is no crash', () => {
    expect(urlCredentials('wss://user%40corp:p%40ss@h/ws?sig=abc&x=1')).toEqual({ query: [['sig', 'abc'], ['x', '1']], username: 'user@corp', password: 'p@ss' });
    expect(urlCredentials('not a url')).toBeUndefined();
    expect(urlCredentials('ws://%zzzz@h/ws')?.username).toBe('%zzzz');
  });
});

describe('redaction of the profile URL (reporters/redact-result.ts)', () => {
  test('the query token, a password and a token in the username are redacted, even echoed bare', () => {
    const q = queryProfile('ws://[::1]:9000/ws?tenant=acme');
    const qs = redactString(`dialled ${dialSpec(q).url}; echo tok-abc123`, redactOptionsFor(q));
    expect(qs).toBe('dialled ws://[::1]:9000/ws?tenant=acme&access_token=[REDACTED]; echo [REDACTED]');
    const pw = parseProfile({ name: 'u', url: 'wss://bob:hunter2@h/ws' }, {});
    expect(redactString('wss://bob:hunter2@h/ws said hunter2', redactOptionsFor(pw))).toBe('wss://bob:[REDACTED]@h/ws said [REDACTED]');
    const user = parseProfile({ name: 'u', url: 'wss://ghp_secretvalue@h/ws' }, {});
    expect(redactString('the token ghp_secretvalue', redactOptionsFor(user))).toBe('the token [REDACTED]');
  });
});

describe("a scenario's connect({ url }) (run-scenario.ts)", () => {
  let server: WebSocketServer;
  const seen: string[] = [];
  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('connection', (socket, req) => {
      seen.push(req.url ?? '');
      socket.close(1000);
    });
    await new Promise<void>((r) => server.once('listening', () => r()));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const dialling = (url: string) =>
    defineScenario({
      id: 'test/dial-other',
      title: 'dials another URL',
      needs: [],
      timeoutMs: 5000,
      async run(ctx) {
        const probe = ctx.connect({ url });
        return (await probe.opened) === 'open' ? pass() : fail('TEST_NOT_OPEN', 'did not open', 'is the server up?');
      },
    });

  test("is dialled with the profile's query (its `${ENV}` resolved, the auth parameter included)", async () => {
    const { port } = server.address() as AddressInfo;
    const profile = queryProfile('ws://127.0.0.1:9/ws?tenant=${TENANT}', { TENANT: 'acme' });
    const r = await runScenario(dialling(`ws://127.0.0.1:${port}/through-proxy?dropped=1`), { profile });
    expect(r.status, r.reason).toBe('passed');
    expect(seen).toEqual(['/through-proxy?tenant=acme&access_token=tok-abc123']);
  });

  test('a URL that does not parse errors the scenario with the clear message', async () => {
    const r = await runScenario(dialling('ws://bad host/ws'), { profile: queryProfile('ws://127.0.0.1:9/ws') });
    expect(r.status).toBe('errored');
    expect(r.reason).toContain('connect({ url }) "ws://bad host/ws" is not a URL: use ws://host:port/path or wss://...');
  });
});
