/**
 * The reference WebSocket client: incident 002's design done right — exponential backoff
 * (base × factor^(n-1), capped, optional jitter), at most `maxRetries` retries after the first
 * attempt, the retry counter reset only after a connection stayed open `resetAfterStableMs`,
 * no retry after a fatal close code (1008), once the retries run out a new attempt every
 * `resumeEveryMs` (so a long outage ends without a page reload), app pings every `intervalMs` with a pong timeout,
 * and an answer to every server ping. Each known bug is a `mode` switch, so the client
 * scenarios can prove they catch it.
 *
 * Runs in a browser, on Node 22+ (global WebSocket) and on Node 20 with an injected WebSocket
 * constructor (the `ws` package). No imports: the page bundles this file as it is. Every
 * duration comes from the config, so tests compress time instead of sleeping.
 */

export type ClientMode =
  | 'correct'
  /** Incident 000: the retry counter (and backoff) resets on every successful open. */
  | 'reset-on-open'
  /** Retries after a fatal close code (1008) like after any other close. */
  | 'retry-on-fatal'
  /** Sends pings but never enforces the pong timeout. */
  | 'no-pong-timeout'
  /** Exponential backoff without the cap. */
  | 'no-backoff-cap'
  /** Ignores the maximum: retries forever. */
  | 'no-max-retries'
  /** Does not answer the server's app pings. */
  | 'ignore-server-ping'
  /** Gives up after the first retry, whatever the policy says. */
  | 'give-up-early'
  /** Retries at the base delay every time: never grows (a "retry every second"). */
  | 'constant-delay'
  /** Follows the schedule but ignores the jitter. */
  | 'no-jitter'
  /** Waits a tenth of each scheduled delay (4 ms for a 40 ms step): a hot loop. */
  | 'hot-loop'
  /** Sends no app pings at all: a silent server looks alive. */
  | 'no-heartbeat'
  /** Retries after close 1011 without checking the maximum (the delays still grow): loops forever on 1011 only. */
  | 'unbounded-on-1011'
  /** Treats 1001 (going away) as final: never comes back after a graceful server restart. */
  | 'final-on-1001'
  /** Stops for good when its retries run out (no resumeEveryMs): after a long outage only a page reload brings it back. */
  | 'gives-up-for-good';

export const CLIENT_MODES: readonly ClientMode[] = [
  'correct',
  'reset-on-open',
  'retry-on-fatal',
  'no-pong-timeout',
  'no-backoff-cap',
  'no-max-retries',
  'ignore-server-ping',
  'give-up-early',
  'constant-delay',
  'no-jitter',
  'hot-loop',
  'no-heartbeat',
  'unbounded-on-1011',
  'final-on-1001',
  'gives-up-for-good',
];

