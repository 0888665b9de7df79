/** All proxies of one embedded server, by name (Toxiproxy's ProxyCollection). */
import { proxyAlreadyExists, proxyNotFound } from './api-error.js';
import { Proxy } from './proxy.js';

export class ProxyRegistry {
  private readonly proxies = new Map<string, Proxy>();

  get(name: string): Proxy {
    const proxy = this.proxies.get(name);
    if (!proxy) throw proxyNotFound();
    return proxy;
  }

  /** Names in Go's map-marshalling order (byte-wise). */
  sorted(): Proxy[] {
    return [...this.proxies.values()].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  }

  async add(proxy: Proxy, start: boolean): Promise<void> {
    if (this.proxies.has(proxy.name)) throw proxyAlreadyExists();
    if (start) await proxy.start();
    this.proxies.set(proxy.name, proxy);
  }

  /**
   * /populate: a same-name proxy with the same listen and upstream is kept as it is (and returned);
   * otherwise the old one is stopped (its connections and toxics are lost) and replaced.
   */
  async addOrReplace(proxy: Proxy, start: boolean): Promise<Proxy> {
    const existing = this.proxies.get(proxy.name);
    if (existing) {
      if (existing.listen === proxy.listen && existing.upstream === proxy.upstream) return existing;
      existing.stop(); // if the new one then fails to bind, the old one stays, stopped (as in Toxiproxy)
    }
    if (start) await proxy.start();
    this.proxies.set(proxy.name, proxy);
    return proxy;
  }

  remove(name: string): void {
    const proxy = this.get(name);
    proxy.stop();
    this.proxies.delete(name);
  }

  /** POST /reset: every proxy enabled again and stripped of its toxics; none deleted. */
  async reset(): Promise<void> {
    for (const proxy of this.proxies.values()) {
      await proxy.start();
      proxy.toxics.reset();
    }
  }

  stopAll(): void {
    for (const proxy of this.proxies.values()) proxy.stop();
    this.proxies.clear();
  }
}
