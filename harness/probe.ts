/**
 * The probe: an instrumented `ws` client. It records a timeline of everything that happens to
 * one connection — TCP connect, the upgrade answer, open, every frame both ways (pings, pongs
 * and closes included), the close code, reason and who closed — stamped with the monotonic
 * clock, first thing in each listener, with how late the stamp may be (`lateMs`: the loop was
 * busy, see `lateness()` in clock.ts). The server's close frame and FIN are stamped when they
 * are read (`close-frame`, `tcp-end`), apart from the socket teardown (`close`). The close frame
 * comes from ws's receiver `conclude` event, a private API: when it is missing the probe notes
 * that on the timeline and close frames are only seen at teardown.
 *
 * The probe answers nothing on its own: protocol pings are answered only while `answerPings`
 * is on (ws's autoPong is off), app pings only while `answerAppPings` is set. That is how a
 * scenario plays a dead client.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { lateness, now, roundMs, watchLateness } from './clock.js';
import { flatHeaders, readExcerpt, toBuffer } from './probe-wire.js';
import { endedAt, type Closer, type ConnectionTimeline, type EventKind, type EventOf, type TimelineEvent } from './timeline.js';

/** Messages are kept whole up to this size while the scenario runs (matching needs them)… */
const TEXT_KEEP_CHARS = 1024 * 1024;
/** …and cut to this in the timeline a result carries. */
const TEXT_EXCERPT_CHARS = 2000;

export interface ProbeOptions {
  url: string;
  label?: string;
  headers?: Record<string, string>;
  protocols?: string[];
  handshakeTimeoutMs: number;
  /** How long `close()` waits for the server's close frame before dropping the socket. */
  closeTimeoutMs?: number;
  /** Offer permessage-deflate (default false: frames stay readable on the wire). */
  perMessageDeflate?: boolean;
  /** Answer protocol ping frames with a pong carrying the same payload (default true). */
  answerPings?: boolean;
  /** Answer app-level pings: a predicate for the server's ping and the reply to send. */
  answerAppPings?: { isPing: (msg: unknown) => boolean; reply: (msg: unknown) => unknown };
}

export type OpenOutcome = 'open' | 'rejected' | 'failed' | 'timeout';

type Waiter = { match: (e: TimelineEvent) => boolean; resolve: (e: TimelineEvent | undefined) => void; timer: NodeJS.Timeout };

export class Probe {
  readonly label: string;
  readonly url: string;
  readonly origin = now();
  readonly startedAt = new Date().toISOString();
  readonly events: TimelineEvent[] = [];
  answerPings: boolean;
  answerAppPings: ProbeOptions['answerAppPings'];
  /** Resolves once the handshake is decided. */
  readonly opened: Promise<OpenOutcome>;

  private readonly ws: WebSocket;
  private clientClosing = false;
  private settled = false;
  private waiters = new Set<Waiter>();
  private resolveOpened!: (o: OpenOutcome) => void;

  constructor(opts: ProbeOptions) {
    this.label = opts.label ?? 'main';
    this.url = opts.url;
    this.answerPings = opts.answerPings ?? true;
    this.answerAppPings = opts.answerAppPings;
    this.opened = new Promise((r) => (this.resolveOpened = r));
    watchLateness();
    this.push({ t: 0, kind: 'dial', url: opts.url });

    const onSocket = (socket: net.Socket): net.Socket => {
      const event = socket instanceof tls.TLSSocket ? 'secureConnect' : 'connect';
      socket.once(event, () => this.stamp({ kind: 'tcp-connect' }, now()));
      socket.once('end', () => {
        const t = now();
        if (this.events.some((e) => e.kind === 'open')) this.stamp({ kind: 'tcp-end' }, t);
      });
      return socket;
    };
    this.ws = new WebSocket(opts.url, opts.protocols ?? [], {
      headers: opts.headers,
      handshakeTimeout: opts.handshakeTimeoutMs,
      closeTimeout: opts.closeTimeoutMs ?? 2000,
      autoPong: false,
      perMessageDeflate: opts.perMessageDeflate ?? false,
      followRedirects: false,
      createConnection: ((options: net.NetConnectOpts & tls.ConnectionOptions) =>
        onSocket(opts.url.startsWith('wss:') ? tls.connect(options) : net.connect(options))) as never,
    } as WebSocket.ClientOptions);
    this.attach();
  }

