/**
 * Mutation testing of the schemas: each constraint of each schema is removed in turn (one loosened
 * copy of schemas/ per constraint), so that a spec can ask whether some invalid twin notices.
 * A constraint that no twin needs is a constraint nothing proves.
 */
import { readFileSync } from 'node:fs';
import type { AnySchemaObject, ValidateFunction } from 'ajv/dist/2020.js';
import { schemaIdByEventType, createStrictAjv, type EventType } from '@kafka-event-spec/events';
import { repoPath } from '../repository/repo-root.js';

/** Keywords that constrain a value and can be deleted on their own. */
const deletableKeywords = new Set([
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'const',
  'enum',
]);
/** Keywords that close an object when false. */
const closingKeywords = new Set(['additionalProperties', 'unevaluatedProperties']);
/** Where a schema holds subschemas: by name, in a list, or as one. */
const subschemaMaps = new Set(['properties', 'patternProperties', '$defs']);
const subschemaLists = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const subschemaSingles = new Set([
  'items',
  'not',
  'contains',
  'if',
  'then',
  'else',
  'additionalProperties',
  'unevaluatedProperties',
]);

export interface SchemaMutant {
  /** "<file>#<pointer to the keyword>", plus ": <name>" for one entry of a `required` list. */
  readonly id: string;
  readonly fileName: string;
  /** The schemas/ files with this one constraint removed. */
  readonly loosen: (schema: AnySchemaObject) => AnySchemaObject;
}

function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of `schema` with `change` applied to the subschema at `path` (a list of keys). */
function changedAt(
  schema: AnySchemaObject,
  path: readonly string[],
  change: (node: Record<string, unknown>) => void,
): AnySchemaObject {
  const copy = structuredClone(schema);
  let node: unknown = copy;
  for (const key of path) node = (node as Record<string, unknown>)[key];
  change(node as Record<string, unknown>);
  return copy;
}

/** Every constraint of one schema file as a mutant that deletes it. */
export function schemaMutants(fileName: string, schema: AnySchemaObject): SchemaMutant[] {
  const mutants: SchemaMutant[] = [];
  const visit = (node: unknown, path: readonly string[]): void => {
    if (!isObject(node)) return;
    const pointer = path.map((key) => `/${escapeToken(key)}`).join('');
    for (const [keyword, value] of Object.entries(node)) {
      const at = [...path, keyword];
      if (deletableKeywords.has(keyword) || (closingKeywords.has(keyword) && value === false)) {
        mutants.push({
          id: `${fileName}#${pointer}/${keyword}`,
          fileName,
          loosen: (original) => changedAt(original, path, (subschema) => Reflect.deleteProperty(subschema, keyword)),
        });
      }
      if (keyword === 'required' && Array.isArray(value)) {
        for (const name of value as string[]) {
          mutants.push({
            id: `${fileName}#${pointer}/required: ${name}`,
            fileName,
            loosen: (original) =>
              changedAt(original, path, (subschema) => {
                subschema.required = (subschema.required as string[]).filter((entry) => entry !== name);
              }),
          });
        }
      }
      if (subschemaMaps.has(keyword) && isObject(value)) {
        for (const [name, subschema] of Object.entries(value)) visit(subschema, [...at, name]);
      } else if (subschemaLists.has(keyword) && Array.isArray(value)) {
        value.forEach((subschema, index) => {
          visit(subschema, [...at, String(index)]);
        });
      } else if (subschemaSingles.has(keyword)) {
        visit(value, at);
      }
    }
  };
  visit(schema, []);
  return mutants;
}

/**
 * The event validators of the schemas/ files with one mutant applied, each compiled when first asked
 * for (a mutant is usually found out by the first twin that tries it, so most are never compiled).
 */
export function mutantValidators(
  schemaFiles: readonly { fileName: string; schema: AnySchemaObject }[],
  mutant: SchemaMutant,
): (type: EventType) => ValidateFunction {
  const ajv = createStrictAjv();
  for (const { fileName, schema } of schemaFiles)
    ajv.addSchema(fileName === mutant.fileName ? mutant.loosen(schema) : schema);
  return (type) => {
    const validate = ajv.getSchema(schemaIdByEventType[type]);
    if (validate === undefined) throw new Error(`${mutant.id}: no schema with $id ${schemaIdByEventType[type]}`);
    return validate;
  };
}

export const untestedConstraintsFile = repoPath('examples', 'invalid', 'untested-constraints.json');

/** Constraint id -> why no twin can prove it (examples/invalid/untested-constraints.json). */
export function readUntestedConstraints(): Map<string, string> {
  const parsed: unknown = JSON.parse(readFileSync(untestedConstraintsFile, 'utf8'));
  const entries = (parsed as { untested?: unknown }).untested;
  if (!Array.isArray(entries)) throw new Error('examples/invalid/untested-constraints.json needs an "untested" array');
  return new Map(
    entries.map((entry: { constraint?: unknown; why?: unknown }, index) => {
      if (typeof entry.constraint !== 'string' || typeof entry.why !== 'string' || entry.why.trim() === '') {
        throw new Error(`examples/invalid/untested-constraints.json untested[${index}] needs a constraint and a why`);
      }
      return [entry.constraint, entry.why];
    }),
  );
}
