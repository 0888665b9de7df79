/**
 * The toxic types the embedded server knows: Toxiproxy's standard ones, with their attributes in
 * Toxiproxy's field order and defaults, plus ws-chaos's WebSocket-aware ones (ws_drop, ws_delay,
 * ws_close, and the load-balancer emulation idle_timeout). `validate` returns the text of a 400 for values that are impossible (real Toxiproxy
 * accepts some of them and then crashes the whole server when data flows).
 */
import type { FieldKind } from './go-json-decode.js';
import type { Direction, WsStreamTracker } from './ws-stream.js';
import { BandwidthStage } from './stages/bandwidth.js';
import { LatencyStage } from './stages/latency.js';
import { LimitDataStage } from './stages/limit-data.js';
import { ResetPeerStage } from './stages/reset-peer.js';
import { SlicerStage } from './stages/slicer.js';
import { SlowCloseStage } from './stages/slow-close.js';
import { NoopStage, type Attributes, type Stage } from './stages/stage.js';
import { TimeoutStage } from './stages/timeout.js';
import { IdleTimeoutStage } from './stages/idle-timeout.js';
import { WsCloseStage } from './stages/ws-close.js';
import { WsDelayStage } from './stages/ws-delay.js';
import { WsDropStage } from './stages/ws-drop.js';
import { validateMatcher } from './stages/ws-matcher.js';

export interface AttributeSpec {
  readonly json: string;
  readonly kind: FieldKind;
  readonly default: number | string;
}

export interface ToxicTypeDef {
  readonly type: string;
  /** Go struct name used in `json: cannot unmarshal ...` messages. */
  readonly goStruct: string;
  readonly attributes: readonly AttributeSpec[];
  /** True for ws-chaos's own types (not in real Toxiproxy). */
  readonly ours: boolean;
  validate(attrs: Attributes): string | null;
  createStage(attrs: Attributes, direction: Direction, tracker: WsStreamTracker): Stage;
}

const int64 = (json: string, dflt = 0): AttributeSpec => ({ json, kind: 'int64', default: dflt });
const int = (json: string, dflt = 0): AttributeSpec => ({ json, kind: 'int', default: dflt });
const str = (json: string, dflt = ''): AttributeSpec => ({ json, kind: 'string', default: dflt });
const ok = (): string | null => null;

const matcherAttrs = [int('opcode', -1), str('json_field'), str('json_value')];

const DEFS: ToxicTypeDef[] = [
  {
    type: 'noop',
    goStruct: 'NoopToxic',
    attributes: [],
    ours: false,
    validate: ok,
    createStage: (a, d) => new NoopStage(a, d),
  },
  {
    type: 'latency',
    goStruct: 'LatencyToxic',
    attributes: [int64('latency'), int64('jitter')],
    ours: false,
    // Real Toxiproxy panics (`invalid argument to Int63n`) on the first chunk when jitter*2 overflows int64.
    validate: (a) => ((a.jitter as number) >= 2 ** 62 ? `latency attribute jitter must be below 4611686018427387904 (2^62) ms, got ${BigInt(a.jitter as number)}` : null),
    createStage: (a, d) => new LatencyStage(a, d),
  },
  {
    type: 'bandwidth',
    goStruct: 'BandwidthToxic',
    attributes: [int64('rate')],
    ours: false,
    validate: (a) => ((a.rate as number) < 0 ? `bandwidth attribute rate must be 0 or more (KB/s; 0 stops data), got ${a.rate}` : null),
    createStage: (a, d) => new BandwidthStage(a, d),
  },
  {
    type: 'slow_close',
    goStruct: 'SlowCloseToxic',
    attributes: [int64('delay')],
    ours: false,
    validate: ok,
    createStage: (a, d) => new SlowCloseStage(a, d),
  },
  {
    type: 'timeout',
    goStruct: 'TimeoutToxic',
    attributes: [int64('timeout')],
    ours: false,
    validate: ok,
    createStage: (a, d) => new TimeoutStage(a, d),
  },
  {
    type: 'reset_peer',
    goStruct: 'ResetToxic',
    attributes: [int64('timeout')],
    ours: false,
    validate: ok,
    createStage: (a, d) => new ResetPeerStage(a, d),
  },
  {
    type: 'slicer',
    goStruct: 'SlicerToxic',
    attributes: [int('average_size'), int('size_variation'), int('delay')],
    ours: false,
    validate: (a) => {
      const avg = a.average_size as number;
      const variation = a.size_variation as number;
      if (avg <= 0) return `slicer attribute average_size must be 1 or more (bytes), got ${avg}`;
      if (variation < 0 || variation > avg) {
        return `slicer attribute size_variation must be between 0 and average_size (${avg}) bytes, got ${variation}`;
      }
      return null;
    },
    createStage: (a, d) => new SlicerStage(a, d),
  },
  {
    type: 'limit_data',
    goStruct: 'LimitDataToxic',
    attributes: [int64('bytes')],
    ours: false,
    validate: ok,
    createStage: (a, d) => new LimitDataStage(a, d),
  },
  {
    type: 'idle_timeout',
    goStruct: 'IdleTimeoutToxic',
    attributes: [int64('timeout')],
    ours: true,
    validate: (a) => ((a.timeout as number) <= 0 ? `idle_timeout attribute timeout must be 1 or more (ms), got ${a.timeout}` : null),
    createStage: (a, d) => new IdleTimeoutStage(a, d),
  },
  {
    type: 'ws_drop',
    goStruct: 'WsDropToxic',
    attributes: matcherAttrs,
    ours: true,
    validate: (a) => validateMatcher('ws_drop', a),
    createStage: (a, d, t) => new WsDropStage(a, d, t),
  },
  {
    type: 'ws_delay',
    goStruct: 'WsDelayToxic',
    attributes: [int64('delay'), ...matcherAttrs],
    ours: true,
    validate: (a) =>
      (a.delay as number) < 0 ? `ws_delay attribute delay must be 0 or more (ms), got ${a.delay}` : validateMatcher('ws_delay', a),
    createStage: (a, d, t) => new WsDelayStage(a, d, t),
  },
  {
    type: 'ws_close',
    goStruct: 'WsCloseToxic',
    attributes: [int('code', 1000), str('reason'), int64('after')],
    ours: true,
    validate: validateWsClose,
    createStage: (a, d, t) => new WsCloseStage(a, d, t),
  },
];

function validateWsClose(a: Attributes): string | null {
  const code = a.code as number;
  const reason = a.reason as string;
  const after = a.after as number;
  if (code !== 0 && (code < 1000 || code > 4999)) {
    return `ws_close attribute code must be 0 (close frame without a status code) or between 1000 and 4999, got ${code}`;
  }
  const reasonBytes = Buffer.byteLength(reason, 'utf8');
  if (reasonBytes > 123) return `ws_close attribute reason must be at most 123 bytes of UTF-8, got ${reasonBytes}`;
  if (code === 0 && reason !== '') return 'ws_close attribute reason must be empty when code is 0 (no status code)';
  if (after < -1) return `ws_close attribute after must be 0 or more (ms), or -1 to leave the TCP close to the peers, got ${after}`;
  return null;
}

const BY_TYPE = new Map(DEFS.map((d) => [d.type, d]));

export function toxicType(type: string): ToxicTypeDef | undefined {
  return BY_TYPE.get(type);
}

export function defaultAttributes(def: ToxicTypeDef): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const spec of def.attributes) out[spec.json] = spec.default;
  return out;
}

export const TOXIC_TYPES: readonly string[] = DEFS.map((d) => d.type);
