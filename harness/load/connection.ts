/**
 * One connection of a load run: a plain `ws` client that is light on purpose. It keeps no
 * timeline, only the few stamps the connection diagnosis needs (TCP connect, upgrade, open,
 * the welcome, the first messages before it, the server's close frame / FIN / teardown, an
 * error or a refused upgrade), as ms since its own dial; `events()` rebuilds the small timeline
 * the shared judges read (diagnose/connection.ts, judges/welcome.ts). It answers keepalives as
 * a good client does: protocol pings by ws's automatic pong, the profile's app keepalives with
 * the one answerer (keepalive-answer.ts); and optionally sends the profile's app ping every
 * `appPingEveryMs`, timing the round trip. Its measurements go to `LoadSink` as they happen.
 */
import net from 'node:net';
import tls from 'node:tls';
import WebSocket from 'ws';
import { lateness, now } from '../clock.js';
import type { AppKeepaliveAnswer } from '../keepalive-answer.js';
import { matches, parseJson } from '../match.js';
import type { DialSpec } from '../profile/connect.js';
import type { Closer, TimelineEvent } from '../timeline.js';

/** Messages before the welcome kept for the diagnosis (an error message explains a close 1011). */
const EARLY_MESSAGES = 3;
const EARLY_TEXT_CHARS = 200;

export interface LoadConnectionSpec {
  dial: DialSpec;
  handshakeTimeoutMs: number;
  /** How long a client close waits for the server's close frame before the socket is dropped. */
  closeTimeoutMs: number;
  welcome?: Record<string, unknown>;
  keepalive?: AppKeepaliveAnswer;
  /** The profile's app ping, sent every `everyMs` (app traffic), its pong timed. */
  appPing?: { request: Record<string, unknown>; response: Record<string, unknown>; idField?: string; everyMs: number };
}

/** Where a connection's measurements go, the moment they are taken. */
export interface LoadSink {
  onTcpConnect(c: LoadConnection, ms: number): void;
  onUpgrade(c: LoadConnection, ms: number): void;
  onOpen(c: LoadConnection): void;
  onWelcome(c: LoadConnection, msSinceOpen: number): void;
  onAppPong(c: LoadConnection, roundTripMs: number): void;
  onMessage(dir: 'in' | 'out'): void;
  /** The connection ended (either side, or never opened). */
  onEnd(c: LoadConnection): void;
}

type At = { t: number; lateMs?: number };

const stampAt = (at: number, dialAt: number): At => {
  const late = lateness(at);
  return late > 0 ? { t: at - dialAt, lateMs: Math.round(late * 100) / 100 } : { t: at - dialAt };
};

export class LoadConnection {
  readonly index: number;
  readonly dialAt: number;
  tcp?: At;
  upgrade?: At & { status: number };
  open?: At;
  welcome?: At & { text: string };
  /** Up to EARLY_MESSAGES messages before the welcome (allocated when the first comes). */
  early?: Array<At & { text: string }>;
  rejected?: At & { status: number; body: string };
  error?: At & { message: string; code?: string };
  closeFrame?: At & { code: number; reason: string };
  tcpEnd?: At;
  close?: At & { code: number; reason: string; by: Closer };
  closeSentAt?: number;
  ended = false;
  /** Set by the recorder: connections open when this one was welcomed, and when it ended. */
  openAtWelcome = 0;
  openAtEnd = 0;
  /** Set by the recorder once the connection has been judged. */
  judged = false;

  private readonly ws: WebSocket;
  private readonly spec: LoadConnectionSpec;
  private readonly sink: LoadSink;
  private clientClosing = false;
  private pingTimer?: NodeJS.Timeout;
  private pingSeq = 0;
  /** The one app ping in flight: its id and when it went. */
  private pingId?: string;
  private pingAt = 0;

  constructor(index: number, spec: LoadConnectionSpec, sink: LoadSink) {
    this.index = index;
    this.spec = spec;
    this.sink = sink;
    this.dialAt = now();
    const url = spec.dial.url;
    this.ws = new WebSocket(url, spec.dial.protocols, {
      headers: spec.dial.headers,
      handshakeTimeout: spec.handshakeTimeoutMs,
      closeTimeout: spec.closeTimeoutMs,
      perMessageDeflate: false,
      followRedirects: false,
      createConnection: ((options: net.NetConnectOpts & tls.ConnectionOptions) => {
        const socket = url.startsWith('wss:') ? tls.connect(options) : net.connect(options);
        socket.once(socket instanceof tls.TLSSocket ? 'secureConnect' : 'connect', () => {
          this.tcp = stampAt(now(), this.dialAt);
          sink.onTcpConnect(this, this.tcp.t);
        });
        socket.once('end', () => {
          const at = now();
          if (this.open) this.tcpEnd = stampAt(at, this.dialAt);
        });
        return socket;
      }) as never,
    } as WebSocket.ClientOptions);
    this.attach();
  }

