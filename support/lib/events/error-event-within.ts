/**
 * An error event as the bytes to write to an error topic that accepts at most `maxBytes` per
 * record: whole when it fits, otherwise truncated so that it does (an error event that does not
 * fit its topic would stall the failed record's partition for good). Built for a consumer's hot
 * path: a value the consumer already parsed is not parsed again, nor serialized twice.
 */
import { assembleErrorEvent, wholeRecord, type ErrorEventInput } from './error-event.js';
import {
  encodeBytes,
  encodeParsedJson,
  encodeValue,
  sha256Hex,
  truncateBytes,
  type RecordLocation,
} from './record-bytes.js';
import type { EncodedValue, ErrorEvent } from './types.js';

/** An error event and its JSON text, the exact bytes to write. */
export interface SerializedErrorEvent {
  readonly event: ErrorEvent;
  readonly json: string;
  /** True when some of the record's bytes are held truncated (see the error schema's truncatedBytes). */
  readonly truncated: boolean;
}

/** The record's value as the consumer decoded it: its UTF-8 text and that text parsed as JSON. */
export interface ParsedValue {
  readonly text: string;
  readonly json: unknown;
}

// Key and header values longer than this are truncated too when the value alone does not make room.
const SMALL_BYTES = 64;
// record.value is the last member of data.record, data.record of data, and data of the event.
const VALUE_AT_END = '"value":null}}}';

/**
 * The checks of the error schema that depend on the input, done by hand: the rest of its shape is
 * the schema's by construction (the types come from it), and ajv on every event would cost more
 * than everything else a consumer does with a failed record. buildErrorEvent validates in full.
 */
function checkInput(input: ErrorEventInput): void {
  const problem =
    !Number.isInteger(input.attempt) || input.attempt < 1
      ? `attempt must be a whole number >= 1, not ${input.attempt}`
      : input.reason.message === ''
        ? 'the reason message is empty'
        : input.consumerGroup === ''
          ? 'the consumer group is empty'
          : !/^(0|[1-9][0-9]*)$/.test(input.record.offset)
            ? `the offset ${JSON.stringify(input.record.offset)} is not a decimal string`
            : input.record.timestamp !== undefined && !/^(0|[1-9][0-9]*)$/.test(input.record.timestamp)
              ? `the timestamp ${JSON.stringify(input.record.timestamp)} is not a decimal string`
              : undefined;
  if (problem !== undefined) throw new Error(`cannot build an error event: ${problem}`);
}

/** The event's JSON with `valueJson` as the record's value: the rest serialized once, the value spliced in. */
function serialize(event: ErrorEvent, valueJson: string): string {
  const rest = JSON.stringify({ ...event, data: { ...event.data, record: { ...event.data.record, value: null } } });
  if (!rest.endsWith(VALUE_AT_END)) throw new Error('error event serialization: record.value is not its last member');
  return `${rest.slice(0, -'null}}}'.length)}${valueJson}}}}`;
}

/**
 * A value's encoding as JSON text. Parsed JSON is written as its original text, not serialized
 * again: faster, and JSON nested too deep for JSON.stringify still gets written.
 */
function valueJsonOf(value: EncodedValue, parsed: ParsedValue | undefined): string {
  if (value === null || value.encoding !== 'json') return JSON.stringify(value);
  const original = parsed?.text ?? value.text;
  if (original === undefined) return JSON.stringify(value);
  const text = value.text === undefined ? '' : `,"text":${JSON.stringify(value.text)}`;
  return `{"encoding":"json","json":${original}${text}}`;
}

const utf8Length = (json: string) => Buffer.byteLength(json, 'utf8');

export function buildErrorEventWithin(
  input: ErrorEventInput,
  maxBytes: number,
  parsed?: ParsedValue,
): SerializedErrorEvent {
  checkInput(input);
  const { record } = input;
  const value = parsed === undefined ? encodeValue(record.value) : encodeParsedJson(parsed.text, parsed.json);
  const whole = assembleErrorEvent(input, { ...wholeRecord({ ...record, value: null }), value });
  const wholeJson = serialize(whole, valueJsonOf(value, parsed));
  if (wholeJson.length <= maxBytes / 3 || utf8Length(wholeJson) <= maxBytes)
    return { event: whole, json: wholeJson, truncated: false };

  const readFrom: RecordLocation = { topic: record.topic, partition: record.partition, offset: record.offset };
  const digest = record.value === null ? '' : sha256Hex(record.value);
  const truncatedValue = (prefix: number) =>
    record.value === null ? null : truncateBytes(record.value, { prefixLength: prefix, readFrom, sha256: digest });
  const attempt = (shrinkSmallParts: boolean, prefix: number): { event: ErrorEvent; json: string } => {
    const shrink = (bytes: Uint8Array) =>
      shrinkSmallParts && bytes.length > SMALL_BYTES
        ? truncateBytes(bytes, { prefixLength: SMALL_BYTES / 2, readFrom })
        : encodeBytes(bytes);
    const event = assembleErrorEvent(input, {
      ...wholeRecord({ ...record, key: null, headers: [], value: null }),
      key: record.key === null ? null : shrink(record.key),
      headers: record.headers.map(({ name, value: header }) => ({
        name,
        value: header === null ? null : shrink(header),
      })),
      value: record.value === null || record.value.length === 0 ? encodeValue(record.value) : truncatedValue(prefix),
    });
    return { event, json: JSON.stringify(event) };
  };
  // How much a prefix of `length` bytes adds to the event, over an empty one: only the prefix is serialized.
  const prefixJsonLength = (length: number) => utf8Length(JSON.stringify(truncatedValue(length)?.prefix ?? null));
  const emptyPrefix = prefixJsonLength(0);
  for (const shrinkSmallParts of [false, true]) {
    const room = maxBytes - utf8Length(attempt(shrinkSmallParts, 0).json);
    if (room < 0) continue;
    // The longest value prefix that still fits: a binary search.
    let low = 0;
    let high = record.value === null ? 0 : record.value.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (prefixJsonLength(middle) - emptyPrefix <= room) low = middle;
      else high = middle - 1;
    }
    for (;;) {
      const best = attempt(shrinkSmallParts, low);
      if (low === 0 || utf8Length(best.json) <= maxBytes) return { ...best, truncated: true };
      low = Math.floor(low * 0.99);
    }
  }
  throw new Error(
    `the error event for ${record.topic}/${record.partition}/${record.offset} cannot be made to fit ${maxBytes} bytes, even with its key, value and header values truncated`,
  );
}
