/**
 * Profile v1 → v2 on load, before validation: a profile without `"version": 2` is v1; each v1
 * field that v2 renamed moves to its new place with a one-line note (the profile still loads,
 * also when it already says version 2).
 * Also fills the default message shapes (app pings, keepalives) with the profile's `typeField`,
 * so a backend that tells types apart by `op` gets `{"op":"ping"}`, not a `type` field the profile never named.
 */
import { ConfigError } from '../errors.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** v1 name → v2 path, both dotted from the profile's root. */
export const V1_RENAMES: ReadonlyArray<readonly [string, string]> = [['headers', 'upgrade.headers']];

/** Move v1 fields to their v2 places; returns the v2 object and one note per renamed field found. */
export function migrateV1(raw: Obj, where = 'profile'): { profile: Obj; notes: string[] } {
  const out: Obj = { ...raw, version: 2 };
  const notes: string[] = [];
  for (const [from, to] of V1_RENAMES) {
    if (!(from in out)) continue;
    const [group, field] = to.split('.') as [string, string];
    const target: Obj = isObj(out[group]) ? { ...(out[group] as Obj) } : {};
    if (field in target) {
      throw new ConfigError('WSC_ERR_PROFILE', `${where} has both \`${from}\` (profile v1) and \`${to}\` (v2): keep only \`${to}\`.`);
    }
    target[field] = out[from];
    out[group] = target;
    delete out[from];
    notes.push(`${where}: \`${from}\` is \`${to}\` in profile v2 (read as such; rename it and add "version": 2 to silence this note)`);
  }
  return { profile: out, notes };
}

/** Default shapes of the app-level messages, in the profile's discriminator. */
function fillTypeField(p: Obj): Obj {
  const field = typeof p.typeField === 'string' && p.typeField !== '' ? p.typeField : 'type';
  if (field === 'type') return p;
  const out: Obj = { ...p };
  const fill = (part: unknown, defaults: Record<string, string>): unknown => {
    if (!isObj(part)) return part;
    const filled: Obj = { ...part };
    for (const [k, v] of Object.entries(defaults)) if (filled[k] === undefined) filled[k] = { [field]: v };
    return filled;
  };
  if (out.appPing !== undefined) out.appPing = fill(out.appPing, { request: 'ping', response: 'pong' });
  if (out.keepalive !== undefined) {
    out.keepalive = Array.isArray(out.keepalive)
      ? out.keepalive.map((k) => (isObj(k) && k.kind !== 'protocol' ? fill(k, { match: 'ping', reply: 'pong' }) : k))
      : isObj(out.keepalive) && out.keepalive.kind !== 'protocol'
        ? fill(out.keepalive, { match: 'ping', reply: 'pong' })
        : out.keepalive;
  }
  return out;
}

/**
 * Everything a raw (interpolated) backend profile goes through before its schema: v1 → v2 and
 * the discriminator's defaults. `note` gets the migration notes.
 */
export function prepareProfile(raw: unknown, note: (text: string) => void, where = 'profile'): unknown {
  if (!isObj(raw)) return raw;
  // A v1 field is moved even in a profile that says version 2 (a v2 profile spread with an old part, say): the note tells.
  const wasV1 = raw.version === undefined || raw.version === 1;
  const m = migrateV1(raw, where);
  for (const n of m.notes) note(n);
  return fillTypeField(wasV1 ? m.profile : { ...m.profile, version: raw.version });
}

/**
 * A client profile's default message shapes in its `messages.typeField` (e.g. "op"): the app
 * ping, pong and welcome it leaves out become {"op":"ping"}, {"op":"pong"}, {"op":"connection_established"}.
 */
export function prepareClientProfile(raw: unknown): unknown {
  if (!isObj(raw) || !isObj(raw.messages)) return raw;
  const m = raw.messages;
  const field = typeof m.typeField === 'string' && m.typeField !== '' ? m.typeField : 'type';
  if (field === 'type') return raw;
  const filled: Obj = { ...m };
  for (const [k, v] of [['ping', 'ping'], ['pong', 'pong'], ['welcome', 'connection_established']] as const) if (filled[k] === undefined) filled[k] = { [field]: v };
  return { ...raw, messages: filled };
}
