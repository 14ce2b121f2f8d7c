/**
 * Building an error event from a record a consumer gave up on, and getting the original record back
 * from an error event, byte for byte, to replay it.
 */
import { randomUUID } from 'node:crypto';
import type { IHeaders } from 'kafkajs';
import { errorEventType, schemaIdByEventType } from './event-catalog.js';
import { decodeBytes, decodeValue, encodeBytes, encodeValue } from './record-bytes.js';
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

/** The record as an error event embeds it whole. */
export function wholeRecord(record: ReceivedRecord): ErrorEvent['data']['record'] {
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

/** The error event around an embedded record (whole or truncated), not validated. */
export function assembleErrorEvent(input: ErrorEventInput, embedded: ErrorEvent['data']['record']): ErrorEvent {
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

/** The event, once the error schema accepts it; throws naming what is wrong otherwise. */
export function validated(event: ErrorEvent): ErrorEvent {
  const validation = validateEvent(errorEventType, event);
  if (!validation.ok) {
    throw new Error(
      `buildErrorEvent made an invalid error event:\n${formatValidationErrors(validation.errors).join('\n')}`,
    );
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
    headers: record.headers.map(({ name, value }) => ({
      name,
      value: value === null ? null : decodeBytes(value, `header ${JSON.stringify(name)}`),
    })),
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
  return Object.fromEntries(
    Object.entries(result).map(([name, values]) => [name, values.length === 1 ? values[0] : values]),
  );
}

// kafkajs types a received header value as Buffer | string, and a null value arrives as null at run time.
function toBytes(value: Buffer | string | null): Uint8Array | null {
  if (value === null) return null;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}