/** The slice of the WHATWG WebSocket this client uses (browsers, Node 22+, undici, `ws`). */
export interface MinimalWebSocket {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketCtor = new (url: string) => MinimalWebSocket;

export interface ReferenceClientConfig {
  url: string;
  mode: ClientMode;
  maxRetries: number;
  backoff: ReferenceBackoff;
  resetAfterStableMs: number | null;
  fatalCloseCodes: readonly number[];
  /** Once the retries run out, dial again this often (± the jitter) until one opens; null or absent: stop for good. */
  resumeEveryMs?: number | null;
  ping: { intervalMs: number; timeoutMs: number } | null;
  /** The heartbeat's shapes; `text`: a plain-text heartbeat ("ping"/"pong" frames, not JSON). */
  messages?: { ping: Record<string, unknown>; pong: Record<string, unknown>; idField: string; text?: { ping: string; pong: string } };
}

/**
 * The retry schedule: retry n waits min(capMs, base × factor^(max(0, step − growFromStep) + attemptsFrom)),
 * step = n (n − 1 after an immediate first retry), ± jitter; or delaysMs[n-1] (the last repeats).
 * With baseRangeMs the base is drawn once, when the client is made (once per page load).
 */
export interface ReferenceBackoff {
  baseMs: number;
  factor: number;
  capMs: number;
  jitterRatio: number;
  delaysMs?: readonly number[];
  immediateFirst?: boolean;
  growFromStep?: number;
  attemptsFrom?: 0 | 1;
  baseRangeMs?: readonly [number, number];
}

/** Everything the client did, each stamped with `at`: performance.now() in the client's own runtime. */
export type ClientEvent = ClientEventBody & { at: number };

export type ClientEventBody =
  | { kind: 'dial'; attempt: number; url: string }
  | { kind: 'open'; attempt: number }
  | { kind: 'close'; attempt: number; code: number; reason: string; by: 'server' | 'client' }
  | { kind: 'scheduled'; attempt: number; retry: number; delayMs: number }
  | { kind: 'counter-reset'; attempt: number; why: 'stable' | 'open' }
  | { kind: 'pong-timeout'; attempt: number }
  | { kind: 'gave-up'; attempts: number }
  | { kind: 'resume-scheduled'; attempt: number; delayMs: number }
  | { kind: 'fatal'; code: number }
  | { kind: 'status'; text: string };

export interface ReferenceClientOptions {
  /** The WebSocket constructor; defaults to globalThis.WebSocket, read at every dial (so msw's patch applies). */
  WebSocketImpl?: WebSocketCtor;
  onEvent?: (e: ClientEvent) => void;
  random?: () => number;
}

const OPEN = 1;
const PONG_TIMEOUT_CLOSE = 4000;

export class ReferenceClient {
  readonly events: ClientEvent[] = [];
  status = 'idle';
  private socket: MinimalWebSocket | undefined;
  private attempt = 0;
  private retries = 0;
  private stopped = true;
  private pingSeq = 0;
  private awaitingPong = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private connTimers = new Set<ReturnType<typeof setTimeout>>();
  /** The base delay, drawn once from baseRangeMs when there is one. */
  private readonly baseMs: number;

  constructor(
    readonly config: ReferenceClientConfig,
    private readonly options: ReferenceClientOptions = {},
  ) {
    const range = config.backoff.baseRangeMs;
    const r = options.random ?? Math.random;
    this.baseMs = range ? Math.round(range[0] + (range[1] - range[0]) * r()) : config.backoff.baseMs;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // A fresh start (a page load): the retry counter starts over.
    this.retries = 0;
    this.dial();
  }

  /** Close the socket and cancel every timer. Idempotent. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.dropConnection(1000, 'client stopped');
    this.setStatus('stopped');
  }

  /** The delays this client chose, retry by retry. */
  scheduled(): Array<{ retry: number; delayMs: number }> {
    return this.events.flatMap((e) => (e.kind === 'scheduled' ? [{ retry: e.retry, delayMs: e.delayMs }] : []));
  }

  private emit(body: ClientEventBody): void {
    const e = { ...body, at: performance.now() } as ClientEvent;
    this.events.push(e);
    this.options.onEvent?.(e);
  }

  private setStatus(text: string): void {
    this.status = text;
    this.emit({ kind: 'status', text });
  }

  private later(ms: number, fn: () => void, perConnection = false): void {
    const set = perConnection ? this.connTimers : this.timers;
    const t = setTimeout(() => {
      set.delete(t);
      fn();
    }, ms);
    set.add(t);
  }

