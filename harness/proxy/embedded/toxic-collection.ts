/**
 * The toxics of one proxy (Toxiproxy's ToxicCollection): one chain per direction, one name space
 * for both, and the JSON request handling of add / update, with Toxiproxy's checks in its order:
 * body decodes -> stream -> default name -> type -> duplicate name -> attributes -> validation.
 */
import { ApiError, badRequestBody, invalidStream, invalidToxicType, toxicAlreadyExists, toxicNotFound } from './api-error.js';
import { decodeFields, lookupKey, typeMismatch, valueMismatch, type FieldSpec } from './go-json-decode.js';
import { GoNumber, GoObject, goParseJson, type GoValue } from './go-json-parse.js';
import type { Link } from './link.js';
import type { ToxicEntry } from './toxic-entry.js';
import { defaultAttributes, toxicType, type ToxicTypeDef } from './toxic-types.js';
import type { Direction } from './ws-stream.js';

const WRAPPER_FIELDS: FieldSpec[] = [
  { json: 'name', kind: 'string' },
  { json: 'type', kind: 'string' },
  { json: 'stream', kind: 'string' },
  { json: 'toxicity', kind: 'float32' },
];

export function parseDirection(stream: string): Direction | null {
  const lower = stream.toLowerCase();
  return lower === 'upstream' || lower === 'downstream' ? lower : null;
}

export class ToxicCollection {
  private readonly chains: Record<Direction, ToxicEntry[]> = { upstream: [], downstream: [] };

  /** `links()` yields the live links of the proxy's connections. */
  constructor(private readonly links: () => Iterable<Link>) {}

  /** Upstream chain first, then downstream, each in insertion order. */
  list(): ToxicEntry[] {
    return [...this.chains.upstream, ...this.chains.downstream];
  }

  chain(direction: Direction): readonly ToxicEntry[] {
    return this.chains[direction];
  }

  find(name: string): ToxicEntry | undefined {
    return this.list().find((t) => t.name === name);
  }

  addJson(body: string): ToxicEntry {
    const doc = parseBody(body, 'toxics.ToxicWrapper');
    const wrapper = decodeFields(doc, WRAPPER_FIELDS, 'ToxicWrapper');
    const attrsRaw = doc instanceof GoObject ? lookupKey(doc, 'attributes') : undefined;
    if (attrsRaw !== undefined && attrsRaw !== null && !(attrsRaw instanceof GoObject)) {
      // First decode pass: attributes land in a NoopToxic struct.
      throw badRequestBody(typeMismatch(kindOf(attrsRaw), 'ToxicWrapper', 'attributes', 'toxics.NoopToxic'));
    }
    if (wrapper.error) throw badRequestBody(wrapper.error);
    const stream = (wrapper.values.stream as string | undefined) ?? 'downstream';
    const type = (wrapper.values.type as string | undefined) ?? '';
    const direction = parseDirection(stream);
    if (!direction) throw invalidStream();
    const name = (wrapper.values.name as string | undefined) || `${type}_${stream}`;
    const def = toxicType(type);
    if (!def) throw invalidToxicType();
    if (this.find(name)) throw toxicAlreadyExists();
    const attributes = decodeAttributes(def, attrsRaw ?? null, defaultAttributes(def));
    const toxicity = (wrapper.values.toxicity as number | undefined) ?? 1;
    const entry: ToxicEntry = { name, type, stream, direction, toxicity, attributes, def };
    this.chains[direction].push(entry);
    for (const link of this.links()) if (link.direction === direction) link.addToxic(entry);
    return entry;
  }

  updateJson(name: string, body: string): ToxicEntry {
    const entry = this.find(name);
    if (!entry) throw toxicNotFound();
    const doc = parseBody(body, 'struct { Attributes interface {} "json:\\"attributes\\""; Toxicity float32 "json:\\"toxicity\\"" }');
    const top = decodeFields(doc, [{ json: 'toxicity', kind: 'float32' }], '');
    const attrsRaw = doc instanceof GoObject ? lookupKey(doc, 'attributes') : undefined;
    // Go reports the first type error in document order: toxicity before attributes if it comes first.
    if (top.error && doc instanceof GoObject && firstKeyIndex(doc, 'toxicity') < firstKeyIndex(doc, 'attributes')) {
      throw badRequestBody(top.error);
    }
    const attributes = decodeAttributes(entry.def, attrsRaw ?? null, { ...entry.attributes });
    if (top.error) throw badRequestBody(top.error);
    entry.attributes = attributes;
    if (top.values.toxicity !== undefined) entry.toxicity = top.values.toxicity as number;
    for (const link of this.links()) if (link.direction === entry.direction) link.updateToxic(entry);
    return entry;
  }

  remove(name: string): void {
    const entry = this.find(name);
    if (!entry) throw toxicNotFound();
    this.removeEntry(entry);
  }

  /** Removes every toxic (POST /reset). */
  reset(): void {
    for (const entry of this.list()) this.removeEntry(entry);
  }

  private removeEntry(entry: ToxicEntry): void {
    const chain = this.chains[entry.direction];
    chain.splice(chain.indexOf(entry), 1);
    for (const link of this.links()) if (link.direction === entry.direction) link.removeToxic(entry);
  }
}

function firstKeyIndex(doc: GoObject, json: string): number {
  const i = doc.entries.findIndex(([k]) => k.toLowerCase() === json);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

function kindOf(v: GoValue): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

function parseBody(body: string, goType: string): GoValue {
  const parsed = goParseJson(body);
  if (!parsed.ok) throw badRequestBody(parsed.error);
  const doc = parsed.value;
  if (doc !== null && !(doc instanceof GoObject)) throw badRequestBody(valueMismatch(kindOfTop(doc), goType));
  return doc;
}

function kindOfTop(v: GoValue): string {
  return v instanceof GoObject ? 'object' : kindOf(v);
}

/** Merges the `attributes` object into `base` with Go's rules, then validates. */
function decodeAttributes(def: ToxicTypeDef, raw: GoValue, base: Record<string, number | string>): Record<string, number | string> {
  if (raw !== null && !(raw instanceof GoObject)) {
    throw badRequestBody(typeMismatch(kindOf(raw), '', 'attributes', `toxics.${def.goStruct}`));
  }
  const decoded = decodeFields(raw, def.attributes, def.goStruct, 'attributes.');
  if (decoded.error) throw badRequestBody(decoded.error);
  const merged = { ...base, ...decoded.values } as Record<string, number | string>;
  const problem = def.validate(merged) ?? inexactInteger(def, raw, merged);
  if (problem) throw new ApiError(`bad request body: ${problem}`, 400);
  return merged;
}

/** Integers JavaScript cannot hold exactly (beyond 2^53-1) are refused rather than silently rounded. */
function inexactInteger(def: ToxicTypeDef, raw: GoValue, merged: Record<string, number | string>): string | null {
  for (const attr of def.attributes) {
    const value = merged[attr.json];
    if ((attr.kind !== 'int' && attr.kind !== 'int64') || typeof value !== 'number' || Number.isSafeInteger(value)) continue;
    const sent = raw instanceof GoObject ? lookupKey(raw, attr.json) : undefined;
    const shown = sent instanceof GoNumber ? sent.literal : String(value);
    return `${def.type} attribute ${attr.json} must be between -9007199254740991 and 9007199254740991 (2^53-1, the largest exact integer here), got ${shown}`;
  }
  return null;
}
