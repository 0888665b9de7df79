/**
 * Profile v2 (issue 11 item 1): a profile without "version": 2 is v1 and keeps loading; a v1
 * field v2 renamed (headers → upgrade.headers) moves with one note line, and a profile that
 * states both names is refused with the fix.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { dialSpec } from '../../harness/profile/connect.js';
import { loadProfile, parseProfile } from '../../harness/profile/load.js';
import { profileSchema } from '../../harness/profile/schema.js';
import { ConfigError } from '../../harness/errors.js';
import { parseClientProfile } from '../../harness/client/profile.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const write = (body: unknown): string => {
  dir ??= mkdtempSync(join(tmpdir(), 'wsc-v2-'));
  const file = join(dir, 'p.json');
  writeFileSync(file, JSON.stringify(body));
  return file;
};

describe('v1 → v2', () => {
  test('a v1 profile with headers loads as v2 with one note naming the file and the new field', () => {
    const notes: string[] = [];
    const file = write({ name: 'old', url: 'ws://127.0.0.1:9/ws', headers: { 'X-Client': 'ws-chaos' } });
    const p = loadProfile(file, {}, (n) => notes.push(n));
    expect(p.version).toBe(2);
    expect(p.upgrade.headers).toEqual({ 'X-Client': 'ws-chaos' });
    expect(dialSpec(p).headers).toEqual({ 'X-Client': 'ws-chaos' });
    expect(notes).toEqual([`profile ${file}: \`headers\` is \`upgrade.headers\` in profile v2 (read as such; rename it and add "version": 2 to silence this note)`]);
  });

  test('a v1 profile without renamed fields, and a v2 one, load without a note', () => {
    const notes: string[] = [];
    parseProfile({ name: 'v1', url: 'ws://127.0.0.1:9/ws' }, {}, 'x', (n) => notes.push(n));
    const v2 = parseProfile({ version: 2, name: 'v2', url: 'ws://127.0.0.1:9/ws', upgrade: { headers: { A: 'b' } } }, {}, 'x', (n) => notes.push(n));
    expect(notes).toEqual([]);
    expect(v2.upgrade).toEqual({ headers: { A: 'b' }, perMessageDeflate: 'off' });
  });

  test('v1 headers in a profile that says version 2 still moves (with the note); both names are refused with the fix', () => {
    const notes: string[] = [];
    const p = parseProfile({ version: 2, name: 'p', url: 'ws://127.0.0.1:9/ws', headers: { A: 'b' } }, {}, 'x', (n) => notes.push(n));
    expect(p.upgrade.headers).toEqual({ A: 'b' });
    expect(notes).toHaveLength(1);
    const both = () => parseProfile({ name: 'p', url: 'ws://127.0.0.1:9/ws', headers: {}, upgrade: { headers: {} } }, {}, 'x', () => undefined);
    expect(both).toThrow(ConfigError);
    expect(both).toThrow('profile x has both `headers` (profile v1) and `upgrade.headers` (v2): keep only `upgrade.headers`.');
  });

  test('profileSchema.parse (the public schema) migrates a v1 profile too, silently', () => {
    const p = profileSchema.parse({ name: 'p', url: 'ws://127.0.0.1:9/ws', headers: { A: 'b' }, typeField: 'op', appPing: {} });
    expect(p.upgrade.headers).toEqual({ A: 'b' });
    expect(p.appPing?.request).toEqual({ op: 'ping' });
  });

  test('an unknown version is a profile error', () => {
    expect(() => parseProfile({ version: 3, name: 'p', url: 'ws://127.0.0.1:9/ws' })).toThrow(/profile\.version/);
  });
});

describe('the shipped v2 example', () => {
  test('profiles/example-op-protocol.json loads: every v2 part, the op discriminator in the default app ping', () => {
    const notes: string[] = [];
    const p = loadProfile('profiles/example-op-protocol.json', { TICKER_TOKEN: 't', TICKER_HEALTH_TOKEN: 'h' }, (n) => notes.push(n));
    expect(notes).toEqual([]);
    expect(p.auth).toMatchObject({ mode: 'message', send: { op: 'auth', token: 't' } });
    expect(p.health?.headers).toEqual({ Authorization: 'Bearer h' });
    expect(p.appPing).toMatchObject({ request: { op: 'ping' }, response: { op: 'pong' } });
    expect(dialSpec(p)).toMatchObject({ protocols: ['ticker.v2', 'ticker.v1'], perMessageDeflate: true });
  });
});

describe('client profiles tell types apart by their own field too', () => {
  test('messages.typeField "event": the ping, pong and welcome left out are written in it; given ones stay', () => {
    const c = parseClientProfile({ name: 'c', messages: { typeField: 'event', pong: { event: 'heartbeat_ack' } } }, {});
    expect(c.messages).toMatchObject({ typeField: 'event', ping: { event: 'ping' }, pong: { event: 'heartbeat_ack' }, welcome: { event: 'connection_established' } });
    expect(parseClientProfile({ name: 'c' }, {}).messages).toMatchObject({ typeField: 'type', ping: { type: 'ping' } });
  });
});
