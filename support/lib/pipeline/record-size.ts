/**
 * How many bytes a record takes in a Kafka record batch (message format v2), as an upper bound.
 * The broker compares a whole batch against the topic's max.message.bytes, so a producer that puts
 * several records in one send must keep their sum, plus the batch header, under it.
 */
import type { IHeaders } from 'kafkajs';

/** The batch header: base offset and length (12 bytes of log overhead) plus the v2 header (49). */
export const RECORD_BATCH_OVERHEAD = 61;

// A record's fixed part, with every varint at its widest: length (5), attributes (1),
// timestamp delta (10), offset delta (5), key length (5), value length (5), header count (5).
const RECORD_FIXED_MAX = 36;
// Per header: name length and value length, each a varint of at most 5 bytes.
const HEADER_FIXED_MAX = 10;

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
}

export function headersSize(headers: IHeaders | undefined): number {
  let size = 0;
  for (const [name, value] of Object.entries(headers ?? {})) {
    for (const one of Array.isArray(value) ? value : [value])
      size += HEADER_FIXED_MAX + Buffer.byteLength(name, 'utf8') + byteLength(one);
  }
  return size;
}

/** The bytes of a zigzag varint (Kafka's record fields). */
function varintSize(n: number): number {
  let zigzag = n >= 0 ? n * 2 : -n * 2 - 1;
  let size = 1;
  while (zigzag >= 128) {
    zigzag = Math.floor(zigzag / 128);
    size++;
  }
  return size;
}

/**
 * The exact size of a batch holding one record with a key of `keyLength` bytes (null: no key), a
 * value of `valueLength` bytes and no headers, as kafkajs encodes it without compression: what the
 * broker compares with max.message.bytes. For specs that need a record exactly at a limit.
 */
export function singleRecordBatchSize(keyLength: number | null, valueLength: number): number {
  const bytes = (length: number | null) => (length === null ? varintSize(-1) : varintSize(length) + length);
  // attributes, timestamp delta 0, offset delta 0, key, value, header count 0
  const body = 1 + varintSize(0) + varintSize(0) + bytes(keyLength) + bytes(valueLength) + varintSize(0);
  return RECORD_BATCH_OVERHEAD + varintSize(body) + body;
}

/** The value length that makes a one-record batch (key of `keyLength` bytes, no headers) exactly `batchSize` bytes. */
export function valueLengthForBatchSize(keyLength: number | null, batchSize: number): number {
  let length = batchSize - RECORD_BATCH_OVERHEAD;
  while (length > 0 && singleRecordBatchSize(keyLength, length) > batchSize) length--;
  if (singleRecordBatchSize(keyLength, length) !== batchSize)
    throw new Error(`no value length makes a one-record batch of exactly ${batchSize} bytes`);
  return length;
}

/** An upper bound of one record's size inside a batch, without the batch header. */
export function recordSizeInBatch(
  key: Buffer | string | null,
  value: Buffer | string | null,
  headers?: IHeaders,
): number {
  return RECORD_FIXED_MAX + byteLength(key) + byteLength(value) + headersSize(headers);
}
