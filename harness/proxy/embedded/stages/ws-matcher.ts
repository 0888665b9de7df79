import { applyMask, OPCODE, type FrameHeader } from '../ws-frames.js';
import type { Attributes } from './stage.js';

/** Largest text frame whose payload is buffered to look for a JSON field. */
export const MAX_JSON_MATCH_BYTES = 1024 * 1024;

const OPCODE_NAMES: Record<number, string> = { 0: 'continuation', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong' };

/**
 * Which frames a ws_drop / ws_delay toxic acts on.
 * - `opcode` (-1 = any): the frame's opcode must be this one.
 * - `json_field` ("" = no JSON condition) + `json_value`: the frame must be a complete, uncompressed
 *   text frame (FIN set, RSV1 clear, at most 1 MiB) holding a JSON object whose field (a dotted
 *   path such as `data.type`) equals `json_value` (strings compared as is; numbers, booleans and
 *   null by their JSON text). Fragmented or compressed text never matches a JSON condition.
 * A continuation frame follows the fate of the first frame of its message.
 */
export class FrameMatcher {
  readonly opcode: number;
  private readonly path: string[];
  private readonly value: string;

  constructor(attrs: Attributes) {
    this.opcode = typeof attrs.opcode === 'number' ? attrs.opcode : -1;
    const field = typeof attrs.json_field === 'string' ? attrs.json_field : '';
    this.path = field === '' ? [] : field.split('.');
    this.value = typeof attrs.json_value === 'string' ? attrs.json_value : '';
  }

  get hasJsonCondition(): boolean {
    return this.path.length > 0;
  }

  /** A frame whose payload must be read before deciding. */
  needsPayload(h: FrameHeader): boolean {
    return this.hasJsonCondition && h.opcode === OPCODE.text && h.fin && !h.rsv1 && h.payloadLength <= MAX_JSON_MATCH_BYTES;
  }

  /** Decision from the header alone (frames that do not need their payload). */
  matchHeader(h: FrameHeader): boolean {
    if (this.hasJsonCondition) return false;
    return this.opcode === -1 || h.opcode === this.opcode;
  }

  /** Decision for a frame that needed its payload (`payload` as on the wire, maybe masked). */
  matchPayload(h: FrameHeader, payload: Buffer): boolean {
    if (this.opcode !== -1 && this.opcode !== h.opcode) return false;
    const clear = h.maskKey ? applyMask(payload, h.maskKey) : payload;
    let doc: unknown;
    try {
      doc = JSON.parse(clear.toString('utf8'));
    } catch {
      return false;
    }
    let cur: unknown = doc;
    for (const key of this.path) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, key)) return false;
      cur = (cur as Record<string, unknown>)[key];
    }
    if (typeof cur === 'string') return cur === this.value;
    if (typeof cur === 'number' || typeof cur === 'boolean' || cur === null) return JSON.stringify(cur) === this.value;
    return false;
  }
}

/** Validation shared by ws_drop and ws_delay; returns a message for a 400, or null. */
export function validateMatcher(type: string, attrs: Attributes): string | null {
  const opcode = attrs.opcode as number;
  const field = attrs.json_field as string;
  const value = attrs.json_value as string;
  if (opcode !== -1 && OPCODE_NAMES[opcode] === undefined) {
    const allowed = Object.entries(OPCODE_NAMES).map(([n, name]) => `${n} (${name})`).join(', ');
    return `${type} attribute opcode must be -1 (any) or one of ${allowed}, got ${opcode}`;
  }
  if (field === '' && value !== '') return `${type} attribute json_value needs json_field (the JSON field to compare)`;
  if (field !== '' && field.split('.').some((part) => part === '')) {
    return `${type} attribute json_field must be a field name or dotted path such as "data.type", got ${JSON.stringify(field)}`;
  }
  if (field !== '' && opcode !== -1 && opcode !== OPCODE.text) {
    return `${type} attribute json_field only matches text frames: opcode must be -1 or 1 (text), got ${opcode}`;
  }
  if (opcode === -1 && field === '') {
    return `${type} needs a matcher: set opcode (0, 1, 2, 8, 9 or 10) and/or json_field`;
  }
  return null;
}
