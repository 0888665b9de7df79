/**
 * Both profile kinds are strict at every level (a misspelled nested field is refused with its
 * full path and a "did you mean"), every duration is bounded (no setTimeout overflow), and a
 * bad page.wsPattern regex is refused at load: each an exit-2 ConfigError.
 */
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../harness/errors.js';
import { parseClientProfile } from '../../harness/client/profile.js';
import { closestName, MAX_DURATION_MS } from '../../harness/profile/fields.js';
import { parseProfile } from '../../harness/profile/load.js';

const base = { name: 'x', url: 'ws://127.0.0.1:9/ws' };

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).exitCode).toBe(2);
    return (e as Error).message;
  }
  return expect.unreachable('no ConfigError was thrown');
}

describe('nested misspellings are refused with the full path and a did-you-mean', () => {
  test.each([
    ['welcome.budget_ms', { welcome: { match: {}, budget_ms: 5 } }, 'budgetMs'],
    ['keepalive.interval_ms', { keepalive: { kind: 'app', intervalMs: 1, timeoutMs: 1, interval_ms: 1 } }, 'intervalMs'],
    ['health.connections_field', { health: { url: 'http://h/health', connections_field: 'c' } }, 'connectionsField'],
    ['auth.tokn', { auth: { mode: 'query', token: 't', tokn: 't' } }, 'token'],
    ['timeouts.closeMS', { timeouts: { closeMS: 5 } }, 'closeMs'],
    ['provoke.malformedJSON', { provoke: { malformedJSON: true } }, 'malformedJson'],
    ['request.correlation_field', { request: { send: {}, expect: {}, correlation_field: 'seq' } }, 'correlationField'],
  ])('backend %s', (path, extra, guess) => {
    const msg = configError(() => parseProfile({ ...base, ...extra }));
    expect(msg).toContain(`profile.${path}: unknown field (did you mean \`${guess}\`?)`);
  });

  test.each([
    ['reconnect.backoff.base_ms', { reconnect: { backoff: { base_ms: 5 } } }, 'baseMs'],
    ['reconnect.max_retries', { reconnect: { max_retries: 5 } }, 'maxRetries'],
    ['ping.interval_ms', { ping: { interval_ms: 5 } }, 'intervalMs'],
    ['page.ws_pattern', { page: { url: 'http://h/', wsPattern: '**', ws_pattern: '**' } }, 'wsPattern'],
    ['messages.id_field', { messages: { id_field: 'x' } }, 'idField'],
  ])('client %s', (path, extra, guess) => {
    const msg = configError(() => parseClientProfile({ name: 'c', ...extra }));
    expect(msg).toContain(`client.${path}: unknown field (did you mean \`${guess}\`?)`);
  });

  test('a field like nothing known lists the known fields instead', () => {
    const msg = configError(() => parseProfile({ ...base, protocolPing: { zzzzzz: 1 } }));
    expect(msg).toContain('profile.protocolPing.zzzzzz: unknown field (known fields here: budgetMs)');
  });

  test('closestName: case and snake_case are the same name; far names are no guess', () => {
    expect(closestName('budget_ms', ['match', 'budgetMs'])).toBe('budgetMs');
    expect(closestName('budgtMs', ['match', 'budgetMs'])).toBe('budgetMs');
    expect(closestName('colour', ['match', 'budgetMs'])).toBeUndefined();
  });
});

describe('every duration is bounded (0 .. 24 h)', () => {
  const tooLong = 2 ** 31;
  test.each([
    ['stayOpenMs', { stayOpenMs: tooLong }],
    ['idleTimeoutMs', { idleTimeoutMs: tooLong }],
    ['timeouts.handshakeMs', { timeouts: { handshakeMs: tooLong } }],
    ['timeouts.closeMs', { timeouts: { closeMs: tooLong } }],
    ['welcome.budgetMs', { welcome: { match: {}, budgetMs: tooLong } }],
    ['keepalive.intervalMs', { keepalive: { kind: 'app', intervalMs: tooLong, timeoutMs: 1 } }],
    ['health.settleMs', { health: { url: 'http://h/health', settleMs: tooLong } }],
    ['request.budgetMs', { request: { send: {}, expect: {}, budgetMs: tooLong } }],
  ])('backend %s', (path, extra) => {
    const msg = configError(() => parseProfile({ ...base, ...extra }));
    expect(msg).toContain(`profile.${path}: must be from 0 to ${MAX_DURATION_MS} ms (24 h)`);
  });

  test.each([
    ['toleranceMs', { toleranceMs: tooLong }],
    ['reconnect.backoff.capMs', { reconnect: { backoff: { capMs: tooLong } } }],
    ['reconnect.resetAfterStableMs', { reconnect: { resetAfterStableMs: tooLong } }],
    ['ping.timeoutMs', { ping: { timeoutMs: tooLong } }],
    ['serverPing.intervalMs', { serverPing: { intervalMs: tooLong } }],
  ])('client %s', (path, extra) => {
    const msg = configError(() => parseClientProfile({ name: 'c', ...extra }));
    expect(msg).toContain(`client.${path}: must be from 0 to ${MAX_DURATION_MS} ms (24 h)`);
  });

  test('the bound itself is accepted, and stays below the timer overflow', () => {
    expect(MAX_DURATION_MS).toBeLessThan(2 ** 31 - 1);
    expect(parseProfile({ ...base, stayOpenMs: MAX_DURATION_MS }).stayOpenMs).toBe(MAX_DURATION_MS);
  });
});

describe('page.wsPattern', () => {
  test('an invalid /regex/ is refused at load, naming the field and the regex error', () => {
    const msg = configError(() => parseClientProfile({ name: 'c', page: { url: 'http://h/', wsPattern: '/ws[/' } }));
    expect(msg).toMatch(/client\.page\.wsPattern: \/ws\[\/ is not a valid regular expression \(Invalid regular expression: .*Unterminated character class\)/);
  });

  test('a valid regex and a glob load', () => {
    expect(parseClientProfile({ name: 'c', page: { url: 'http://h/', wsPattern: '/\\/ws$/i' } }).page?.wsPattern).toBe('/\\/ws$/i');
    expect(parseClientProfile({ name: 'c', page: { url: 'http://h/', wsPattern: '**/ws/**' } }).page?.wsPattern).toBe('**/ws/**');
  });
});
