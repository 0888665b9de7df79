/**
 * The one profile loader, for both kinds of profile (backend, harness/profile/schema.ts, and
 * client, harness/client/profile.ts): read the JSON file, interpolate `${ENV}`, validate with
 * the kind's zod schema — every failure a ConfigError (exit 2) whose message names the file,
 * the field (unknown keys with a "did you mean") and the fix.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { formatIssue } from './fields.js';
import { prepareProfile } from './migrate.js';
import { foldDerivedLists, profileV2Schema, type Profile } from './schema.js';

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replace `${NAME}` in every string of `value` with the environment's value; missing names throw. */
export function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, path = 'profile'): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (_, name: string) => {
      const v = env[name];
      if (v === undefined) {
        throw new ConfigError('WSC_ERR_PROFILE', `${path} uses \${${name}}, which is not set: export ${name}=... before running.`);
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, `${path}.${k}`)]));
  }
  return value;
}

/** Every issue as "path: problem", unknown keys with their full path and a "did you mean". */
export function formatZodIssues(error: z.ZodError, root = 'profile', schema?: z.ZodType): string {
  return error.issues.flatMap((i) => formatIssue(i, root, schema)).join('; ');
}

/** One kind of profile file: what it is called, its schema, and where its fields are documented. */
export interface ProfileKind<S extends z.ZodType> {
  /** For messages: "profile", "client profile". */
  what: string;
  /** The root of field paths in messages: `profile.welcome.budgetMs`, `client.reconnect...`. */
  root: string;
  schema: S;
  /** Where to read about the fields, e.g. "profiles/profile.schema.json and the README's \"Profile format\"". */
  docs: string;
  /** Applied after interpolation, before validation; `note` prints a one-line note (a v1 field renamed). */
  prepare?: (raw: unknown, note: (text: string) => void, source: string) => unknown;
}

/** Where load notes go (one line each, on stderr, never on the report's stdout). */
export type NoteSink = (text: string) => void;
const stderrNote: NoteSink = (text) => void process.stderr.write(`ws-chaos: ${text}\n`);

/** Validate an already-parsed profile object of this kind (with `${ENV}` interpolation). */
export function parseProfileOf<S extends z.ZodType>(kind: ProfileKind<S>, raw: unknown, env: NodeJS.ProcessEnv = process.env, source: string = kind.what, note: NoteSink = stderrNote): z.output<S> {
  const interpolated = interpolateEnv(raw, env, kind.root);
  const result = kind.schema.safeParse(kind.prepare ? kind.prepare(interpolated, note, `${kind.what} ${source}`) : interpolated);
  if (!result.success) {
    throw new ConfigError('WSC_ERR_PROFILE', `invalid ${kind.what} ${source}: ${formatZodIssues(result.error, kind.root, kind.schema)}. See ${kind.docs}.`);
  }
  return result.data;
}

/** Read, interpolate and validate a profile file of this kind. */
export function loadProfileOf<S extends z.ZodType>(kind: ProfileKind<S>, file: string, env: NodeJS.ProcessEnv = process.env, note: NoteSink = stderrNote): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError('WSC_ERR_PROFILE', `cannot read ${kind.what} ${file} (${code ?? 'error'}): check the path.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError('WSC_ERR_PROFILE', `${kind.what} ${file} is not valid JSON: ${(e as Error).message}.`);
  }
  return parseProfileOf(kind, raw, env, file, note);
}

/** The backend profile kind. */
export const BACKEND_PROFILE: ProfileKind<typeof profileV2Schema> = {
  what: 'profile',
  root: 'profile',
  schema: profileV2Schema,
  docs: 'profiles/profile.schema.json and the README\'s "Profile format"',
  prepare: (raw, note, source) => prepareProfile(foldDerivedLists(raw), note, source),
};

/** Validate an already-parsed backend profile object. */
export function parseProfile(raw: unknown, env: NodeJS.ProcessEnv = process.env, source = 'profile', note?: NoteSink): Profile {
  return parseProfileOf(BACKEND_PROFILE, raw, env, source, note);
}

export function loadProfile(file: string, env: NodeJS.ProcessEnv = process.env, note?: NoteSink): Profile {
  return loadProfileOf(BACKEND_PROFILE, file, env, note);
}
