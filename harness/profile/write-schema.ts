/**
 * `pnpm profile:schema`: the one JSON Schema writer. Rewrites profiles/profile.schema.json and
 * profiles/client-profile.schema.json from their zod schemas.
 */
import { writeFileSync } from 'node:fs';
import { clientProfileJsonSchemaText } from '../client/json-schema.js';
import { profileJsonSchemaText } from './json-schema.js';

const SCHEMA_FILES: ReadonlyArray<{ file: string; text: () => string }> = [
  { file: 'profile.schema.json', text: profileJsonSchemaText },
  { file: 'client-profile.schema.json', text: clientProfileJsonSchemaText },
];

for (const { file, text } of SCHEMA_FILES) {
  writeFileSync(new URL(`../../profiles/${file}`, import.meta.url), text());
  process.stdout.write(`wrote profiles/${file}\n`);
}
