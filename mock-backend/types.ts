/** Configuration of the reference backend. */
import type { EventEmitter } from 'node:events';

export interface KeepaliveConfig {
  /** App ping messages, protocol ping frames, or both. */
  kind: 'app' | 'protocol' | 'both';
  intervalMs: number;
  timeoutMs: number;
  /** What happens to a client that misses its pong: close 1011 "keepalive timeout", or drop the TCP connection. */
  onTimeout: 'close' | 'terminate';
}

export interface BackendConfig {
  jwtSecret: string;
  auth: {
    /** Invalid token: close 1008 right after open, or refuse the upgrade with 401. */
    reject: 'close' | 'http';
  };
  keepalive: KeepaliveConfig;
  maxPayloadBytes: number;
  /** WebSocket route. */
  path: string;
  /** Refuse upgrades with 503 once this many connections are registered (0 = no cap). */
  maxConnections: number;
  /**
   * Slowloris protection: a request (the upgrade included) whose headers have not fully arrived
   * within this many ms is answered 408 (0 = Node's defaults).
   */
  requestTimeoutMs: number;
  /** Pino level; 'silent' by default. */
  logLevel: string;
  /** A plain-text heartbeat (a client profile's messages.text): its ping answered with its pong, the keepalive sent as its ping. */
  textHeartbeat?: { ping: string; pong: string };
}

/** Production defaults, as in incident 000: server pings every 25 s, waits 20 s for the pong. */
export const DEFAULT_CONFIG: BackendConfig = {
  jwtSecret: 'ws-chaos-reference-secret',
  auth: { reject: 'close' },
  keepalive: { kind: 'both', intervalMs: 25_000, timeoutMs: 20_000, onTimeout: 'close' },
  maxPayloadBytes: 64 * 1024,
  path: '/ws',
  maxConnections: 0,
  requestTimeoutMs: 0,
  logLevel: 'silent',
};

export type BackendEvent =
  | { name: 'open'; id: string; t: number }
  | { name: 'welcome-sent'; id: string; t: number }
  | { name: 'close'; id: string; code: number; t: number };

/** Emits 'open', 'welcome-sent' and 'close' with `{ id, t }` (t from performance.now()). */
export type BackendObserver = EventEmitter;
