/**
 * Building an error event from a record a consumer gave up on, and getting the original record back
 * from an error event, byte for byte, to replay it.
 */
import { randomUUID } from 'node:crypto';
import type { IHeaders } from 'kafkajs';
import { errorEventType, schemaIdByEventType } from './event-catalog.js';
import { decodeBytes, decodeValue, encodeBytes, encodeValue, truncateBytes, type RecordLocation } from './record-bytes.js';
import type { ErrorEvent, ReasonCode } from './types.js';
import { formatValidationErrors, validateEvent } from './validate-event.js';

export interface RecordHeader {
  readonly name: string;
  /** null when the header had no value (Kafka allows it). */
  readonly value: Uint8Array | null;
}

/** A Kafka record as a consumer received it: bytes, not yet parsed. */
export interface ReceivedRecord {
  readonly topic: string;
  readonly partition: number;
  /** A decimal string, as kafkajs gives it (offsets are 64-bit). */
  readonly offset: string;
  /** Kafka timestamp in ms since the epoch, as a decimal string (kafkajs `message.timestamp`). */
  readonly timestamp?: string;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  /** In the order received; a name may occur more than once. */
  readonly headers: readonly RecordHeader[];
}

export interface ErrorEventInput {
  readonly record: ReceivedRecord;
  /** The consumer group that gave up. */
  readonly consumerGroup: string;
  /** How many times it tried, this failure included (>= 1). */
  readonly attempt: number;
  readonly reason: { readonly code: ReasonCode; readonly message: string };
  /** When it gave up; defaults to now. */
  readonly failedAt?: Date;
  /** The error event's own id; defaults to a new UUID. */
  readonly id?: string;
}

/** The original record, rebuilt from an error event, ready to produce again. */
export interface ReplayableRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp?: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly { readonly name: string; readonly value: Buffer | null }[];
}

/**
 * Builds the error event for a failed record. Throws when the result would not be a valid error event
 * (for example attempt 0 or an empty message): that is a bug in the caller, not a bad record.
 */
export function buildErrorEvent(input: ErrorEventInput): ErrorEvent {
  return validated(assembleErrorEvent(input, wholeRecord(input.record)));
}

/** An error event and its JSON text, the exact bytes to write. */
export interface SerializedErrorEvent {
  readonly event: ErrorEvent;
  readonly json: string;
  /** True when some of the record's bytes are held truncated (see the error schema's truncatedBytes). */
  readonly truncated: boolean;
}

// Key and header values longer than this are truncated too when the value alone does not make room.
const SMALL_BYTES = 64;

/**
 * The error event for a failed record, as JSON of at most `maxBytes` UTF-8 bytes: whole when it fits,
 * otherwise with the value (and, if that is not enough, large keys and header values) truncated to
 * the longest prefix that fits. An error event that does not fit its topic would stall the record's
 * partition for good. Throws only when even that cannot fit (header names alone too large).
 */
export function buildErrorEventWithin(input: ErrorEventInput, maxBytes: number): SerializedErrorEvent {
  const whole = assembleErrorEvent(input, wholeRecord(input.record));
  const wholeJson = JSON.stringify(whole);
  if (wholeJson.length <= maxBytes && Buffer.byteLength(wholeJson, 'utf8') <= maxBytes) return { event: validated(whole), json: wholeJson, truncated: false };

  const { record } = input;
  const readFrom: RecordLocation = { topic: record.topic, partition: record.partition, offset: record.offset };
  const attempt = (shrinkSmallParts: boolean, prefix: number): { event: ErrorEvent; json: string } => {
    const shrink = (bytes: Uint8Array) => (shrinkSmallParts && bytes.length > SMALL_BYTES ? truncateBytes(bytes, SMALL_BYTES / 2, readFrom) : encodeBytes(bytes));
    const parts: ErrorEvent['data']['record'] = {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      ...(record.timestamp === undefined ? {} : { timestamp: record.timestamp }),
      key: record.key === null ? null : shrink(record.key),
      headers: record.headers.map(({ name, value }) => ({ name, value: value === null ? null : shrink(value) })),
      value: record.value === null ? null : record.value.length > 0 ? truncateBytes(record.value, prefix, readFrom) : encodeValue(record.value),
    };
    const event = assembleErrorEvent(input, parts);
    return { event, json: JSON.stringify(event) };
  };
  const fits = (json: string) => Buffer.byteLength(json, 'utf8') <= maxBytes;
  for (const shrinkSmallParts of [false, true]) {
    if (!fits(attempt(shrinkSmallParts, 0).json)) continue;
    // The longest value prefix that still fits: binary search (each try serializes the event once).
    let low = 0;
    let high = record.value === null ? 0 : record.value.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(attempt(shrinkSmallParts, middle).json)) low = middle;
      else high = middle - 1;
    }
    const best = attempt(shrinkSmallParts, low);
    return { event: validated(best.event), json: best.json, truncated: true };
  }
  throw new Error(
    `the error event for ${record.topic}/${record.partition}/${record.offset} cannot be made to fit ${maxBytes} bytes, even with its key, value and header values truncated`,
  );
}

