/** The schema files themselves, schemas/*.schema.json: the contract, read by the harness and the codegen. */
import { readdirSync, readFileSync } from 'node:fs';
import type { AnySchemaObject } from 'ajv/dist/2020.js';
import { repoPath } from '../repository/repo-root.js';

export const schemasDirectory = repoPath('schemas') + '/';
export const schemaFileSuffix = '.schema.json';

export function schemaFileNames(): string[] {
  return readdirSync(schemasDirectory)
    .filter((name) => name.endsWith(schemaFileSuffix))
    .sort();
}

export function readSchemaFiles(): { fileName: string; schema: AnySchemaObject }[] {
  return schemaFileNames().map((fileName) => ({
    fileName,
    schema: JSON.parse(readFileSync(`${schemasDirectory}${fileName}`, 'utf8')) as AnySchemaObject,
  }));
}