  private attach(): void {
    const ws = this.ws;
    ws.on('upgrade', (res: IncomingMessage) => {
      const t = now();
      this.stamp({ kind: 'upgrade', status: res.statusCode ?? 0, headers: flatHeaders(res.headers) }, t);
    });
    ws.on('unexpected-response', (req: ClientRequest, res: IncomingMessage) => {
      const t = now();
      void readExcerpt(res).then((body) => {
        this.stamp({ kind: 'rejected', status: res.statusCode ?? 0, headers: flatHeaders(res.headers), body }, t);
        this.settle('rejected');
        req.destroy();
        res.destroy();
        this.finish();
      });
    });
    ws.on('open', () => {
      const t = now();
      this.stamp({ kind: 'open', protocol: ws.protocol }, t);
      this.watchCloseFrames();
      this.settle('open');
    });
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      const t = now();
      const buf = toBuffer(data);
      const text = isBinary ? buf.subarray(0, 64).toString('hex') : buf.toString('utf8');
      this.stamp({ kind: 'message', dir: 'in', text: text.slice(0, TEXT_KEEP_CHARS), bytes: buf.length, binary: isBinary }, t);
      if (!isBinary && this.answerAppPings) this.maybeAnswerAppPing(text);
    });
    ws.on('ping', (data: Buffer) => {
      const t = now();
      this.stamp({ kind: 'ping', dir: 'in', payload: data.toString('utf8'), bytes: data.length }, t);
      if (this.answerPings && ws.readyState === WebSocket.OPEN) this.pong(data);
    });
    ws.on('pong', (data: Buffer) => {
      const t = now();
      this.stamp({ kind: 'pong', dir: 'in', payload: data.toString('utf8'), bytes: data.length }, t);
    });
    ws.on('error', (err: Error & { code?: string }) => {
      const t = now();
      if (this.events.some((e) => e.kind === 'rejected')) return;
      const code = /handshake has timed out/i.test(err.message) ? 'HANDSHAKE_TIMEOUT' : err.code;
      this.stamp({ kind: 'error', message: err.message, code }, t);
      this.settle(code === 'HANDSHAKE_TIMEOUT' ? 'timeout' : 'failed');
    });
    ws.on('close', (code: number, reasonBuf: Buffer) => {
      const t = now();
      if (this.events.some((e) => e.kind === 'rejected')) return;
      const opened = this.events.some((e) => e.kind === 'open');
      if (!opened) {
        this.settle('failed');
        this.finish();
        return;
      }
      const by: Closer = this.clientClosing ? 'client' : code === 1006 ? 'transport' : 'server';
      const reason = reasonBuf.toString('utf8');
      this.stamp({ kind: 'close', code, reason, wasClean: code !== 1006, by }, t);
      this.finish();
    });
  }

  /** Stamp the peer's close frame when ws's receiver reads it (private API, guarded). */
  private watchCloseFrames(): void {
    const receiver = (this.ws as unknown as { _receiver?: { prependListener?: unknown } })._receiver;
    if (!receiver || typeof receiver.prependListener !== 'function') {
      this.note("close frames are stamped at teardown only: ws's receiver (a private API) is not there in this ws version");
      return;
    }
    (receiver as NodeJS.EventEmitter).prependListener('conclude', (code: number, reason: Buffer) => {
      const t = now();
      this.stamp({ kind: 'close-frame', code, reason: reason.toString('utf8') }, t);
    });
  }

  private maybeAnswerAppPing(text: string): void {
    const spec = this.answerAppPings;
    if (!spec) return;
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (spec.isPing(msg)) this.send(spec.reply(msg));
  }

  private settle(outcome: OpenOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.resolveOpened(outcome);
  }

  private finish(): void {
    this.settle('failed');
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(undefined);
    }
    this.waiters.clear();
  }

  private push(e: TimelineEvent): void {
    this.events.push(e);
    for (const w of this.waiters) {
      if (w.match(e)) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(e);
      }
    }
  }

  /** Record an event the network delivered, stamped at `at`, with how late that stamp may be. */
  private stamp(e: DistributiveOmit<TimelineEvent, 't'>, at: number): void {
    const late = lateness(at);
    this.record((late > 0 ? { ...e, lateMs: roundMs(late) } : e) as DistributiveOmit<TimelineEvent, 't'>, at);
  }

  /** Record an event at `at` (defaults to now) on this probe's time axis. */
  record(e: DistributiveOmit<TimelineEvent, 't'>, at: number = now()): void {
    this.push({ ...e, t: at - this.origin } as TimelineEvent);
  }

  note(text: string): void {
    this.record({ kind: 'note', text });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  get isClosed(): boolean {
    return this.events.some((e) => e.kind === 'close' || e.kind === 'rejected') || (this.settled && !this.events.some((e) => e.kind === 'open'));
  }

  /** Current time on this probe's axis. */
  elapsed(): number {
    return now() - this.origin;
  }

  /** Send a text message (objects as JSON); `offContract`: a deliberate provocation the --asyncapi contract does not judge. */
  send(payload: unknown, opts: { offContract?: boolean } = {}): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    this.record({ kind: 'message', dir: 'out', text: text.slice(0, TEXT_KEEP_CHARS), bytes: Buffer.byteLength(text), binary: false, ...(opts.offContract ? { offContract: true as const } : {}) });
    this.ws.send(text);
    return true;
  }

  sendBinary(data: Buffer): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    this.record({ kind: 'message', dir: 'out', text: data.subarray(0, 64).toString('hex'), bytes: data.length, binary: true });
    this.ws.send(data, { binary: true });
    return true;
  }

  ping(payload: string): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    this.record({ kind: 'ping', dir: 'out', payload, bytes: Buffer.byteLength(payload) });
    this.ws.ping(payload);
    return true;
  }

  private pong(data: Buffer): void {
    this.record({ kind: 'pong', dir: 'out', payload: data.toString('utf8'), bytes: data.length });
    this.ws.pong(data);
  }

  close(code = 1000, reason = ''): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.clientClosing = true;
    this.record({ kind: 'close-sent', code, reason });
    this.ws.close(code, reason);
  }

  /**
   * Wait for the first event (already recorded or future) that matches, up to `timeoutMs`.
   * Resolves `undefined` on timeout or when the connection ends without a match.
   */
  waitFor<K extends EventKind>(
    kind: K,
    timeoutMs: number,
    match: (e: EventOf<K>) => boolean = () => true,
    since = 0,
  ): Promise<EventOf<K> | undefined> {
    const test = (e: TimelineEvent): boolean => e.kind === kind && e.t >= since && match(e as EventOf<K>);
    const found = this.events.find(test);
    if (found) return Promise.resolve(found as EventOf<K>);
    if (this.isClosed && kind !== 'close') return Promise.resolve(undefined);
    return this.wait(test, timeoutMs) as Promise<EventOf<K> | undefined>;
  }

  private wait(match: (e: TimelineEvent) => boolean, timeoutMs: number): Promise<TimelineEvent | undefined> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        match,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(undefined);
        }, Math.max(0, timeoutMs)),
      };
      this.waiters.add(waiter);
    });
  }

  /** Wait for the connection to end (close or rejection), up to `timeoutMs`. */
  async waitClosed(timeoutMs: number): Promise<EventOf<'close'> | undefined> {
    if (this.isClosed) return this.events.find((e): e is EventOf<'close'> => e.kind === 'close');
    return this.waitFor('close', timeoutMs);
  }

  /**
   * Wait for the server's end as it arrived — its close frame, FIN or the teardown, whichever
   * comes first — up to `timeoutMs`. Unlike `waitClosed`, not held up by the close handshake
   * or by our own unsent data.
   */
  async waitEnded(timeoutMs: number): Promise<EventOf<'close-frame' | 'tcp-end' | 'close'> | undefined> {
    const seen = endedAt(this.events);
    if (seen || this.isClosed) return seen;
    const match = (e: TimelineEvent): boolean => e.kind === 'close-frame' || e.kind === 'tcp-end' || e.kind === 'close';
    return this.wait(match, timeoutMs) as Promise<EventOf<'close-frame' | 'tcp-end' | 'close'> | undefined>;
  }

  /** End the connection at once (no close handshake) and release every timer. Idempotent. */
  dispose(): void {
    if (this.ws.readyState === WebSocket.CONNECTING || this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CLOSING) {
      this.clientClosing = true;
      try {
        this.ws.terminate();
      } catch {
        /* already gone */
      }
    }
    this.finish();
  }

  timeline(): ConnectionTimeline {
    const events = this.events.map((e) => (e.kind === 'message' && e.text.length > TEXT_EXCERPT_CHARS ? { ...e, text: `${e.text.slice(0, TEXT_EXCERPT_CHARS)}…` } : e));
    return { label: this.label, url: this.url, startedAt: this.startedAt, origin: this.origin, events };
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
