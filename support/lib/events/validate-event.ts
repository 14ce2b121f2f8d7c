/**
 * Validating a parsed message against the schema of its event type, with errors a person can read.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { isEventType } from './event-catalog.js';
import { validatorByEventType } from './schema-registry.js';
import type { EventOfType, EventType } from './types.js';

export interface ValidationError {
  /** JSON Pointer to the offending value, "" for the event itself, e.g. "/data/items/0/quantity". */
  readonly instancePath: string;
  /** The JSON Schema keyword that failed, e.g. "required", "format", "minimum". */
  readonly keyword: string;
  readonly message: string;
}

export type ValidationResult<EVENT> =
  { readonly ok: true; readonly event: EVENT } | { readonly ok: false; readonly errors: readonly ValidationError[] };

/**
 * Validates a parsed message as an event of the given type. On success the same value comes back,
 * typed by the schema (the TypeScript types are derived from these same schemas).
 */
export function validateEvent<TYPE extends EventType>(type: TYPE, value: unknown): ValidationResult<EventOfType<TYPE>> {
  const validate = validatorByEventType[type];
  if (validate(value)) return { ok: true, event: value as EventOfType<TYPE> };
  return { ok: false, errors: (validate.errors ?? []).map(toValidationError) };
}

/** The event type a parsed message claims, when it is one of ours; undefined otherwise. */
export function detectEventType(value: unknown): EventType | undefined {
  if (typeof value !== 'object' || value === null || !('type' in value)) return undefined;
  return isEventType(value.type) ? value.type : undefined;
}

/** One line per error: "/data/customer/email: must match format "email"". */
export function formatValidationErrors(errors: readonly ValidationError[]): string[] {
  return errors.map(({ instancePath, message }) => `${instancePath === '' ? '(event)' : instancePath}: ${message}`);
}

// Ajv's messages leave out the detail that matters most for some keywords (which property, which value).
function toValidationError(error: ErrorObject): ValidationError {
  const base = error.message ?? `fails ${error.keyword}`;
  const params = error.params as Record<string, unknown>;
  let message = base;
  if (error.keyword === 'additionalProperties')
    message = `must not have property ${JSON.stringify(params.additionalProperty)}`;
  else if (error.keyword === 'unevaluatedProperties')
    message = `must not have property ${JSON.stringify(params.unevaluatedProperty)}`;
  else if (error.keyword === 'const') message = `must be ${JSON.stringify(params.allowedValue)}`;
  else if (error.keyword === 'enum') message = `must be one of ${JSON.stringify(params.allowedValues)}`;
  return { instancePath: error.instancePath, keyword: error.keyword, message };
}
