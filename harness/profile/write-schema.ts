import { writeFileSync } from 'node:fs';
import { profileJsonSchemaText } from './json-schema.js';

writeFileSync(new URL('../../profiles/profile.schema.json', import.meta.url), profileJsonSchemaText());
process.stdout.write('wrote profiles/profile.schema.json\n');
