/**
 * The target URL has one parser (harness/target-url.ts): the profile schema, `--target` and the
 * Toxiproxy route agree on what a target URL is, and the CLI parses the target once and passes
 * the parsed value on.
 */
import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../cli/target.js';
import { parseProfile } from '../../harness/profile/load.js';
import { atEndpoint, parseTargetUrl, targetUrlProblem } from '../../harness/target-url.js';

describe('parseTargetUrl', () => {
  it.each([
    ['ws://127.0.0.1:9000/ws?token=x', { protocol: 'ws:', hostname: '127.0.0.1', port: 9000, href: 'ws://127.0.0.1:9000/ws?token=x' }],
    ['ws://backend.test/ws', { protocol: 'ws:', hostname: 'backend.test', port: 80, href: 'ws://backend.test/ws' }],
    ['wss://backend.test/ws', { protocol: 'wss:', hostname: 'backend.test', port: 443, href: 'wss://backend.test/ws' }],
    ['ws://[::1]:8080/', { protocol: 'ws:', hostname: '::1', port: 8080, href: 'ws://[::1]:8080/' }],
  ])('%s', (text, parts) => {
    expect(parseTargetUrl(text, '--target')).toEqual(parts);
  });

  it.each([
    ['http://127.0.0.1:1/', '--target "http://127.0.0.1:1/" must start with ws:// or wss:// (got http://)'],
    ['ws://127.0.0.1:99999/ws', '--target "ws://127.0.0.1:99999/ws" is not a URL: use ws://host:port/path or wss://...'],
    ['ws://bad host/ws', '--target "ws://bad host/ws" is not a URL: use ws://host:port/path or wss://...'],
    ['127.0.0.1:9000', '--target "127.0.0.1:9000" is not a URL: use ws://host:port/path or wss://...'],
  ])('%s is refused with WSC_ERR_BAD_URL', (text, message) => {
    expect(() => parseTargetUrl(text, '--target')).toThrow(expect.objectContaining({ code: 'WSC_ERR_BAD_URL', exitCode: 2, message }));
    expect(targetUrlProblem(text)).toBeDefined();
  });

  it('atEndpoint moves the URL to another host and port, keeping path and query', () => {
    const t = parseTargetUrl('ws://10.0.0.7:9000/ws?token=abc', 'profile.url');
    expect(atEndpoint(t, '127.0.0.1', 41000)).toBe('ws://127.0.0.1:41000/ws?token=abc');
    expect(atEndpoint(t, '::1', 41000)).toBe('ws://[::1]:41000/ws?token=abc');
  });
});

describe('one rule at every entry', () => {
  it('a profile whose url the URL parser refuses is a profile error when it is loaded, not a crash at the first dial', () => {
    expect(() => parseProfile({ name: 'p', url: 'ws://127.0.0.1:99999/ws' })).toThrow(
      expect.objectContaining({ code: 'WSC_ERR_PROFILE', message: expect.stringContaining('profile.url: must be a ws:// or wss:// URL') }),
    );
    expect(parseProfile({ name: 'p', url: 'ws://127.0.0.1:9000/ws' }).url).toBe('ws://127.0.0.1:9000/ws');
  });

  it('the CLI parses --target once and hands on the parsed value', () => {
    const resolved = resolveTarget({ target: 'ws://127.0.0.1:9000/ws' });
    expect(resolved.url).toEqual({ protocol: 'ws:', hostname: '127.0.0.1', port: 9000, href: 'ws://127.0.0.1:9000/ws' });
    expect(resolved.profile?.url).toBe('ws://127.0.0.1:9000/ws');
    expect(() => resolveTarget({ target: 'ws://127.0.0.1:99999/ws' })).toThrow(expect.objectContaining({ code: 'WSC_ERR_BAD_URL' }));
  });
});