  private dial(): void {
    if (this.stopped) return;
    this.attempt++;
    const attempt = this.attempt;
    const { url } = this.config;
    this.emit({ kind: 'dial', attempt, url });
    this.setStatus(this.retries === 0 ? 'connecting' : `reconnecting (retry ${this.retries}/${this.config.maxRetries})`);
    const Impl = this.options.WebSocketImpl ?? (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
    let ws: MinimalWebSocket;
    try {
      if (!Impl) throw new Error('no WebSocket constructor: pass WebSocketImpl (e.g. the ws package) on Node 20');
      ws = new Impl(url);
    } catch (e) {
      this.emit({ kind: 'close', attempt, code: 1006, reason: (e as Error).message, by: 'client' });
      return this.scheduleRetry(1006);
    }
    this.socket = ws;
    ws.onopen = () => this.onOpen(ws, attempt);
    ws.onmessage = (ev) => this.onMessage(ws, ev.data);
    const ended = (code: number, reason: string): void => {
      if (this.socket !== ws) return;
      this.socket = undefined;
      this.clearConnection();
      this.emit({ kind: 'close', attempt, code, reason, by: 'server' });
      this.afterClose(code);
    };
    // Node 22's global WebSocket fires `error` and never `close` after a refused handshake:
    // an error ends the attempt (as 1006, what browsers report with it); a close that follows is ignored.
    ws.onerror = () => ended(1006, '');
    ws.onclose = (ev) => ended(ev.code, ev.reason ?? '');
  }

  private onOpen(ws: MinimalWebSocket, attempt: number): void {
    if (this.socket !== ws) return;
    this.emit({ kind: 'open', attempt });
    this.setStatus('connected');
    const { mode, resetAfterStableMs, ping } = this.config;
    if (mode === 'reset-on-open') {
      this.retries = 0;
      this.emit({ kind: 'counter-reset', attempt, why: 'open' });
    } else if (resetAfterStableMs !== null) {
      this.later(
        resetAfterStableMs,
        () => {
          if (this.socket !== ws || this.retries === 0) return;
          this.retries = 0;
          this.emit({ kind: 'counter-reset', attempt, why: 'stable' });
        },
        true,
      );
    }
    if (ping && mode !== 'no-heartbeat') this.later(ping.intervalMs, () => this.sendPing(ws, attempt), true);
  }

  private sendPing(ws: MinimalWebSocket, attempt: number): void {
    const ping = this.config.ping;
    if (!ping || this.socket !== ws || ws.readyState !== OPEN) return;
    const m = this.messages();
    ws.send(m.text ? m.text.ping : JSON.stringify({ ...m.ping, [m.idField]: `c-${++this.pingSeq}` }));
    if (this.config.mode !== 'no-pong-timeout' && !this.awaitingPong) {
      this.awaitingPong = true;
      this.later(ping.timeoutMs, () => this.onPongTimeout(ws, attempt), true);
    }
    this.later(ping.intervalMs, () => this.sendPing(ws, attempt), true);
  }

  private onPongTimeout(ws: MinimalWebSocket, attempt: number): void {
    if (this.socket !== ws || !this.awaitingPong) return;
    this.emit({ kind: 'pong-timeout', attempt });
    // Do not wait for a dead server's close frame: let go of the socket and retry now.
    this.dropConnection(PONG_TIMEOUT_CLOSE, 'pong timeout');
    this.emit({ kind: 'close', attempt, code: PONG_TIMEOUT_CLOSE, reason: 'pong timeout', by: 'client' });
    this.afterClose(PONG_TIMEOUT_CLOSE);
  }

  private onMessage(ws: MinimalWebSocket, data: unknown): void {
    if (this.socket !== ws || typeof data !== 'string') return;
    const text = this.messages().text;
    if (text) {
      if (data === text.pong) this.awaitingPong = false;
      else if (data === text.ping && this.config.mode !== 'ignore-server-ping' && ws.readyState === OPEN) ws.send(text.pong);
      return;
    }
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(data) as Record<string, unknown>;
    } catch {
      return;
    }
    const m = this.messages();
    if (msg && typeof msg === 'object' && subsetOf(msg, m.pong)) {
      this.awaitingPong = false;
      return;
    }
    if (msg && typeof msg === 'object' && subsetOf(msg, m.ping) && this.config.mode !== 'ignore-server-ping' && ws.readyState === OPEN) {
      const id = msg[m.idField];
      ws.send(JSON.stringify(id === undefined ? m.pong : { ...m.pong, [m.idField]: id }));
    }
  }

