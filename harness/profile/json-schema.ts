/**
 * The profiles' JSON Schemas, generated from their zod schemas, for editor completion
 * (`"$schema": "./profile.schema.json"`). One generator for both kinds (the client's is in
 * harness/client/json-schema.ts); `pnpm profile:schema` rewrites both files; tests keep the
 * committed copies in sync.
 */
import { z } from 'zod';
import { profileV2Schema } from './schema.js';

/** A zod schema as the JSON Schema of what a user writes (the input side, defaults optional). */
export function jsonSchemaOf(schema: z.ZodType, meta: { id: string; title: string }): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...json, $id: meta.id, title: meta.title };
}

/** As written to a file: two-space JSON and a final newline. */
export const jsonSchemaText = (schema: Record<string, unknown>): string => `${JSON.stringify(schema, null, 2)}\n`;

export function profileJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(profileV2Schema, { id: 'https://ws-chaos.dev/schemas/profile.schema.json', title: 'ws-chaos backend profile' });
}

export function profileJsonSchemaText(): string {
  return jsonSchemaText(profileJsonSchema());
}
