/**
 * Messages generated from JSON Schemas with fast-check, for conformance/unexpected-input:
 * `unusualValid` — values the schema allows but a handler may not expect (boundary numbers,
 * empty and very long strings, unicode, empty and large arrays, optional fields present or
 * not) — and `invalid` — one rule broken at a time (a field of the wrong type, a required field
 * missing, a type the server does not know). Composed from fast-check's own arbitraries, so a
 * failing message shrinks to a small one. Schemas without a type are generated as any JSON.
 */
import fc from 'fast-check';

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Arrays reach this many items at most ("large" without flooding a server). */
export const LARGE_ARRAY_ITEMS = 200;
/** Strings reach this many characters at most (or the schema's maxLength). */
export const LONG_STRING_CHARS = 2000;

const UNUSUAL_STRINGS = ['', ' ', '\u0000', '"\\\'', 'ünïcödé', '日本語', '👩‍👩‍👧‍👦', '\u202eevil', '<script>', '%s%n', 'null', '-1'];

function typesOf(schema: Schema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  if (isObj(schema.properties)) return ['object'];
  return [];
}

function unusualString(schema: Schema): fc.Arbitrary<string> {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : LONG_STRING_CHARS;
  if (schema.format === 'date-time') return fc.constantFrom('1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2024-02-29T12:00:00+14:00');
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum.filter((v) => typeof v === 'string') as string[]));
  const fits = (s: string): boolean => s.length >= min && s.length <= max;
  const picks = UNUSUAL_STRINGS.filter(fits);
  // Long strings by length, so a failing one shrinks to the shortest length that still fails.
  const longest = Math.max(min, Math.min(max, LONG_STRING_CHARS));
  return fc.oneof(
    ...(picks.length > 0 ? [fc.constantFrom(...picks)] : []),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 40) }),
    fc.integer({ min, max: longest }).map((n) => 'x'.repeat(n)),
  );
}

function unusualNumber(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const lo = typeof schema.minimum === 'number' ? schema.minimum : integer ? Number.MIN_SAFE_INTEGER : -1e308;
  const hi = typeof schema.maximum === 'number' ? schema.maximum : integer ? Number.MAX_SAFE_INTEGER : 1e308;
  const edges = [lo, hi, 0, -1, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), ...(integer ? [] : [0.5, -0.0, 1e-300])].filter((n) => n >= lo && n <= hi);
  const inRange = integer ? fc.integer({ min: Math.max(lo, Number.MIN_SAFE_INTEGER), max: Math.min(hi, Number.MAX_SAFE_INTEGER) }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(fc.constantFrom(...edges), inRange);
}

/** Values the schema allows, picked to be unusual. */
export function unusualValid(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = Array.isArray(schema[key]) ? (schema[key] as unknown[]).filter(isObj) : [];
    if (options.length > 0) return fc.oneof(...options.map((o) => unusualValid(o, depth + 1)));
  }
  const types = typesOf(schema);
  if (types.length === 0) return depth > 2 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...types.map((t): fc.Arbitrary<unknown> => {
      switch (t) {
        case 'string':
          return unusualString(schema);
        case 'integer':
          return unusualNumber(schema, true);
        case 'number':
          return unusualNumber(schema, false);
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array': {
          const items = isObj(schema.items) && depth < 3 ? unusualValid(schema.items, depth + 1) : fc.constant(null);
          const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
          const max = typeof schema.maxItems === 'number' ? schema.maxItems : LARGE_ARRAY_ITEMS;
          return fc.oneof(fc.array(items, { minLength: min, maxLength: Math.min(max, 3) }), fc.array(items, { minLength: Math.min(max, Math.max(min, LARGE_ARRAY_ITEMS / 2)), maxLength: Math.min(max, LARGE_ARRAY_ITEMS) }));
        }
        default:
          return objectOf(schema, depth);
      }
    }),
  );
}

