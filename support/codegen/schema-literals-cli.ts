/**
 * Writes support/lib/events/generated/schema-literals.ts (the shipped package's copy of the schemas) from schemas/*.schema.json.
 * With --check it writes nothing and exits 1 when the committed file is stale (used by `npm run typecheck`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { regenerateCommand, renderSchemaLiterals, schemaLiteralsFile } from './render-schema-literals.js';

const rendered = renderSchemaLiterals();
const committed = existsSync(schemaLiteralsFile) ? readFileSync(schemaLiteralsFile, 'utf8') : undefined;

if (process.argv.includes('--check')) {
  if (committed !== rendered) {
    console.error(
      `support/lib/events/generated/schema-literals.ts does not match schemas/*.schema.json.\n` +
        `The event types are derived from it, so they would not match the schemas. Run: ${regenerateCommand}`,
    );
    process.exit(1);
  }
  console.log('schema literals are current with schemas/*.schema.json');
} else if (committed === rendered) {
  console.log('schema literals already current');
} else {
  writeFileSync(schemaLiteralsFile, rendered);
  console.log(`wrote ${schemaLiteralsFile}`);
}
