/**
 * The client profile's JSON Schema (`"$schema": "./client-profile.schema.json"`), from the one
 * generator in harness/profile/json-schema.ts; `pnpm profile:schema` rewrites the file with the
 * backend one, and a test keeps the committed copy in sync.
 */
import { jsonSchemaOf, jsonSchemaText } from '../profile/json-schema.js';
import { clientProfileSchema } from './profile.js';

export function clientProfileJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(clientProfileSchema, { id: 'https://ws-chaos.dev/schemas/client-profile.schema.json', title: 'ws-chaos client profile' });
}

export function clientProfileJsonSchemaText(): string {
  return jsonSchemaText(clientProfileJsonSchema());
}
