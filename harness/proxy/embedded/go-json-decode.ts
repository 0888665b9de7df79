/**
 * Decoding parsed JSON into flat "Go structs" (name/kind lists), with the quirks a Toxiproxy
 * client can observe: keys match field tags case-insensitively (exact match preferred), unknown
 * keys are ignored, `null` leaves a field unchanged, the last duplicate key wins, and a value of the
 * wrong JSON type yields Go's `json: cannot unmarshal <what> into Go struct field <S>.<path> of
 * type <T>` — the first such error in document order. Also Go's JSON string/float32 encoders.
 */
import { GoNumber, GoObject, type GoValue } from './go-json-parse.js';

export type FieldKind = 'string' | 'bool' | 'int64' | 'int' | 'float32';

export interface FieldSpec {
  readonly json: string;
  readonly kind: FieldKind;
}

export type DecodedValue = string | number | boolean;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const FLOAT32_MAX = 3.4028234663852886e38;

/** How Go's UnmarshalTypeError names a JSON value. */
export function goKindName(value: GoValue): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (value instanceof GoNumber) return 'number';
  if (Array.isArray(value)) return 'array';
  if (value instanceof GoObject) return 'object';
  return 'null';
}

/** Converts one value to a field kind; returns the Go "Value" text on a type mismatch. */
function convert(value: GoValue, kind: FieldKind): { ok: true; value: DecodedValue } | { ok: false; what: string } {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? { ok: true, value } : { ok: false, what: goKindName(value) };
    case 'bool':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, what: goKindName(value) };
    case 'int':
    case 'int64': {
      if (!(value instanceof GoNumber)) return { ok: false, what: goKindName(value) };
      if (!/^-?\d+$/.test(value.literal)) return { ok: false, what: `number ${value.literal}` };
      const big = BigInt(value.literal);
      if (big < INT64_MIN || big > INT64_MAX) return { ok: false, what: `number ${value.literal}` };
      return { ok: true, value: Number(big) };
    }
    case 'float32': {
      if (!(value instanceof GoNumber)) return { ok: false, what: goKindName(value) };
      const n = Number(value.literal);
      if (!Number.isFinite(n) || Math.abs(n) > FLOAT32_MAX) return { ok: false, what: `number ${value.literal}` };
      return { ok: true, value: Math.fround(n) };
    }
  }
}

/** Finds the entry Go would pick for a field: last exact match, else last case-insensitive match. */
export function lookupKey(obj: GoObject, json: string): GoValue | undefined {
  let exact: GoValue | undefined;
  let folded: GoValue | undefined;
  let haveExact = false;
  let haveFolded = false;
  const lower = json.toLowerCase();
  for (const [key, value] of obj.entries) {
    if (key === json) {
      exact = value;
      haveExact = true;
    } else if (key.toLowerCase() === lower) {
      folded = value;
      haveFolded = true;
    }
  }
  if (haveExact) return exact;
  return haveFolded ? folded : undefined;
}

export interface StructDecodeResult {
  values: Record<string, DecodedValue>;
  error: string | null;
}

/**
 * Decodes `obj` (already known to be an object or null) into the given fields.
 * `structName` and `pathPrefix` shape the error text: `Go struct field <structName>.<prefix><json>`.
 */
export function decodeFields(obj: GoValue, fields: readonly FieldSpec[], structName: string, pathPrefix = ''): StructDecodeResult {
  const values: Record<string, DecodedValue> = {};
  if (!(obj instanceof GoObject)) return { values, error: null };
  let error: string | null = null;
  // Go walks the document in order; reproduce that so the *first* type error is the one reported.
  for (const [key, raw] of obj.entries) {
    const field = fields.find((f) => f.json === key) ?? fields.find((f) => f.json.toLowerCase() === key.toLowerCase());
    if (!field || raw === null) continue;
    const converted = convert(raw, field.kind);
    if (converted.ok) values[field.json] = converted.value;
    else if (error === null) error = typeMismatch(converted.what, structName, pathPrefix + field.json, field.kind);
  }
  return { values, error };
}

export function typeMismatch(what: string, structName: string, fieldPath: string, goType: string): string {
  return `json: cannot unmarshal ${what} into Go struct field ${structName}.${fieldPath} of type ${goType}`;
}

export function valueMismatch(what: string, goType: string): string {
  return `json: cannot unmarshal ${what} into Go value of type ${goType}`;
}

/** Go's json.Marshal of a string: like JSON.stringify, plus HTML-safe and U+2028/9 escapes. */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's encoding of a float32 (shortest round-tripping digits; exponent form outside [1e-6, 1e21)). */
export function formatFloat32(x: number): string {
  const f = Math.fround(x);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let shortest = f;
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) {
      shortest = candidate;
      break;
    }
  }
  const abs = Math.abs(f);
  if (abs < 1e-6 || abs >= 1e21) return shortest.toExponential();
  return String(shortest);
}

/** Serialises a flat record of already-ordered primitive fields the way Go's encoder would. */
export function goJsonRecord(fields: ReadonlyArray<readonly [string, DecodedValue]>): string {
  const parts = fields.map(([k, v]) => {
    const encoded = typeof v === 'string' ? goJsonString(v) : typeof v === 'boolean' ? String(v) : String(v);
    return `${goJsonString(k)}:${encoded}`;
  });
  return `{${parts.join(',')}}`;
}
