/**
 * Reading a profile: JSON, `${ENV}` interpolation, validation — every failure a ConfigError
 * (exit 2) whose message names the field and the fix.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { formatIssue } from './fields.js';
import { foldDerivedLists, profileSchema, type Profile } from './schema.js';

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

/** Validate an already-parsed profile object. */
export function parseProfile(raw: unknown, env: NodeJS.ProcessEnv = process.env, source = 'profile'): Profile {
  const interpolated = interpolateEnv(raw, env);
  const result = profileSchema.safeParse(foldDerivedLists(interpolated));
  if (!result.success) {
    throw new ConfigError(
      'WSC_ERR_PROFILE',
      `invalid profile ${source}: ${formatZodIssues(result.error, 'profile', profileSchema)}. See profiles/profile.schema.json and the README's "Profile format".`,
    );
  }
  return result.data;
}

export function loadProfile(file: string, env: NodeJS.ProcessEnv = process.env): Profile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError('WSC_ERR_PROFILE', `cannot read profile ${file} (${code ?? 'error'}): check the path.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError('WSC_ERR_PROFILE', `profile ${file} is not valid JSON: ${(e as Error).message}.`);
  }
  return parseProfile(raw, env, file);
}
