import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError } from '../../harness/errors.js';
import { clientProfileJsonSchemaText } from '../../harness/client/json-schema.js';
import { scaledPolicy } from '../../harness/client/policy.js';
import { loadClientProfile, parseClientProfile } from '../../harness/client/profile.js';

const dir = mkdtempSync(join(tmpdir(), 'wsc-client-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expectConfigError = (fn: () => unknown, ...parts: string[]): void => {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ConfigError);
  expect((err as ConfigError).code).toBe('WSC_ERR_PROFILE');
  expect((err as ConfigError).exitCode).toBe(2);
  for (const p of parts) expect((err as Error).message).toContain(p);
};

describe('client profile', () => {
  test('defaults are incident 002: 5 retries, 1 s ×2 capped at 10 s, reset after 5 s stable, 1008 fatal (the silent parts from the recommended policy)', () => {
    const p = parseClientProfile({ name: 'x' });
    expect(p.reconnect).toEqual({ backoff: { baseMs: 1000, factor: 2, capMs: 10_000, immediateFirst: false, growFromStep: 1, attemptsFrom: 0 }, resetAfterStableMs: 5000 });
    expect(p.timeScale).toBe(1);
    expect(p.ping).toBeUndefined();
    const policy = scaledPolicy(p);
    expect(policy).toMatchObject({ maxRetries: 5, fatalCloseCodes: [1008], ping: { intervalMs: 20_000, timeoutMs: 10_000 }, backoff: { baseMs: 1000, factor: 2, capMs: 10_000, jitterRatio: 0.2 } });
    expect(policy.recommended).toEqual(['maxRetries', 'fatalCloseCodes', 'ping', 'jitterRatio', 'resumeEveryMs']);
  });
  test('timeScale compresses every policy duration but not the tolerance', () => {
    const p = scaledPolicy(parseClientProfile({ name: 'x', timeScale: 0.05, ping: {}, serverPing: {}, toleranceMs: 150 }));
    expect(p.backoff).toMatchObject({ baseMs: 50, capMs: 500 });
    expect(p.ping).toEqual({ intervalMs: 1000, timeoutMs: 500 });
    expect(p.serverPing).toEqual({ intervalMs: 1250, timeoutMs: 1000 });
    expect(p.resetAfterStableMs).toBe(250);
    expect(p.maxAttempts).toBe(6);
    expect(p.toleranceMs).toBe(150);
  });
  test('bad values name the field', () => {
    expectConfigError(() => parseClientProfile({ name: 'x', reconnect: { maxRetries: -1 } }), 'client.reconnect.maxRetries');
    expectConfigError(() => parseClientProfile({ name: 'x', reconnect: { backoff: { baseMs: 5000, capMs: 1000 } } }), 'client.reconnect.backoff.capMs: capMs must be at least baseMs');
    expectConfigError(() => parseClientProfile({ name: 'x', url: 'http://nope' }), 'client.url: must be a ws:// or wss:// URL');
    expectConfigError(() => parseClientProfile({ name: 'x', page: { url: 'http://127.0.0.1/' } }), 'client.page.wsPattern');
    expectConfigError(() => parseClientProfile({ name: 'x', retries: 3 }), 'retries');
  });
  test('${ENV} is interpolated; a missing variable says what to export', () => {
    expect(parseClientProfile({ name: 'x', url: 'wss://h/ws?token=${TOK}' }, { TOK: 'abc' }).url).toBe('wss://h/ws?token=abc');
    expectConfigError(() => parseClientProfile({ name: 'x', url: 'wss://h/ws?token=${TOK}' }, {}), 'export TOK=');
  });
  test('files: unreadable, not JSON, valid', () => {
    expectConfigError(() => loadClientProfile(join(dir, 'missing.json')), 'cannot read client profile', 'ENOENT');
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expectConfigError(() => loadClientProfile(join(dir, 'bad.json')), 'is not valid JSON');
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ name: 'ok', page: { url: 'http://127.0.0.1:5173/', wsPattern: '**/ws' } }));
    expect(loadClientProfile(join(dir, 'ok.json')).page?.scheduleGlobal).toBe('__wsChaosSchedule');
  });
  test('profiles/client-profile.schema.json is in sync with the zod schema (run pnpm profile:schema)', () => {
    expect(readFileSync('profiles/client-profile.schema.json', 'utf8')).toBe(clientProfileJsonSchemaText());
  });
  test('the example client profile is valid', () => {
    expect(loadClientProfile('profiles/example-client.json').page?.wsPattern).toBeDefined();
  });
});
