/**
 * One Ajv instance with every schema in schemas/, compiled once when this module loads.
 * It reads the JSON files themselves (the contract), in strict mode so that an unknown keyword or a
 * loose type is a compile error rather than a silently ignored constraint.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { schemaFileNames, schemasDirectory } from './codegen/render-schema-literals.js';
import { eventTypes, schemaIdByEventType } from './event-catalog.js';
import type { EventType } from './types.js';

/** A strict Ajv for draft 2020-12 with the formats the schemas use (uuid, date-time, email, uri). */
export function createStrictAjv(): Ajv2020 {
  // allErrors: a rejected message is reported with every problem at once, not only the first.
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
  ajvFormats.default(ajv);
  return ajv;
}

export function readSchemaFiles(): { fileName: string; schema: AnySchemaObject }[] {
  return schemaFileNames().map((fileName) => ({
    fileName,
    schema: JSON.parse(readFileSync(`${schemasDirectory}${fileName}`, 'utf8')) as AnySchemaObject,
  }));
}

const ajv = createStrictAjv();
for (const { schema } of readSchemaFiles()) ajv.addSchema(schema);

function compiledValidator(type: EventType): ValidateFunction {
  const validate = ajv.getSchema(schemaIdByEventType[type]);
  if (validate === undefined) throw new Error(`no schema with $id ${schemaIdByEventType[type]} in schemas/`);
  return validate;
}

export const validatorByEventType = Object.fromEntries(
  eventTypes.map((type) => [type, compiledValidator(type)]),
) as Record<EventType, ValidateFunction>;
