/**
 * Decides what a received record is before any handler sees it: an event this topic carries, or a
 * failure with the reason code the error schema defines.
 */
import { detectEventType, formatValidationErrors, validateEvent, type EventOfType, type EventType, type ReasonCode } from '../events/index.js';

export interface RecordFailure {
  readonly code: ReasonCode;
  readonly message: string;
}

export type Classified<TYPE extends EventType> =
  | { readonly ok: true; readonly event: EventOfType<TYPE> }
  | { readonly ok: false; readonly failure: RecordFailure };

// fatal: bytes that are not UTF-8 must fail here, not turn into U+FFFD and then into "valid" JSON text.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function parseJson(value: Uint8Array): { ok: true; json: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = strictUtf8.decode(value);
  } catch {
    return { ok: false, message: `the value (${value.length} bytes) is not UTF-8 text` };
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `the value is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function claimedType(json: unknown): string {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'no type (the value is not a JSON object)';
  if (!('type' in json)) return 'no type';
  return `type ${JSON.stringify(json.type)}`;
}

/** Classifies a record value read from a topic that carries events of `expected` type. */
export function classifyRecord<TYPE extends EventType>(value: Uint8Array | null, expected: TYPE): Classified<TYPE> {
  const fail = (code: ReasonCode, message: string): Classified<TYPE> => ({ ok: false, failure: { code, message } });
  if (value === null) return fail('NULL_VALUE', 'the record has no value (a tombstone or a bug in its producer)');

  const parsed = parseJson(value);
  if (!parsed.ok) return fail('NOT_JSON', parsed.message);

  // The type decides the schema, so it is checked first: validating an order against the notification
  // schema would report dozens of errors and hide the one that matters.
  const type = detectEventType(parsed.json);
  if (type !== expected) {
    const what = type === undefined ? claimedType(parsed.json) : `type ${type}`;
    return fail('WRONG_EVENT_TYPE', `this topic carries ${expected} events; the value has ${what}`);
  }

  const validation = validateEvent(expected, parsed.json);
  if (!validation.ok) {
    return fail('SCHEMA_INVALID', `not a valid ${expected} event: ${formatValidationErrors(validation.errors).join('; ')}`);
  }
  return { ok: true, event: validation.event };
}
