/**
 * Profile parts derived from an AsyncAPI document, where the document says them: the welcome (an
 * operation the server sends with `x-ws-chaos-role: welcome`, or one named like a welcome), the
 * app ping/pong (a receive operation whose message and reply are a ping and a pong, or
 * `x-ws-chaos-role: app-ping`), and a request/reply (any other receive operation with a reply,
 * or `x-ws-chaos-role: request`), with the field echoed from request to reply as the
 * correlation field. Shapes are the discriminator's constants. The user's profile wins: a part
 * it has is kept whole (it also carries what AsyncAPI cannot say: budgets, keepalive intervals).
 */
import type { Profile } from '../profile/schema.js';
import { constantOf, type ContractMessage, type ContractModel, type ContractOperation } from './model.js';

/** Budgets of derived parts (the profile's defaults). */
const WELCOME_BUDGET_MS = 2000;
const APP_PONG_BUDGET_MS = 2000;
const REPLY_BUDGET_MS = 5000;
const CORRELATION_NAMES = ['id', 'ref', 'seq', 'requestId', 'request_id', 'correlationId', 'correlation_id'];

type Obj = Record<string, unknown>;
const propsOf = (m: ContractMessage): Obj => (m.payload.properties && typeof m.payload.properties === 'object' ? (m.payload.properties as Obj) : {});

function shapeOf(m: ContractMessage, discriminator: string | undefined): Obj | undefined {
  return discriminator && m.discriminatorValue !== undefined ? { [discriminator]: m.discriminatorValue } : undefined;
}

/** A sendable message: the constants, and each required field from its schema's `examples[0]` or `default`, else a plain value of its type. */
function sendable(m: ContractMessage): Obj {
  const required = Array.isArray(m.payload.required) ? (m.payload.required as string[]) : [];
  const out: Obj = {};
  for (const [k, s] of Object.entries(propsOf(m))) {
    const c = constantOf(s);
    const example = Array.isArray((s as Obj).examples) ? ((s as Obj).examples as unknown[])[0] : (s as Obj).default;
    if (c) out[k] = c.value;
    else if (required.includes(k) && example !== undefined) out[k] = example;
    else if (required.includes(k)) {
      const t = (s as Obj).type;
      out[k] = t === 'integer' || t === 'number' ? 1 : t === 'boolean' ? true : t === 'array' ? [] : t === 'object' ? {} : 'hello from ws-chaos';
    }
  }
  return out;
}

function echoedField(a: ContractMessage, b: ContractMessage, discriminator: string | undefined): string | undefined {
  const shared = Object.keys(propsOf(a)).filter((k) => k !== discriminator && k in propsOf(b));
  return CORRELATION_NAMES.find((n) => shared.includes(n));
}

const named = (op: ContractOperation, re: RegExp): boolean => re.test(op.id) || op.messages.some((m) => re.test(m.name));

export interface DerivedParts {
  welcome?: NonNullable<Profile['welcome']>;
  appPing?: NonNullable<Profile['appPing']>;
  request?: NonNullable<Profile['request']>;
}

export function deriveParts(model: ContractModel): DerivedParts {
  const d = model.discriminator;
  const out: DerivedParts = {};
  const role = (r: string) => model.operations.filter((o) => o.role === r);
  const welcomeOp = role('welcome')[0] ?? model.operations.find((o) => o.action === 'send' && o.replies.length === 0 && named(o, /welcome|hello|connected|established|ready/i));
  const welcomeMsg = welcomeOp?.messages[0];
  const welcomeShape = welcomeMsg && shapeOf(welcomeMsg, d);
  if (welcomeShape) out.welcome = { match: welcomeShape, budgetMs: WELCOME_BUDGET_MS };

  const isPing = (o: ContractOperation) => o.action === 'receive' && o.replies.length > 0 && named(o, /ping/i);
  const pingOp = role('app-ping')[0] ?? model.operations.find(isPing);
  const ping = pingOp?.messages[0];
  const pong = pingOp?.replies[0];
  if (ping && pong && shapeOf(ping, d) && shapeOf(pong, d)) {
    const idField = echoedField(ping, pong, d);
    out.appPing = { request: sendable(ping), response: shapeOf(pong, d) ?? {}, ...(idField ? { idField } : {}), budgetMs: APP_PONG_BUDGET_MS } as NonNullable<Profile['appPing']>;
  }

  const reqOp = role('request')[0] ?? model.operations.find((o) => o.action === 'receive' && o.replies.length > 0 && o !== pingOp);
  const req = reqOp?.messages[0];
  const reply = reqOp?.replies[0];
  const replyShape = reply && shapeOf(reply, d);
  if (req && reply && replyShape) {
    const correlationField = echoedField(req, reply, d);
    out.request = { send: sendable(req), expect: replyShape, ...(correlationField ? { correlationField } : {}), budgetMs: REPLY_BUDGET_MS } as NonNullable<Profile['request']>;
  }
  return out;
}

/** The profile with the parts it lacks taken from the document; `notes` says which were taken. */
export function withDerivedParts(profile: Profile, model: ContractModel): { profile: Profile; derived: Array<keyof DerivedParts> } {
  const parts = deriveParts(model);
  const derived = (Object.keys(parts) as Array<keyof DerivedParts>).filter((k) => profile[k] === undefined);
  return { profile: { ...profile, ...Object.fromEntries(derived.map((k) => [k, parts[k]])) }, derived };
}