  private attach(): void {
    const ws = this.ws;
    ws.on('upgrade', (res) => {
      this.upgrade = { ...stampAt(now(), this.dialAt), status: res.statusCode ?? 0 };
      this.sink.onUpgrade(this, this.upgrade.t);
    });
    ws.on('unexpected-response', (req, res) => {
      const at = now();
      const chunks: Buffer[] = [];
      const done = (): void => {
        if (this.rejected) return;
        this.rejected = { ...stampAt(at, this.dialAt), status: res.statusCode ?? 0, body: Buffer.concat(chunks).subarray(0, 200).toString('utf8') };
        req.destroy();
        res.destroy();
        this.finish();
      };
      res.on('data', (c: Buffer) => chunks.length < 4 && chunks.push(c));
      res.once('end', done);
      res.once('error', done);
      res.once('close', done);
    });
    ws.on('open', () => {
      this.open = stampAt(now(), this.dialAt);
      const receiver = (ws as unknown as { _receiver?: NodeJS.EventEmitter })._receiver;
      receiver?.prependListener?.('conclude', (code: number, reason: Buffer) => {
        this.closeFrame = { ...stampAt(now(), this.dialAt), code, reason: reason.toString('utf8') };
      });
      this.sink.onOpen(this);
      if (this.spec.appPing) this.schedulePing(Math.random() * this.spec.appPing.everyMs);
    });
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      const at = now();
      this.sink.onMessage('in');
      if (isBinary) return;
      const text = data.toString();
      this.onText(text, at);
    });
    ws.on('error', (err: Error & { code?: string }) => {
      const at = now();
      if (this.rejected || this.error) return;
      const code = /handshake has timed out/i.test(err.message) ? 'HANDSHAKE_TIMEOUT' : err.code;
      this.error = { ...stampAt(at, this.dialAt), message: err.message, code };
    });
    ws.on('close', (code: number, reason: Buffer) => {
      const at = now();
      if (this.rejected) return;
      if (this.open) this.close = { ...stampAt(at, this.dialAt), code, reason: reason.toString('utf8'), by: this.clientClosing ? 'client' : code === 1006 ? 'transport' : 'server' };
      this.finish();
    });
  }

  private onText(text: string, at: number): void {
    const spec = this.spec;
    const needsParse = !this.welcome || spec.keepalive || spec.appPing;
    const msg = needsParse ? parseJson(text) : undefined;
    if (!this.welcome && spec.welcome && msg !== undefined && matches(msg, spec.welcome)) {
      this.welcome = { ...stampAt(at, this.dialAt), text };
      if (this.open) this.sink.onWelcome(this, this.welcome.t - this.open.t);
      return;
    }
    if (!this.welcome && (this.early?.length ?? 0) < EARLY_MESSAGES) (this.early ??= []).push({ ...stampAt(at, this.dialAt), text: text.slice(0, EARLY_TEXT_CHARS) });
    if (msg === undefined) return;
    if (spec.keepalive?.isPing(msg)) {
      this.send(spec.keepalive.reply(msg));
      return;
    }
    const ping = spec.appPing;
    if (ping && matches(msg, ping.response)) {
      const id = ping.idField ? (msg as Record<string, unknown>)[ping.idField] : undefined;
      // Without an id field the pong answers the ping in flight.
      if (this.pingId !== undefined && (id === undefined || String(id) === this.pingId)) {
        this.pingId = undefined;
        this.sink.onAppPong(this, at - this.pingAt);
      }
    }
  }

  private schedulePing(delayMs: number): void {
    const ping = this.spec.appPing;
    if (!ping) return;
    this.pingTimer = setTimeout(() => {
      if (this.ended) return;
      this.pingSeq++;
      const id = `${this.index}-${this.pingSeq}`;
      // One ping in flight: an unanswered one is not timed (the keepalive and the diagnosis cover a dead server).
      this.pingId = id;
      this.pingAt = now();
      this.send(ping.idField ? { ...ping.request, [ping.idField]: id } : ping.request);
      this.schedulePing(ping.everyMs);
    }, delayMs);
  }

  private send(payload: unknown): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
    this.sink.onMessage('out');
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.pingTimer);
    this.pingId = undefined;
    this.sink.onEnd(this);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Close from the client side (1000), as a good client leaving; the socket is dropped after closeTimeoutMs if the server never answers. */
  closeGracefully(): void {
    clearTimeout(this.pingTimer);
    if (this.ws.readyState === WebSocket.OPEN) {
      this.clientClosing = true;
      this.closeSentAt = now() - this.dialAt;
      this.ws.close(1000, 'load run finished');
    } else if (this.ws.readyState === WebSocket.CONNECTING) this.terminate();
  }

  /** End at once, no close handshake (Ctrl-C, or a close that did not finish in time). */
  terminate(): void {
    clearTimeout(this.pingTimer);
    if (this.ws.readyState !== WebSocket.CLOSED) {
      this.clientClosing = true;
      try {
        this.ws.terminate();
      } catch {
        // Already gone: the close event follows or has fired.
      }
    }
  }

  /** The small timeline the shared judges read, rebuilt from the stamps. */
  events(): TimelineEvent[] {
    const e: TimelineEvent[] = [{ t: 0, kind: 'dial', url: this.spec.dial.url }];
    if (this.tcp) e.push({ ...this.tcp, kind: 'tcp-connect' });
    if (this.rejected) e.push({ ...this.rejected, kind: 'rejected', headers: {} });
    if (this.upgrade) e.push({ ...this.upgrade, kind: 'upgrade', headers: {} });
    if (this.open) e.push({ ...this.open, kind: 'open', protocol: '' });
    for (const m of this.early ?? []) e.push({ ...m, kind: 'message', dir: 'in', bytes: m.text.length, binary: false });
    if (this.welcome) e.push({ ...this.welcome, kind: 'message', dir: 'in', bytes: this.welcome.text.length, binary: false });
    if (this.closeSentAt !== undefined) e.push({ t: this.closeSentAt, kind: 'close-sent', code: 1000, reason: 'load run finished' });
    if (this.closeFrame) e.push({ ...this.closeFrame, kind: 'close-frame' });
    if (this.tcpEnd) e.push({ ...this.tcpEnd, kind: 'tcp-end' });
    if (this.error) e.push({ ...this.error, kind: 'error' });
    if (this.close) e.push({ ...this.close, kind: 'close', wasClean: this.close.code !== 1006 });
    return e.sort((a, b) => a.t - b.t);
  }
}