function wholeRecord(record: ReceivedRecord): ErrorEvent['data']['record'] {
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    ...(record.timestamp === undefined ? {} : { timestamp: record.timestamp }),
    key: record.key === null ? null : encodeBytes(record.key),
    headers: record.headers.map(({ name, value }) => ({ name, value: value === null ? null : encodeBytes(value) })),
    value: encodeValue(record.value),
  };
}

function assembleErrorEvent(input: ErrorEventInput, embedded: ErrorEvent['data']['record']): ErrorEvent {
  const { record } = input;
  return {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: `/shop/consumers/${encodeURIComponent(input.consumerGroup)}`,
    type: errorEventType,
    time: (input.failedAt ?? new Date()).toISOString(),
    subject: `${record.topic}/${record.partition}/${record.offset}`,
    datacontenttype: 'application/json',
    dataschema: schemaIdByEventType[errorEventType],
    data: {
      reason: { code: input.reason.code, message: input.reason.message },
      consumerGroup: input.consumerGroup,
      attempt: input.attempt,
      record: embedded,
    },
  };
}

function validated(event: ErrorEvent): ErrorEvent {
  const validation = validateEvent(errorEventType, event);
  if (!validation.ok) {
    throw new Error(`buildErrorEvent made an invalid error event:\n${formatValidationErrors(validation.errors).join('\n')}`);
  }
  return event;
}

/**
 * The original record of an error event, with the identical key, value and header bytes. Throws a
 * TruncatedBytesError when the event holds some of them truncated: it then names where to read them.
 */
export function rebuildFailedRecord(errorEvent: ErrorEvent): ReplayableRecord {
  const { record } = errorEvent.data;
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    ...(record.timestamp === undefined ? {} : { timestamp: record.timestamp }),
    key: record.key === null ? null : decodeBytes(record.key, 'key'),
    value: decodeValue(record.value),
    headers: record.headers.map(({ name, value }) => ({ name, value: value === null ? null : decodeBytes(value, `header ${JSON.stringify(name)}`) })),
  };
}

/**
 * kafkajs hands a consumer its headers as an object: one Buffer per name, or an array when a name
 * repeats. Object keys lose how repeated names interleaved with others; that order is gone before
 * this function sees it.
 */
export function headersFromKafkajs(headers: IHeaders | undefined): RecordHeader[] {
  if (headers === undefined) return [];
  return Object.entries(headers).flatMap(([name, value]) => {
    if (value === undefined) return [];
    const values = Array.isArray(value) ? value : [value];
    return values.map((one) => ({ name, value: toBytes(one) }));
  });
}

/** The headers in the shape kafkajs's producer.send takes; a repeated name becomes an array. Throws on a null value. */
export function headersToKafkajs(headers: ReplayableRecord['headers']): IHeaders {
  const result: Record<string, Buffer[]> = {};
  for (const { name, value } of headers) {
    // kafkajs 2.2.4 sizes every header value with Buffer.byteLength, which throws on null, so it
    // cannot produce one. Dropping the header would replay a different record: refuse instead.
    if (value === null) throw new Error(`header ${JSON.stringify(name)} has no value, which kafkajs cannot produce`);
    (result[name] ??= []).push(value);
  }
  return Object.fromEntries(Object.entries(result).map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
}

// kafkajs types a received header value as Buffer | string, and a null value arrives as null at run time.
function toBytes(value: Buffer | string | null): Uint8Array | null {
  if (value === null) return null;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}