function objectOf(schema: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = isObj(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) model[k] = depth < 4 && isObj(v) ? unusualValid(v, depth + 1) : fc.constant(null);
  return fc.record(model, { requiredKeys: [...required].filter((k) => k in model) }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A value of another JSON type than the schema allows. */
function wrongTyped(schema: Schema): fc.Arbitrary<unknown> {
  const allowed = new Set(typesOf(schema));
  if ('const' in schema) allowed.add(schema.const === null ? 'null' : Array.isArray(schema.const) ? 'array' : typeof schema.const);
  if (allowed.has('integer')) allowed.add('number');
  const all: Array<[string, fc.Arbitrary<unknown>]> = [
    ['string', fc.constantFrom('', 'not-a-number', '1')],
    ['number', fc.constantFrom(0, -1, 1.5, 1e21)],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.constantFrom([], [1, 2])],
    ['object', fc.constantFrom({}, { nested: true })],
  ];
  const options = all.filter(([t]) => !allowed.has(t === 'number' ? 'number' : t)).map(([, a]) => a);
  return options.length > 0 ? fc.oneof(...options) : fc.constant(Symbol.for('unrepresentable'));
}

export type InvalidKind = 'wrong-type' | 'missing-required' | 'unknown-type';

/**
 * One message of the object schema with one rule broken. `discriminator`: the field whose value
 * names the type (an unknown-type message gets a value no declared message has, `known`).
 */
export function invalid(schema: Schema, discriminator?: { field: string; known: unknown[] }): fc.Arbitrary<{ kind: InvalidKind; message: Record<string, unknown> }> {
  const base = objectOf(schema, 0);
  const props = isObj(schema.properties) ? schema.properties : {};
  const required = (Array.isArray(schema.required) ? (schema.required as string[]) : []).filter((k) => k !== discriminator?.field);
  const retypable = Object.keys(props).filter((k) => k !== discriminator?.field && isObj(props[k]));
  const kinds: Array<fc.Arbitrary<{ kind: InvalidKind; message: Record<string, unknown> }>> = [];
  if (retypable.length > 0) {
    kinds.push(
      fc.tuple(base, fc.constantFrom(...retypable)).chain(([m, field]) =>
        wrongTyped(props[field] as Schema).map((value) => ({ kind: 'wrong-type' as const, message: { ...m, [field]: value } })),
      ),
    );
  }
  if (required.length > 0) {
    kinds.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([m, field]) => {
        const { [field]: _dropped, ...rest } = m;
        return { kind: 'missing-required' as const, message: rest };
      }),
    );
  }
  if (discriminator) {
    const known = new Set(discriminator.known.map((v) => JSON.stringify(v)));
    const unknown = fc.oneof(fc.constantFrom('', 'no_such_type', 'PING', 'ping ', '__proto__'), fc.string({ minLength: 1, maxLength: 12 })).filter((s) => !known.has(JSON.stringify(s)));
    kinds.push(fc.tuple(base, unknown).map(([m, value]) => ({ kind: 'unknown-type' as const, message: { ...m, [discriminator.field]: value } })));
  }
  return kinds.length > 0 ? fc.oneof(...kinds) : fc.constant({ kind: 'unknown-type' as const, message: {} });
}

/** A JSON Schema inferred from an example message (a profile's shape): its fields, typed as in the example, all required. */
export function schemaOfExample(example: unknown, discriminator?: string): Schema {
  if (example === null) return { type: 'null' };
  if (Array.isArray(example)) return { type: 'array', items: example.length > 0 ? schemaOfExample(example[0]) : {} };
  if (typeof example === 'object') {
    const entries = Object.entries(example as Record<string, unknown>);
    return {
      type: 'object',
      required: entries.map(([k]) => k),
      properties: Object.fromEntries(entries.map(([k, v]) => [k, k === discriminator ? { const: v } : schemaOfExample(v)])),
    };
  }
  if (typeof example === 'number') return { type: Number.isInteger(example) ? 'integer' : 'number' };
  return { type: typeof example };
}
