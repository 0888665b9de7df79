import { writeFileSync } from 'node:fs';
import { clientProfileJsonSchemaText } from './json-schema.js';

writeFileSync(new URL('../../profiles/client-profile.schema.json', import.meta.url), clientProfileJsonSchemaText());
process.stdout.write('wrote profiles/client-profile.schema.json\n');
