/**
 * One Ajv instance with every schema, compiled once when this module loads, in strict mode so that
 * an unknown keyword or a loose type is a compile error rather than a silently ignored constraint.
 * The schemas come from the generated literals, a copy of schemas/*.schema.json that `npm run
 * typecheck` keeps equal to the files: the package reads no file, wherever it is installed.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import * as schemaLiterals from './generated/schema-literals.js';
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

const ajv = createStrictAjv();
// Each literal is `as const` (deeply readonly); Ajv reads a schema and never writes to it.
for (const schema of Object.values(schemaLiterals)) ajv.addSchema(schema);

function compiledValidator(type: EventType): ValidateFunction {
  const validate = ajv.getSchema(schemaIdByEventType[type]);
  if (validate === undefined) throw new Error(`no schema with $id ${schemaIdByEventType[type]} among the schemas`);
  return validate;
}

export const validatorByEventType = Object.fromEntries(
  eventTypes.map((type) => [type, compiledValidator(type)]),
) as Record<EventType, ValidateFunction>;
