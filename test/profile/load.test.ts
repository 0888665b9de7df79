import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError } from '../../harness/errors.js';
import { dialSpec } from '../../harness/profile/connect.js';
import { interpolateEnv, loadProfile, parseProfile } from '../../harness/profile/load.js';
import { hasPart } from '../../harness/profile/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'wsc-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('profiles', () => {
  test('a minimal profile gets defaults and skips what it lacks', () => {
    const p = parseProfile({ name: 'x', url: 'ws://127.0.0.1:9/ws' });
    expect(p.auth).toEqual({ mode: 'none' });
    expect(p.timeouts.handshakeMs).toBe(5000);
    expect(hasPart(p, 'welcome')).toBe(false);
    expect(hasPart(p, 'auth')).toBe(false);
  });

  test('${ENV} is interpolated, and a missing variable is named with the fix', () => {
    expect(interpolateEnv({ a: ['Bearer ${TOK}'] }, { TOK: 'abc' })).toEqual({ a: ['Bearer abc'] });
    expect(() => interpolateEnv({ auth: { token: '${NOPE}' } }, {})).toThrow(/profile\.auth\.token uses \$\{NOPE\}, which is not set: export NOPE/);
  });

  test('errors name the field and exit 2', () => {
    try {
      parseProfile({ name: 'x', url: 'http://nope', stayOpenMs: -1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).exitCode).toBe(2);
      expect((e as Error).message).toMatch(/profile\.url: must be a ws:\/\/ or wss:\/\/ URL/);
      expect((e as Error).message).toMatch(/profile\.stayOpenMs/);
    }
  });

  test('unknown fields are refused (typos do not silently do nothing)', () => {
    expect(() => parseProfile({ name: 'x', url: 'ws://h/ws', welcom: {} })).toThrow(/welcom/);
  });

  test('files: unreadable, not JSON, and valid', () => {
    expect(() => loadProfile(join(dir, 'missing.json'))).toThrow(/cannot read profile .*ENOENT/);
    expect(() => loadProfile(file('bad.json', '{ nope'))).toThrow(/is not valid JSON/);
    const p = loadProfile(file('ok.json', JSON.stringify({ name: 'ok', url: 'wss://h/ws', auth: { mode: 'header', value: 'Bearer ${T}' } })), { T: 's3cret' });
    expect(p.auth).toEqual({ mode: 'header', header: 'Authorization', value: 'Bearer s3cret' });
  });

  test('dial specs put the credential where the profile says', () => {
    const q = parseProfile({ name: 'q', url: 'ws://h/ws?v=1', auth: { mode: 'query', token: 'good' }, invalidAuth: { token: 'bad' } });
    expect(dialSpec(q).url).toBe('ws://h/ws?v=1&token=good');
    expect(dialSpec(q, 'invalid').url).toBe('ws://h/ws?v=1&token=bad');
    const h = parseProfile({ name: 'h', url: 'ws://h/ws', auth: { mode: 'header', value: 'Bearer good' }, invalidAuth: {} });
    expect(dialSpec(h).headers.Authorization).toBe('Bearer good');
    expect(dialSpec(h, 'invalid').headers.Authorization).toBeUndefined();
    const s = parseProfile({ name: 's', url: 'ws://h/ws', auth: { mode: 'subprotocol', protocol: 'token.good' } });
    expect(dialSpec(s).protocols).toEqual(['token.good']);
  });

  test('the shipped example profiles are valid', () => {
    const env = { API_TOKEN: 'x' };
    expect(() => loadProfile('profiles/example-fastapi.json', env)).not.toThrow();
  });
});
