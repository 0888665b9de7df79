/**
 * The profile's JSON Schema, generated from the zod schema, for editor completion
 * (`"$schema": "./profile.schema.json"`). `pnpm profile:schema` rewrites the file; a test
 * keeps the committed copy in sync.
 */
import { z } from 'zod';
import { profileSchema } from './schema.js';

export function profileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(profileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://ws-chaos.dev/schemas/profile.schema.json', title: 'ws-chaos backend profile' };
}

export function profileJsonSchemaText(): string {
  return `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
}
