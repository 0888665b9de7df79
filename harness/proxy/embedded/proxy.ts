/**
 * One proxy: a listener on `listen`, a dial to `upstream` per accepted client, its toxics, and
 * Toxiproxy's state rules:
 * - start binds `listen` and from then on shows the bound address; a failed bind is a 500 with
 *   Go's error text and leaves the proxy disabled.
 * - stop (disable / delete) closes the listener and every open connection; toxics survive.
 * - update: a changed listen or upstream restarts the proxy (connections dropped); enabled then
 *   starts or stops it; an identical update changes nothing ("identical" compares the resolved
 *   listen address: `localhost:P` is `127.0.0.1:P`); a listen that does not resolve is a 500
 *   before anything changes.
 */
import net from 'node:net';
import { internalError } from './api-error.js';
import { Connection, type ConnectionOwner } from './connection.js';
import { goJsonString } from './go-json-decode.js';
import type { Link } from './link.js';
import { listenOn, resolveListen, splitHostPort } from './listen-address.js';
import { ToxicCollection } from './toxic-collection.js';
import { toxicJson, type ToxicEntry } from './toxic-entry.js';
import type { Direction } from './ws-stream.js';

export interface ProxyConfig {
  listen: string;
  upstream: string;
  enabled: boolean;
}

export class Proxy implements ConnectionOwner {
  enabled = false;
  readonly toxics: ToxicCollection;
  private server: net.Server | null = null;
  private readonly connections = new Set<Connection>();

  constructor(
    readonly name: string,
    public listen: string,
    public upstream: string,
  ) {
    this.toxics = new ToxicCollection(() => this.liveLinks());
  }

  /** Binds the listener. Throws an ApiError(500) with Go's text if the bind fails. */
  async start(): Promise<void> {
    if (this.enabled) return;
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    server.on('connection', (socket) => this.accept(socket));
    try {
      this.listen = await listenOn(server, this.listen);
    } catch (err) {
      server.close();
      throw internalError((err as Error).message);
    }
    this.server = server;
    this.enabled = true;
  }

  stop(): void {
    if (!this.enabled) return;
    this.enabled = false;
    this.server?.close();
    this.server = null;
    for (const conn of [...this.connections]) conn.forceClose();
  }

  async update(input: ProxyConfig): Promise<void> {
    let resolved: string;
    try {
      resolved = resolveListen(input.listen);
    } catch (err) {
      throw internalError((err as Error).message); // before anything changes, like Toxiproxy
    }
    if (resolved !== this.listen || input.upstream !== this.upstream) {
      this.stop();
      this.listen = input.listen;
      this.upstream = input.upstream;
    }
    if (input.enabled !== this.enabled) {
      if (input.enabled) await this.start();
      else this.stop();
    }
  }

  toxicsFor(direction: Direction): readonly ToxicEntry[] {
    return [...this.toxics.chain(direction)];
  }

  onConnectionClosed(conn: Connection): void {
    this.connections.delete(conn);
  }

  /** `{"name","listen","upstream","enabled","Logger":{},"toxics":[...]}` in Toxiproxy's order. */
  toJson(): string {
    return (
      `{"name":${goJsonString(this.name)},"listen":${goJsonString(this.listen)},` +
      `"upstream":${goJsonString(this.upstream)},"enabled":${this.enabled},"Logger":{},` +
      `"toxics":[${this.toxics.list().map(toxicJson).join(',')}]}`
    );
  }

  private *liveLinks(): Iterable<Link> {
    for (const conn of this.connections) yield* conn.liveLinks;
  }

  private accept(socket: net.Socket): void {
    const target = splitHostPort(this.upstream);
    if ('error' in target || !this.enabled) {
      socket.destroy();
      return;
    }
    const conn = new Connection(this, socket);
    this.connections.add(conn);
    conn.open(target.host === '' ? 'localhost' : target.host, target.port);
  }
}
