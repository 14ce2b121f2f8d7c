/**
 * Decides what a received record is before any handler sees it: an event this topic carries, or a
 * failure with the reason code the error schema defines.
 */
import { isUtf8 } from 'node:buffer';
import {
  detectEventType,
  formatValidationErrors,
  validateEvent,
  type EventOfType,
  type EventType,
  type ParsedValue,
  type ReasonCode,
} from '../events/index.js';

export interface RecordFailure {
  readonly code: ReasonCode;
  readonly message: string;
}

export type Classified<TYPE extends EventType> =
  | { readonly ok: true; readonly event: EventOfType<TYPE> }
  /** `parsed`: the value's text and JSON, when it got that far (so the error event need not parse it again). */
  | { readonly ok: false; readonly failure: RecordFailure; readonly parsed?: ParsedValue };

function parseJson(value: Uint8Array): { ok: true; text: string; json: unknown } | { ok: false; message: string } {
  // Checked first: bytes that are not UTF-8 must fail here, not turn into U+FFFD and then into "valid"
  // JSON text. (isUtf8 is native and several times faster than a fatal TextDecoder.)
  if (!isUtf8(value)) return { ok: false, message: `the value (${value.length} bytes) is not UTF-8 text` };
  const text = Buffer.from(value.buffer, value.byteOffset, value.length).toString('utf8');
  try {
    return { ok: true, text, json: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `the value is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function claimedType(json: unknown): string {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return 'no type (the value is not a JSON object)';
  if (!('type' in json)) return 'no type';
  return `type ${JSON.stringify(json.type)}`;
}

/** Classifies a record value read from a topic that carries events of `expected` type. */
export function classifyRecord<TYPE extends EventType>(value: Uint8Array | null, expected: TYPE): Classified<TYPE> {
  const fail = (code: ReasonCode, message: string, parsed?: ParsedValue): Classified<TYPE> =>
    parsed === undefined
      ? { ok: false, failure: { code, message } }
      : { ok: false, failure: { code, message }, parsed };
  if (value === null) return fail('NULL_VALUE', 'the record has no value (a tombstone or a bug in its producer)');

  const parsed = parseJson(value);
  if (!parsed.ok) return fail('NOT_JSON', parsed.message);

  // The type decides the schema, so it is checked first: validating an order against the notification
  // schema would report dozens of errors and hide the one that matters.
  const type = detectEventType(parsed.json);
  const { text, json } = parsed;
  if (type !== expected) {
    const what = type === undefined ? claimedType(json) : `type ${type}`;
    return fail('WRONG_EVENT_TYPE', `this topic carries ${expected} events; the value has ${what}`, { text, json });
  }

  const validation = validateEvent(expected, json);
  if (!validation.ok) {
    return fail(
      'SCHEMA_INVALID',
      `not a valid ${expected} event: ${formatValidationErrors(validation.errors).join('; ')}`,
      { text, json },
    );
  }
  return { ok: true, event: validation.event };
}
