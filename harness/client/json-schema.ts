/**
 * The client profile's JSON Schema, generated from the zod schema, for editor completion
 * (`"$schema": "./client-profile.schema.json"`). `tsx harness/client/write-schema.ts`
 * rewrites profiles/client-profile.schema.json; a test keeps the committed copy in sync.
 */
import { z } from 'zod';
import { clientProfileSchema } from './profile.js';

export function clientProfileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(clientProfileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://ws-chaos.dev/schemas/client-profile.schema.json', title: 'ws-chaos client profile' };
}

export function clientProfileJsonSchemaText(): string {
  return `${JSON.stringify(clientProfileJsonSchema(), null, 2)}\n`;
}