  private afterClose(code: number): void {
    if (this.stopped) return;
    if (this.config.fatalCloseCodes.includes(code) && this.config.mode !== 'retry-on-fatal') {
      this.emit({ kind: 'fatal', code });
      this.setStatus(`stopped: the server refused the session (${code}); sign in again`);
      return;
    }
    if (code === 1001 && this.config.mode === 'final-on-1001') {
      this.setStatus('disconnected: the server went away');
      return;
    }
    this.scheduleRetry(code);
  }

  private scheduleRetry(code: number): void {
    if (this.stopped) return;
    const { mode, maxRetries, backoff } = this.config;
    const unlimited = mode === 'no-max-retries' || (mode === 'unbounded-on-1011' && code === 1011);
    const limit = unlimited ? Infinity : mode === 'give-up-early' ? Math.min(1, maxRetries) : maxRetries;
    const r = this.options.random ?? Math.random;
    const jitter = mode === 'no-jitter' ? 0 : backoff.jitterRatio;
    if (this.retries >= limit) {
      this.emit({ kind: 'gave-up', attempts: this.attempt });
      const resumeMs = this.config.resumeEveryMs;
      if (!resumeMs || mode === 'gives-up-for-good') {
        this.setStatus(`gave up after ${this.attempt} attempts (last close ${code}); reload the page to reconnect`);
        return;
      }
      // Not a retry (the counter stays spent): one slow attempt per resumeEveryMs until one opens.
      const delayMs = Math.max(0, Math.round(resumeMs * (1 + jitter * (2 * r() - 1))));
      this.emit({ kind: 'resume-scheduled', attempt: this.attempt + 1, delayMs });
      this.setStatus(`gave up after ${this.attempt} attempts (last close ${code}); trying again in ${delayMs} ms`);
      this.later(delayMs, () => this.dial());
      return;
    }
    this.retries++;
    const capped = mode === 'constant-delay' ? this.baseMs : this.policyDelayMs(this.retries, mode === 'no-backoff-cap');
    const jittered = Math.max(0, Math.round(capped * (1 + jitter * (2 * r() - 1))));
    const delayMs = mode === 'hot-loop' ? Math.round(jittered / 10) : jittered;
    this.emit({ kind: 'scheduled', attempt: this.attempt + 1, retry: this.retries, delayMs });
    this.setStatus(`retry ${this.retries}/${maxRetries} in ${delayMs} ms`);
    this.later(delayMs, () => this.dial());
  }

  /** The schedule's delay before retry `retry` (1-based), before jitter. */
  private policyDelayMs(retry: number, uncapped: boolean): number {
    const b = this.config.backoff;
    if (b.delaysMs && b.delaysMs.length > 0) return b.delaysMs[Math.min(retry, b.delaysMs.length) - 1] ?? 0;
    const step = b.immediateFirst ? retry - 1 : retry;
    if (step < 1) return 0;
    const raw = this.baseMs * b.factor ** (Math.max(0, step - (b.growFromStep ?? 1)) + (b.attemptsFrom ?? 0));
    return uncapped ? raw : Math.min(b.capMs, raw);
  }

  private clearConnection(): void {
    for (const t of this.connTimers) clearTimeout(t);
    this.connTimers.clear();
    this.awaitingPong = false;
  }

  private dropConnection(code: number, reason: string): void {
    const ws = this.socket;
    this.socket = undefined;
    this.clearConnection();
    if (!ws) return;
    ws.onopen = null;
    ws.onmessage = null;
    ws.onclose = null;
    ws.onerror = () => undefined;
    try {
      ws.close(code, reason);
    } catch {
      /* closing a socket that is still connecting can throw in some runtimes */
    }
  }

  private messages(): NonNullable<ReferenceClientConfig['messages']> {
    return this.config.messages ?? { ping: { type: 'ping' }, pong: { type: 'pong' }, idField: 'id' };
  }
}

/** Whether every field of `shape` is in `msg` with the same (JSON) value: the profile's shapes, whatever their field names. */
function subsetOf(msg: Record<string, unknown>, shape: Record<string, unknown>): boolean {
  return Object.entries(shape).every(([k, v]) => JSON.stringify(msg[k]) === JSON.stringify(v));
}
