/**
 * The contract model of a resolved AsyncAPI 3.0 document: its messages (name, payload schema,
 * which way they travel) and its operations (send/receive, their messages, their reply), read
 * from the SERVER's point of view as AsyncAPI 3 intends: `action: send` is a message the server
 * sends (the client receives it), `action: receive` one the client sends; an operation's
 * `reply` goes the other way. Also the discriminator: the payload field whose `const` tells the
 * message types apart (`type`, `op`, `event`...), taken from `x-ws-chaos-discriminator` at the
 * document's root or found as the field that is a constant in the most messages.
 */
import type { AsyncApiDocument } from './load.js';

/** On the wire, seen from the client (the probe's `dir`): 'in' = server → client. */
export type WireDirection = 'in' | 'out';

export interface ContractMessage {
  /** The message's key in components.messages or its channel, or its `name`. */
  name: string;
  /** The JSON Schema of its payload (a Multi Format Schema's `schema`). */
  payload: Record<string, unknown>;
  directions: Set<WireDirection>;
  /** The discriminator's constant in this payload, when it has one. */
  discriminatorValue?: unknown;
}

export interface ContractOperation {
  id: string;
  action: 'send' | 'receive';
  /** `x-ws-chaos-role` (welcome | app-ping | request | keepalive), when the document says it. */
  role?: string;
  messages: ContractMessage[];
  replies: ContractMessage[];
}

export interface ContractModel {
  title: string;
  messages: ContractMessage[];
  operations: ContractOperation[];
  discriminator: string | undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : isObj(v) ? Object.values(v).filter(isObj) : []);

function payloadSchema(message: Obj): Obj {
  const p = message.payload;
  if (isObj(p) && typeof p.schemaFormat === 'string' && isObj(p.schema)) return p.schema;
  return isObj(p) ? p : {};
}

/** A property's constant: `const`, or an `enum` of one. */
export function constantOf(schema: unknown): { value: unknown } | undefined {
  if (!isObj(schema)) return undefined;
  if ('const' in schema) return { value: schema.const };
  if (Array.isArray(schema.enum) && schema.enum.length === 1) return { value: schema.enum[0] };
  return undefined;
}

function findDiscriminator(doc: AsyncApiDocument, messages: ContractMessage[]): string | undefined {
  const declared = doc['x-ws-chaos-discriminator'];
  if (typeof declared === 'string') return declared;
  const counts = new Map<string, number>();
  for (const m of messages) {
    for (const [field, schema] of Object.entries(isObj(m.payload.properties) ? m.payload.properties : {})) {
      if (constantOf(schema)) counts.set(field, (counts.get(field) ?? 0) + 1);
    }
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] === 'type' ? -1 : b[0] === 'type' ? 1 : a[0].localeCompare(b[0])));
  return ranked[0]?.[0];
}

export function buildModel(doc: AsyncApiDocument): ContractModel {
  const byObject = new Map<Obj, ContractMessage>();
  const messageOf = (raw: Obj, key: string): ContractMessage => {
    let m = byObject.get(raw);
    if (!m) {
      m = { name: typeof raw.name === 'string' ? raw.name : key, payload: payloadSchema(raw), directions: new Set() };
      byObject.set(raw, m);
    }
    return m;
  };
  const components = isObj(doc.components) ? doc.components : {};
  for (const [key, raw] of Object.entries(isObj(components.messages) ? components.messages : {})) if (isObj(raw)) messageOf(raw, key);
  for (const channel of objects(doc.channels)) {
    for (const [key, raw] of Object.entries(isObj(channel.messages) ? channel.messages : {})) if (isObj(raw)) messageOf(raw, key);
  }
  const keyOf = (raw: Obj): string => byObject.get(raw)?.name ?? (typeof raw.name === 'string' ? raw.name : 'message');
  const operations: ContractOperation[] = [];
  for (const [id, op] of Object.entries(isObj(doc.operations) ? doc.operations : {})) {
    if (!isObj(op) || (op.action !== 'send' && op.action !== 'receive')) continue;
    const channelMessages = isObj(op.channel) && isObj(op.channel.messages) ? objects(op.channel.messages) : [];
    const listed = Array.isArray(op.messages) ? objects(op.messages) : channelMessages;
    const reply = isObj(op.reply) ? op.reply : undefined;
    const replyListed = reply ? (Array.isArray(reply.messages) ? objects(reply.messages) : isObj(reply.channel) && isObj(reply.channel.messages) ? objects(reply.channel.messages) : []) : [];
    const messages = listed.map((raw) => messageOf(raw, keyOf(raw)));
    const replies = replyListed.map((raw) => messageOf(raw, keyOf(raw)));
    const sent: WireDirection = op.action === 'send' ? 'in' : 'out';
    for (const m of messages) m.directions.add(sent);
    for (const m of replies) m.directions.add(sent === 'in' ? 'out' : 'in');
    operations.push({ id, action: op.action, role: typeof op['x-ws-chaos-role'] === 'string' ? op['x-ws-chaos-role'] : undefined, messages, replies });
  }
  const messages = [...byObject.values()];
  // A message no operation names travels either way (the document does not say).
  for (const m of messages) if (m.directions.size === 0) (['in', 'out'] as const).forEach((d) => m.directions.add(d));
  const discriminator = findDiscriminator(doc, messages);
  if (discriminator) {
    for (const m of messages) {
      const c = constantOf(isObj(m.payload.properties) ? m.payload.properties[discriminator] : undefined);
      if (c) m.discriminatorValue = c.value;
    }
  }
  const info = isObj(doc.info) ? doc.info : {};
  return { title: typeof info.title === 'string' ? info.title : 'AsyncAPI document', messages, operations, discriminator };
}
