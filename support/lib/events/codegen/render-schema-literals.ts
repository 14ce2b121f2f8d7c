/**
 * Renders every schemas/*.schema.json as a TypeScript `as const` literal.
 *
 * Why this exists: TypeScript widens the types of an imported JSON file (every string becomes
 * `string`), so json-schema-to-ts's FromSchema cannot derive event types from schemas/*.json
 * directly. The JSON files stay the only place a schema is written; this renders a mechanical copy
 * that the compiler can read literally. `npm run typecheck` (and a contracts spec) re-renders it and
 * fails if the committed copy differs, so the copy cannot drift from the JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { repoPath } from '../../repo-root.js';

export const schemasDirectory = repoPath('schemas') + '/';
export const schemaLiteralsFile = fileURLToPath(new URL('../generated/schema-literals.ts', import.meta.url));
export const regenerateCommand = 'npx tsx support/lib/events/codegen/schema-literals-cli.ts';

const schemaFileSuffix = '.schema.json';

/** order-picked-and-packed.schema.json -> orderPickedAndPackedSchema */
export function literalNameFor(fileName: string): string {
  const base = fileName.slice(0, -schemaFileSuffix.length);
  const camel = base.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  return `${camel}Schema`;
}

export function schemaFileNames(): string[] {
  return readdirSync(schemasDirectory)
    .filter((name) => name.endsWith(schemaFileSuffix))
    .sort();
}

export function renderSchemaLiterals(): string {
  const files = schemaFileNames();
  const literals = files.map((fileName) => {
    const schema: unknown = JSON.parse(readFileSync(`${schemasDirectory}${fileName}`, 'utf8'));
    return `/** schemas/${fileName} */\nexport const ${literalNameFor(fileName)} = ${JSON.stringify(schema, null, 2)} as const;\n`;
  });
  return [
    `// GENERATED from schemas/*.schema.json by support/lib/events/codegen/render-schema-literals.ts. Do not edit:\n` +
      `// edit the JSON schema, then run \`${regenerateCommand}\`. \`npm run typecheck\` fails while this is stale.\n`,
    ...literals,
  ].join('\n');
}
