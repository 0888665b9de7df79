/**
 * Building blocks both profile schemas (backend and client) share: bounded durations, strict
 * objects, and the "did you mean" that turns an unknown key into the known one it resembles.
 */
import { z } from 'zod';

/**
 * The longest duration a profile may state: 24 h. Node's timers overflow at 2^31 − 1 ms
 * (~24.8 days) and fire after 1 ms instead; no check needs to wait a day.
 */
export const MAX_DURATION_MS = 86_400_000;

/** A duration in ms: an integer from 0 to MAX_DURATION_MS. */
export const ms = (description: string) =>
  z
    .number()
    .int('must be a whole number of ms')
    .min(0, `must be from 0 to ${MAX_DURATION_MS} ms (24 h)`)
    .max(MAX_DURATION_MS, `must be from 0 to ${MAX_DURATION_MS} ms (24 h)`)
    .describe(description);

/** Levenshtein distance, for "did you mean" (strings are short field names). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

const squash = (s: string): string => s.toLowerCase().replace(/[_\-\s]/g, '');

/** The known name `key` most likely misspells (snake_case, case, a typo or two), if any. */
export function closestName(key: string, known: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = squash(key) === squash(name) ? 0 : editDistance(squash(key), squash(name));
    if (!best || d < best.d) best = { name, d };
  }
  if (!best) return undefined;
  return best.d <= Math.max(1, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; options?: z.ZodType[]; element?: z.ZodType; valueType?: z.ZodType };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schemas `schema` may be, through optional/default/pipe/union wrappers. */
function objectsOf(schema: z.ZodType): Array<Record<string, z.ZodType>> {
  const d = defOf(schema);
  if (d.type === 'object' && d.shape) return [d.shape];
  if (d.type === 'union' && d.options) return d.options.flatMap(objectsOf);
  const inner = d.innerType ?? d.in;
  return inner ? objectsOf(inner) : [];
}

/** The field names the object at `path` inside `schema` knows. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let here: z.ZodType[] = [schema];
  for (const step of path) {
    here = here.flatMap((s) => {
      const d = defOf(s);
      const inner = d.innerType ?? d.in;
      if (typeof step === 'number') {
        if (d.type === 'array' && d.element) return [d.element];
        return inner ? [inner] : [];
      }
      return objectsOf(s).flatMap((shape) => (shape[String(step)] ? [shape[String(step)]] : []));
    });
  }
  return [...new Set(here.flatMap((s) => objectsOf(s).flatMap((shape) => Object.keys(shape))))];
}

/** One issue as "where: message", with the full path of an unknown key and a "did you mean". */
export function formatIssue(issue: z.core.$ZodIssue, root: string, schema?: z.ZodType): string[] {
  const where = (p: readonly PropertyKey[]): string => [root, ...p.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    const known = schema ? knownKeysAt(schema, issue.path) : [];
    return issue.keys.map((k) => {
      const guess = closestName(k, known);
      const hint = guess ? `did you mean \`${guess}\`?` : known.length > 0 ? `known fields here: ${known.join(', ')}` : 'remove it';
      return `${where([...issue.path, k])}: unknown field (${hint})`;
    });
  }
  return [`${where(issue.path)}: ${issue.message}`];
}
