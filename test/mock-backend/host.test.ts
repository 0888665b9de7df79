import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost, isLoopbackHostHeader, parseBindHost } from '../../mock-backend/host.js';

describe('loopback checks of the reference backend', () => {
  it('socket addresses: 127.0.0.0/8, ::1 and the IPv4-mapped form only', () => {
    for (const a of ['127.0.0.1', '127.3.4.5', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['10.0.0.1', '0.0.0.0', '::', '::ffff:10.0.0.1', '', '128.0.0.1']) expect(isLoopbackAddress(a), a).toBe(false);
  });

  it('bind hosts: localhost and loopback addresses need no secret; everything else does', () => {
    for (const h of ['127.0.0.1', 'localhost', 'LocalHost', '::1', '[::1]', '127.0.0.2']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.5', 'myhost.example', 'localhost.evil.example']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('Host headers: 127.0.0.1, localhost, [::1] with an optional port; nothing a rebound name can send', () => {
    for (const h of ['127.0.0.1', '127.0.0.1:8080', 'localhost:1', 'LOCALHOST', '[::1]:65535']) expect(isLoopbackHostHeader(h), h).toBe(true);
    for (const h of [undefined, '', 'evil.example', 'evil.example:8080', 'localhost.evil.example', '127.0.0.1.nip.io', '127.0.0.1:80@evil', '0.0.0.0:8080', '[::]:80', '::1', '127.0.0.1:', '999.0.0.1'])
      expect(isLoopbackHostHeader(h), String(h)).toBe(false);
  });

  it('--host values: IPs and host names pass, anything else is a usage error naming the fix', () => {
    expect(parseBindHost('0.0.0.0')).toBe('0.0.0.0');
    expect(parseBindHost('[::1]')).toBe('::1');
    expect(parseBindHost('my-host.example')).toBe('my-host.example');
    for (const bad of ['', ' ', '999.1.1.1', 'not a host', 'http://h', 'h:80', '-h']) {
      expect(() => parseBindHost(bad), bad).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/is not an IP address or host name: use 127\.0\.0\.1/) }));
    }
  });
});
