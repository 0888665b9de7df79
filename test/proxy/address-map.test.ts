/**
 * Chaos proxy routes per provider (harness/proxy/address-map.ts): loopback providers listen on
 * 127.0.0.1:0 and dial the target as given; a Toxiproxy in a container listens on a free published
 * port, is reached through its mapped host port, and dials this machine by its in-container name.
 */
import { describe, expect, it } from 'vitest';
import { proxyRoute, type ContainerAddressMap } from '../../harness/proxy/address-map.js';
import { containerAddressMap } from '../../harness/proxy/provider-container.js';

const map: ContainerAddressMap = {
  connectHost: 'docker.example',
  ports: [
    [8666, 40001],
    [8667, 40002],
  ],
  hostFromContainer: 'host.testcontainers.internal',
};

describe('proxyRoute', () => {
  it('loopback providers: listen 127.0.0.1:0, upstream unchanged, connect to the bound listen', () => {
    expect(proxyRoute(undefined, '127.0.0.1', 9001, [])).toEqual({ listen: '127.0.0.1:0', upstream: '127.0.0.1:9001', connect: null });
  });

  it('container: a loopback target is dialled by the in-container host name; clients use the mapped port', () => {
    expect(proxyRoute(map, '127.0.0.1', 9001, [])).toEqual({
      listen: '0.0.0.0:8666',
      upstream: 'host.testcontainers.internal:9001',
      connect: { host: 'docker.example', port: 40001 },
    });
    expect(proxyRoute(map, 'localhost', 9001, []).upstream).toBe('host.testcontainers.internal:9001');
  });

  it('container: a non-loopback target is dialled as given; published ports in use are skipped', () => {
    const route = proxyRoute(map, 'backend.internal', 443, ['0.0.0.0:8666']);
    expect(route).toEqual({ listen: '0.0.0.0:8667', upstream: 'backend.internal:443', connect: { host: 'docker.example', port: 40002 } });
  });

  it('container: every published port in use is an error naming the fix', () => {
    expect(() => proxyRoute(map, '127.0.0.1', 9001, ['0.0.0.0:8666', '[::]:8667'])).toThrow(/every published port .* in use \(2 proxies\): remove proxies/);
  });
});

describe('containerAddressMap', () => {
  it('lists the 32 published proxy ports 8666-8697 with their mapped host ports', () => {
    const m = containerAddressMap({ getHost: () => 'localhost', getMappedPort: (p) => p + 30_000 });
    expect(m.connectHost).toBe('localhost');
    expect(m.ports).toHaveLength(32);
    expect(m.ports[0]).toEqual([8666, 38666]);
    expect(m.ports[31]).toEqual([8697, 38697]);
    expect(m.hostFromContainer).toBe('host.testcontainers.internal');
  });
});
