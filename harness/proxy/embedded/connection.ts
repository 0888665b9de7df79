/**
 * One accepted client and its upstream connection: two links (upstream = client -> server,
 * downstream = server -> client) and Toxiproxy's close semantics.
 *
 * - The upstream is dialled after accept; a failed dial closes the client at once.
 * - When a link's end of stream reaches its destination, that socket is closed (Go's Close: FIN
 *   after pending data, then the descriptor is released), which ends the other link's source; the
 *   other link then flushes its chain and closes its own destination. Half-close is therefore not
 *   preserved: when either direction reaches EOF the whole connection closes.
 * - If a reset_peer toxic was present (either direction) when the connection was accepted, every
 *   close of this connection is an RST (Toxiproxy sets SO_LINGER 0 on both sockets).
 * - `forceClose()` (proxy disabled / deleted / restarted) closes both sockets at once.
 */
import net, { type Socket } from 'node:net';
import { Link, type LinkOwner } from './link.js';
import type { ToxicEntry } from './toxic-entry.js';
import type { Direction } from './ws-stream.js';

export interface ConnectionOwner {
  toxicsFor(direction: Direction): readonly ToxicEntry[];
  onConnectionClosed(conn: Connection): void;
}

/** Bound on waiting for buffered bytes to flush before a closed socket is destroyed anyway. */
const FLUSH_GRACE_MS = 10_000;

export class Connection implements LinkOwner {
  private upstreamSocket: Socket | null = null;
  private links: Link[] = [];
  private lingerZero = false;
  private linksDone = false;
  private released = false;
  private readonly graceTimers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly owner: ConnectionOwner,
    private readonly client: Socket,
  ) {}

  /** Live links (empty until the upstream dial succeeded). */
  get liveLinks(): readonly Link[] {
    return this.links;
  }

  open(upstreamHost: string, upstreamPort: number): void {
    this.client.on('error', () => this.onSocketGone(this.client));
    this.client.on('close', () => this.onSocketGone(this.client));
    const upstream = net.connect({ host: upstreamHost, port: upstreamPort, allowHalfOpen: true });
    this.upstreamSocket = upstream;
    upstream.on('error', () => (this.links.length === 0 ? this.dialFailed() : this.onSocketGone(upstream)));
    upstream.on('close', () => (this.links.length === 0 ? this.dialFailed() : this.onSocketGone(upstream)));
    upstream.once('connect', () => this.startLinks(upstream));
  }

  /** Proxy disabled, deleted or restarted: both sockets closed now (RST if SO_LINGER 0). */
  forceClose(): void {
    if (this.released) return;
    for (const socket of [this.client, this.upstreamSocket]) {
      if (!socket || socket.destroyed) continue;
      if (this.lingerZero && socket.readyState === 'open') socket.resetAndDestroy();
      else socket.destroy();
    }
    this.finishLinks();
    this.release();
  }

  onLinkFinished(link: Link): void {
    this.closeSocket(link.dest);
    const other = this.links.find((l) => l !== link);
    other?.inputEnd();
    if (this.links.every((l) => l.isFinished)) this.finishLinks();
  }

  private startLinks(upstream: Socket): void {
    if (this.released || this.client.destroyed) {
      upstream.destroy();
      this.release();
      return;
    }
    const client = this.client;
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const upToxics = this.owner.toxicsFor('upstream');
    const downToxics = this.owner.toxicsFor('downstream');
    this.lingerZero = [...upToxics, ...downToxics].some((t) => t.type === 'reset_peer');
    const up = new Link(this, 'upstream', client, upstream);
    const down = new Link(this, 'downstream', upstream, client);
    this.links = [up, down];
    up.start(upToxics);
    down.start(downToxics);
    client.on('data', (data: Buffer) => up.input(data));
    client.on('end', () => up.inputEnd());
    upstream.on('data', (data: Buffer) => down.input(data));
    upstream.on('end', () => down.inputEnd());
    client.resume();
  }

  private dialFailed(): void {
    if (this.released) return;
    this.client.destroy();
    this.upstreamSocket?.destroy();
    this.release();
  }

  /** A socket errored or closed: it is no longer a source, and no longer a destination. */
  private onSocketGone(socket: Socket): void {
    if (this.released) return;
    if (this.links.length === 0) {
      // Client gone while the upstream was still being dialled.
      this.upstreamSocket?.destroy();
      this.release();
      return;
    }
    for (const link of this.links) {
      if (link.source === socket) link.inputEnd();
      if (link.dest === socket) link.markDestDead();
    }
    this.maybeRelease();
  }

  private closeSocket(socket: Socket): void {
    if (socket.destroyed) return;
    if (this.lingerZero) {
      socket.resetAndDestroy();
      return;
    }
    socket.end(() => socket.destroy());
    const timer = setTimeout(() => {
      this.graceTimers.delete(timer);
      socket.destroy();
    }, FLUSH_GRACE_MS);
    this.graceTimers.add(timer);
  }

  private finishLinks(): void {
    if (this.linksDone) return;
    this.linksDone = true;
    for (const link of this.links) link.dispose();
    this.maybeRelease();
  }

  /** Leaves the proxy's books once the links are done and both sockets are closed. */
  private maybeRelease(): void {
    const upstreamGone = this.upstreamSocket === null || this.upstreamSocket.destroyed;
    if (this.linksDone && this.client.destroyed && upstreamGone) this.release();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    for (const timer of this.graceTimers) clearTimeout(timer);
    this.graceTimers.clear();
    for (const link of this.links) link.dispose();
    this.owner.onConnectionClosed(this);
  }
}
