/**
 * Step 2: a record value too large to embed in an error event the error topic accepts is held
 * truncated. The error event then carries a prefix of the value, its size, its SHA-256 and where the
 * whole value can be read (topic, partition, offset), and it is still a valid error event. And a
 * record on the error topic that is not one is reported with the schema's errors in words.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorEventOfRecord } from '#support/consumer-harness/index.js';
import {
  buildErrorEventWithin,
  decodeBytes,
  type ErrorEvent,
  errorEventType,
  formatValidationErrors,
  rebuildFailedRecord,
  validateEvent,
  type ErrorEventInput,
} from '@kafka-event-spec/events';

// The error topic's max.message.bytes in this spec: far below the values below.
const MAX_BYTES = 2_000;
const where = { topic: 'OrderReceived', partition: 2, offset: '9007199254740993' } as const;

const values: [string, Buffer][] = [
  [
    'UTF-8 JSON with multi-byte characters',
    Buffer.from(JSON.stringify({ type: 'com.example.shop.order.received', note: 'Straße 東京 🚚 '.repeat(800) })),
  ],
  ['bytes that are not UTF-8', Buffer.from(Array.from({ length: 20_000 }, (_, index) => (index * 7) % 256))],
];

function inputFor(value: Buffer): ErrorEventInput {
  return {
    record: { ...where, timestamp: '1741944665114', key: Buffer.from('order-7'), value, headers: [] },
    consumerGroup: 'shop-order-service',
    attempt: 1,
    reason: { code: 'WRONG_EVENT_TYPE', message: 'not an event this consumer handles' },
  };
}

describe('Step 2: an error event for a value too large to embed holds it truncated', () => {
  it.each(values)('%s: a valid error event with prefix, size, sha256 and where to read it', (_, value) => {
    const built = buildErrorEventWithin(inputFor(value), MAX_BYTES);
    expect(
      built.truncated,
      `step 2: a ${value.length}-byte value in a ${MAX_BYTES}-byte error event is truncated`,
    ).toBe(true);
    expect(
      Buffer.byteLength(built.json, 'utf8'),
      `step 2: the truncated error event fits the error topic's ${MAX_BYTES} bytes`,
    ).toBeLessThanOrEqual(MAX_BYTES);

    // As a reader of the error topic gets it: the JSON text, parsed and validated against error.schema.json.
    const read = JSON.parse(built.json) as ErrorEvent;
    const validation = validateEvent(errorEventType, read);
    // Soft: when the schema refuses it, the field checks below still say which field is wrong.
    expect
      .soft(
        validation.ok ? [] : formatValidationErrors(validation.errors),
        'step 2: the truncated error event, validated against the error schema (expected no errors)',
      )
      .toEqual([]);
    const held = read.data.record.value;
    expect(held?.encoding, 'step 2: the value is held with encoding').toBe('truncated');
    if (held?.encoding !== 'truncated') return;

    const prefix = decodeBytes(held.prefix, 'prefix');
    expect(prefix.length, 'step 2: the prefix holds some of the value (bytes)').toBeGreaterThan(0);
    expect(prefix.length, 'step 2: the prefix is shorter than the value (bytes)').toBeLessThan(value.length);
    expect(
      prefix.equals(value.subarray(0, prefix.length)),
      `step 2: the prefix's ${prefix.length} bytes are the value's first ${prefix.length} bytes`,
    ).toBe(true);
    expect(held.size, "step 2: size is the whole value's length in bytes").toBe(value.length);
    expect(held.sha256, 'step 2: sha256 is the SHA-256 (hex) of the whole value').toBe(
      createHash('sha256').update(value).digest('hex'),
    );
    expect(held.readFrom, 'step 2: readFrom names where the whole value is (topic, partition, offset)').toEqual(where);
    expect(
      () => rebuildFailedRecord(read),
      'step 2: replaying a truncated value refuses, naming where to read it',
    ).toThrow(`read it from ${where.topic}/${where.partition}/${where.offset}`);
  });
});

describe('Step 2: a record on the error topic that is not a valid error event', () => {
  const [, value] = values[0] ?? ['', Buffer.alloc(0)];
  const event = JSON.parse(buildErrorEventWithin(inputFor(value), MAX_BYTES).json) as {
    data: { record: { value: Record<string, unknown> } };
  };
  const withoutSha256 = { ...event.data.record.value };
  delete withoutSha256.sha256;
  const broken = { ...event, data: { ...event.data, record: { ...event.data.record, value: withoutSha256 } } };
  const record = { partition: 1, offset: '5', value: Buffer.from(JSON.stringify(broken)) };

  it('is reported with the formatted validation errors, naming the missing field', () => {
    expect(
      () => errorEventOfRecord('OrderReceived-errors', record),
      'step 2: reading an error event without sha256 reports where it is and the missing field',
    ).toThrow('OrderReceived-errors/1/5 is not a valid error event:\n/data/record/value');
    expect(
      () => errorEventOfRecord('OrderReceived-errors', record),
      'step 2: reading an error event without sha256 names sha256 in the formatted errors',
    ).toThrow("/data/record/value: must have required property 'sha256'");
  });

  it('is reported in words, not as raw ajv JSON', () => {
    let message = '';
    try {
      errorEventOfRecord('OrderReceived-errors', record);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message, 'step 2: the report of an invalid error event holds no raw ajv error objects').not.toContain(
      '"instancePath"',
    );
    expect(message, 'step 2: an invalid error event is reported (expected a message)').not.toBe('');
  });

  it('that is not JSON at all is reported with its first bytes', () => {
    expect(
      () => errorEventOfRecord('OrderReceived-errors', { partition: 0, offset: '3', value: Buffer.from('v') }),
      'step 2: reading a value that is not JSON from the error topic',
    ).toThrow('OrderReceived-errors/0/3 should hold an error event (JSON); it holds 1 bytes that are not JSON: "v"');
  });
});
