import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { profileJsonSchemaText } from '../../harness/profile/json-schema.js';

test('profiles/profile.schema.json is in sync with the zod schema (run pnpm profile:schema)', () => {
  expect(readFileSync('profiles/profile.schema.json', 'utf8')).toBe(profileJsonSchemaText());
});
