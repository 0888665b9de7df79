/**
 * The bad-input search behind conformance/unexpected-input: the client's message shapes (the
 * contract's client → server messages, or the profile's shapes without one), a generator of
 * unusual-but-valid and invalid messages from them (generate.ts), and fast-check driving a
 * seeded, bounded search with a scenario-given `attempt` that sends one message and says
 * whether the server survived it. Systematic examples go first (each field of each message
 * retyped, each required field dropped, an unknown type) so a crash on one of them is never
 * left to chance; fast-check then shrinks any failing message to the smallest it can find.
 */
import fc from 'fast-check';
import type { Profile } from '../profile/schema.js';
import { invalid, schemaOfExample, unusualValid, type InvalidKind } from './generate.js';
import { constantOf } from './model.js';
import type { Contract } from './validate.js';

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ClientShape {
  name: string;
  schema: Schema;
}

export interface ShapeSet {
  /** Where the shapes came from: the AsyncAPI document, or the profile. */
  from: 'asyncapi' | 'profile';
  shapes: ClientShape[];
  discriminator: { field: string; known: unknown[] } | undefined;
}

/** The profile's discriminator: profile v2's `typeField`, else `type`. */
export const typeFieldOf = (profile: Profile): string => {
  const field = (profile as { typeField?: unknown }).typeField;
  return typeof field === 'string' && field !== '' ? field : 'type';
};

/** What the client may send: the contract's client → server object messages, or the profile's request, app ping and keepalive reply. */
export function clientShapes(profile: Profile, contract: Contract | undefined): ShapeSet {
  if (contract) {
    const messages = contract.messagesFor('out').filter((m) => m.payload.type === 'object' || isObj(m.payload.properties));
    const d = contract.model.discriminator;
    return {
      from: 'asyncapi',
      shapes: messages.map((m) => ({ name: m.name, schema: m.payload })),
      discriminator: d ? { field: d, known: contract.model.messages.flatMap((m) => (m.discriminatorValue !== undefined ? [m.discriminatorValue] : [])) } : undefined,
    };
  }
  const examples: Array<[string, unknown]> = [];
  if (profile.request) {
    const c = profile.request.correlationField;
    examples.push(['request', c ? { ...profile.request.send, [c]: 1 } : profile.request.send]);
  }
  if (profile.appPing) examples.push(['app ping', profile.appPing.request]);
  if (profile.keepalive && 'reply' in profile.keepalive && isObj(profile.keepalive.reply)) examples.push(['keepalive reply', profile.keepalive.reply]);
  const objects = examples.filter((x): x is [string, Schema] => isObj(x[1]));
  // The profile's typeField, or (a profile that names none) the one string field every shape has: `op`, `event`...
  const named = typeFieldOf(profile);
  const first = objects[0];
  const common = first ? Object.keys(first[1]).filter((k) => objects.every(([, e]) => typeof e[k] === 'string')) : [];
  const field = objects.every(([, e]) => named in e) || !common[0] ? named : common[0];
  const shapes = objects.map(([name, e]) => ({ name, schema: schemaOfExample(e, field) }));
  const known = shapes.flatMap((s) => {
    const c = constantOf(isObj(s.schema.properties) ? s.schema.properties[field] : undefined);
    return c ? [c.value] : [];
  });
  return { from: 'profile', shapes, discriminator: known.length > 0 ? { field, known } : undefined };
}

export type GeneratedKind = 'unusual' | InvalidKind;
export interface Generated {
  shape: string;
  kind: GeneratedKind;
  message: Record<string, unknown>;
}

export function generatedMessages(set: ShapeSet): fc.Arbitrary<Generated> {
  const per = set.shapes.flatMap((s) => [
    unusualValid(s.schema).filter(isObj).map((message) => ({ shape: s.name, kind: 'unusual' as const, message })),
    invalid(s.schema, set.discriminator).map((g) => ({ shape: s.name, ...g })),
  ]);
  return per.length > 0 ? fc.oneof(...per) : fc.constant({ shape: 'none', kind: 'unknown-type' as const, message: {} });
}

