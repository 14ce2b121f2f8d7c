/**
 * Renders every schemas/*.schema.json as a TypeScript `as const` literal.
 *
 * Why this exists: TypeScript widens the types of an imported JSON file (every string becomes
 * `string`), so json-schema-to-ts's FromSchema cannot derive event types from schemas/*.json
 * directly. The JSON files stay the only place a schema is written; this renders a mechanical copy
 * that the compiler can read literally. `npm run typecheck` (and a contracts spec) re-renders it and
 * fails if the committed copy differs, so the copy cannot drift from the JSON.
 */
import { readFileSync } from 'node:fs';
import { repoPath } from '../repository/repo-root.js';
import { schemaFileNames, schemaFileSuffix, schemasDirectory } from './schema-files.js';

/** In the shipped package: what it validates with, so that it reads no file. */
export const schemaLiteralsFile = repoPath('support', 'lib', 'events', 'generated', 'schema-literals.ts');
export const regenerateCommand = 'npx tsx support/codegen/schema-literals-cli.ts';

/** order-picked-and-packed.schema.json -> orderPickedAndPackedSchema */
export function literalNameFor(fileName: string): string {
  const base = fileName.slice(0, -schemaFileSuffix.length);
  const camel = base.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  return `${camel}Schema`;
}

export function renderSchemaLiterals(): string {
  const files = schemaFileNames();
  const literals = files.map((fileName) => {
    const schema: unknown = JSON.parse(readFileSync(`${schemasDirectory}${fileName}`, 'utf8'));
    return `/** schemas/${fileName} */\nexport const ${literalNameFor(fileName)} = ${JSON.stringify(schema, null, 2)} as const;\n`;
  });
  return [
    `// GENERATED from schemas/*.schema.json by support/codegen/render-schema-literals.ts. Do not edit:\n` +
      `// edit the JSON schema, then run \`${regenerateCommand}\`. \`npm run typecheck\` fails while this is stale.\n`,
    ...literals,
  ].join('\n');
}