/** The simplest message of a schema: its required fields at their plainest (const, '', 0, false, [], {}). */
function plainest(schema: Schema): Record<string, unknown> {
  const props = isObj(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const plain = (s: unknown): unknown => {
    if (!isObj(s)) return null;
    const c = constantOf(s);
    if (c) return c.value;
    if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
    const t = Array.isArray(s.type) ? s.type[0] : s.type;
    if (t === 'string') return s.format === 'date-time' ? '1970-01-01T00:00:00Z' : 'x'.repeat(typeof s.minLength === 'number' ? s.minLength : 0);
    if (t === 'integer' || t === 'number') return typeof s.minimum === 'number' ? s.minimum : 0;
    if (t === 'boolean') return false;
    if (t === 'array') return [];
    if (t === 'object') return plainest(s);
    return null;
  };
  return Object.fromEntries(required.filter((k) => k in props).map((k) => [k, plain(props[k])]));
}

/** One of each way to break each shape, from its plainest message. */
export function systematicExamples(set: ShapeSet): Generated[] {
  const out: Generated[] = [];
  const d = set.discriminator?.field;
  for (const s of set.shapes) {
    const base = plainest(s.schema);
    const props = isObj(s.schema.properties) ? s.schema.properties : {};
    for (const [field, schema] of Object.entries(props)) {
      if (field === d || !isObj(schema)) continue;
      const t = Array.isArray(schema.type) ? schema.type : [schema.type];
      const wrong = t.includes('string') ? (t.includes('integer') || t.includes('number') ? true : 12345) : 'not-a-number';
      out.push({ shape: s.name, kind: 'wrong-type', message: { ...base, [field]: wrong } });
    }
    for (const field of Object.keys(base)) {
      if (field === d) continue;
      const { [field]: _gone, ...rest } = base;
      out.push({ shape: s.name, kind: 'missing-required', message: rest });
    }
  }
  if (set.shapes[0] && d) out.push({ shape: set.shapes[0].name, kind: 'unknown-type', message: { ...plainest(set.shapes[0].schema), [d]: 'ws_chaos_no_such_type' } });
  return out;
}

export interface FuzzOptions {
  seed: number;
  /** Random messages after the systematic ones. */
  runs: number;
  /** The whole search, shrinking included, stops after this long (what it found so far stands). */
  timeLimitMs: number;
}

export interface FuzzFinding {
  /** The smallest failing message fast-check found. */
  smallest: Generated;
  /** What the server did with it (the attempt's words). */
  outcome: string;
  seed: number;
  shrinks: number;
}

export interface FuzzSummary {
  seed: number;
  tried: number;
  finding: FuzzFinding | null;
  interrupted: boolean;
}

/**
 * Search for a message the server does not survive. `attempt` sends one and resolves to null
 * (handled: an answer, an error message, a close with a reason) or the failure in words.
 */
export async function searchBadInput(set: ShapeSet, o: FuzzOptions, attempt: (g: Generated) => Promise<string | null>): Promise<FuzzSummary> {
  let tried = 0;
  const failures = new Map<Generated, string>();
  const property = fc.asyncProperty(generatedMessages(set), async (g) => {
    tried++;
    const failure = await attempt(g);
    if (failure !== null) failures.set(g, failure);
    return failure === null;
  });
  const examples = systematicExamples(set).map((g) => [g] as [Generated]);
  const result = await fc.check(property, { seed: o.seed, numRuns: o.runs + examples.length, examples, interruptAfterTimeLimit: o.timeLimitMs, markInterruptAsFailure: false, endOnFailure: false });
  const found = result.failed ? result.counterexample?.[0] : undefined;
  const finding = found ? { smallest: found, outcome: failures.get(found) ?? 'failed', seed: result.seed, shrinks: result.numShrinks } : null;
  return { seed: result.seed, tried, finding, interrupted: result.interrupted };
}
