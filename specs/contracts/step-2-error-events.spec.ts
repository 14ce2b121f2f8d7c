/**
 * Step 2: an error event holds the failed record exactly as received, so the original can be
 * replayed from the error event alone with identical key, value and header bytes.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildErrorEvent,
  buildErrorEventWithin,
  type ErrorEvent,
  type ErrorEventInput,
  errorEventType,
  formatValidationErrors,
  headersFromKafkajs,
  headersToKafkajs,
  orderReceivedType,
  type ParsedValue,
  rebuildFailedRecord,
  type ReceivedRecord,
  validateEvent,
} from '@kafka-event-spec/events';
import { notJsonErrorExamplePath, readExample, readJsonFile, readValidExample } from '#support/examples/index.js';

function validErrorEvent(value: unknown): ErrorEvent {
  const result = validateEvent(errorEventType, value);
  if (!result.ok) throw new Error(formatValidationErrors(result.errors).join('\n'));
  return result.event;
}

/** As a consumer of the error topic sees it: serialized to JSON by one process, parsed by another. */
function throughTheTopic(event: ErrorEvent): ErrorEvent {
  return validErrorEvent(JSON.parse(JSON.stringify(event)));
}

function recordWith(changes: Partial<ReceivedRecord>): ReceivedRecord {
  return {
    topic: 'OrderReceived',
    partition: 3,
    offset: '9007199254740993',
    key: null,
    value: null,
    headers: [],
    ...changes,
  };
}

function errorEventFor(record: ReceivedRecord): ErrorEvent {
  return buildErrorEvent({
    record,
    consumerGroup: 'shop-order-service',
    attempt: 1,
    reason: { code: 'NOT_JSON', message: 'value is not UTF-8 encoded JSON' },
  });
}

/** Rebuilding the record from the error event, after it went through the topic, gives the same bytes. */
function expectReplayToGiveBack(record: ReceivedRecord): void {
  const rebuilt = rebuildFailedRecord(throughTheTopic(errorEventFor(record)));
  expect(
    rebuilt.value === null ? null : [...rebuilt.value],
    'step 2: the value bytes replayed from the error event',
  ).toEqual(record.value === null ? null : [...record.value]);
  expect(rebuilt.key === null ? null : [...rebuilt.key], 'step 2: the key bytes replayed from the error event').toEqual(
    record.key === null ? null : [...record.key],
  );
  expect(
    rebuilt.headers.map(({ name, value }) => [name, value === null ? null : [...value]]),
    'step 2: the headers replayed from the error event, in order',
  ).toEqual(record.headers.map(({ name, value }) => [name, value === null ? null : [...value]]));
  expect(
    [rebuilt.topic, rebuilt.partition, rebuilt.offset],
    'step 2: topic, partition and offset replayed from the error event',
  ).toEqual([record.topic, record.partition, record.offset]);
}

/** buildErrorEvent given everything an error event holds: an example must come back unchanged. */
function rebuildLike(example: ErrorEvent, record: ReceivedRecord): ErrorEvent {
  return buildErrorEvent({
    id: example.id,
    failedAt: new Date(example.time),
    consumerGroup: example.data.consumerGroup,
    attempt: example.data.attempt,
    reason: example.data.reason,
    record,
  });
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const everyByte = Buffer.from(Array.from({ length: 256 }, (_, index) => index));

describe('Step 2: an error event whose original was not JSON', () => {
  const example = validErrorEvent(readJsonFile(notJsonErrorExamplePath));
  const rebuilt = rebuildFailedRecord(example);

  it('validates, and keeps the value as base64 bytes with the encoding named', () => {
    expect(example.data.reason.code, 'step 2: error_not_json.json reason code').toBe('NOT_JSON');
    expect(example.data.record.value?.encoding, 'step 2: error_not_json.json holds its value as').toBe('base64');
  });

  it('gives back the original bytes: here a gzip-compressed order received event', () => {
    expect(rebuilt.value?.subarray(0, 2), "step 2: the replayed value starts with gzip's magic bytes").toEqual(
      Buffer.from([0x1f, 0x8b]),
    );
    expect(
      JSON.parse(gunzipSync(rebuilt.value ?? Buffer.alloc(0)).toString('utf8')),
      'step 2: the gunzipped value is order_received.json',
    ).toEqual(readExample(orderReceivedType));
    expect(rebuilt.key, "step 2: error_not_json.json's record had no key").toBeNull();
  });

  it('is exactly what buildErrorEvent makes of those bytes (nothing was lost either way)', () => {
    expect(
      rebuildLike(example, rebuilt),
      'step 2: buildErrorEvent of the replayed record must give error_not_json.json back',
    ).toEqual(example);
  });
});

describe('Step 2: the error example', () => {
  it('is exactly what buildErrorEvent makes of the record it holds', () => {
    const example = readValidExample(errorEventType);
    expect(
      rebuildLike(example, rebuildFailedRecord(example)),
      'step 2: buildErrorEvent of the record in error.json must give error.json back',
    ).toEqual(example);
  });
});

describe('Step 2: replaying a failed record from its error event gives identical bytes', () => {
  it.each([
    ['compact JSON, kept as parsed JSON', utf8(JSON.stringify(readExample(orderReceivedType)))],
    ['pretty-printed JSON', utf8(JSON.stringify(readExample(orderReceivedType), null, 2))],
    ['JSON that JSON.stringify would write differently', utf8('{"b":1,"10":2,"n":1.0,"e":1e3,"s":"\\u00e9"}')],
    ['JSON that is not an object', utf8('42')],
    ['JSON after a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{"a":1}')])],
    ['truncated JSON (UTF-8 text, not JSON)', utf8('{"specversion":"1.0","id":')],
    ['text with non-ASCII characters', utf8('Hauptstraße 5 — 東京 🚚')],
    ['every byte value 0 to 255 (not UTF-8)', everyByte],
    ['an empty value', Buffer.alloc(0)],
    ['no value at all (null)', null],
  ])('a value that is %s', (_, value) => {
    expectReplayToGiveBack(recordWith({ value }));
  });

  it('a value that was compact JSON is held as the parsed JSON, without a copy of its text', () => {
    const order = readExample(orderReceivedType);
    const event = errorEventFor(recordWith({ value: utf8(JSON.stringify(order)) }));
    expect(event.data.record.value).toEqual({ encoding: 'json', json: order });
  });

  it('a value that was JSON written another way is held as parsed JSON plus its exact text', () => {
    const text = '{ "a": 1 }';
    expect(errorEventFor(recordWith({ value: utf8(text) })).data.record.value).toEqual({
      encoding: 'json',
      json: { a: 1 },
      text,
    });
  });

  it.each([
    ['no key (null)', null],
    ['a UTF-8 key, held as text', utf8('7f3c9a52-1d4e-4b8a-9c61-2e5f8d0a4b17')],
    ['a binary key, held as base64', Buffer.from([0x00, 0xff, 0xfe, 0x80])],
    ['an empty key', Buffer.alloc(0)],
  ])('%s', (_, key) => {
    expectReplayToGiveBack(recordWith({ key, value: utf8('{}') }));
  });

  it('headers keep their order, repeated names, binary values and missing values', () => {
    const headers = [
      { name: 'content-type', value: utf8('application/cloudevents+json; charset=UTF-8') },
      { name: 'x-hop', value: utf8('storefront') },
      { name: 'x-signature', value: Buffer.from([0xde, 0xad, 0xbe, 0xef]) },
      { name: 'x-hop', value: utf8('gateway') },
      { name: 'x-empty', value: null },
    ];
    expectReplayToGiveBack(recordWith({ headers, value: utf8('{}') }));
    const held = errorEventFor(recordWith({ headers })).data.record.headers;
    expect(held[2]).toEqual({ name: 'x-signature', value: { encoding: 'base64', base64: '3q2+7w==' } });
    expect(held[4]).toEqual({ name: 'x-empty', value: null });
  });

  it('headers convert from and to the shape kafkajs uses, repeated names as arrays', () => {
    const fromKafkajs = headersFromKafkajs({ a: Buffer.from('1'), b: [Buffer.from('2'), Buffer.from('3')] });
    expect(fromKafkajs.map(({ name, value }) => [name, value?.toString()])).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['b', '3'],
    ]);
    const replayed = rebuildFailedRecord(throughTheTopic(errorEventFor(recordWith({ headers: fromKafkajs }))));
    expect(headersToKafkajs(replayed.headers)).toEqual({
      a: Buffer.from('1'),
      b: [Buffer.from('2'), Buffer.from('3')],
    });
  });
});

describe('Step 2: building an error event', () => {
  it('makes a valid error event whose subject is the record coordinates and whose source is the consumer group', () => {
    const event = buildErrorEvent({
      record: recordWith({ value: utf8('{}') }),
      consumerGroup: 'shop-order-service',
      attempt: 3,
      reason: { code: 'SCHEMA_INVALID', message: "(event): must have required property 'specversion'" },
      failedAt: new Date('2025-03-14T09:31:05.114Z'),
    });
    const validation = validateEvent(errorEventType, event);
    expect(
      validation.ok ? [] : formatValidationErrors(validation.errors),
      `step 2: buildErrorEvent must make a valid ${errorEventType}`,
    ).toEqual([]);
    expect(event).toMatchObject({
      type: 'com.example.shop.processing.failed',
      subject: 'OrderReceived/3/9007199254740993',
      source: '/shop/consumers/shop-order-service',
      time: '2025-03-14T09:31:05.114Z',
      data: { consumerGroup: 'shop-order-service', attempt: 3 },
    });
  });

  it('refuses to make an invalid one, such as attempt 0', () => {
    expect(() =>
      buildErrorEvent({
        record: recordWith({}),
        consumerGroup: 'shop-order-service',
        attempt: 0,
        reason: { code: 'NULL_VALUE', message: 'the record has no value' },
      }),
    ).toThrow('/data/attempt: must be >= 1');
  });
});

describe("Step 2: the consumer's fast way to an error event (buildErrorEventWithin) writes what buildErrorEvent makes", () => {
  const order = readExample(orderReceivedType);
  const values: [string, Buffer | null][] = [
    ['compact JSON', utf8(JSON.stringify(order))],
    ['pretty-printed JSON', utf8(JSON.stringify(order, null, 2))],
    ['JSON that JSON.stringify would write differently', utf8('{"b":1,"10":2,"n":1.0,"e":1e3,"s":"\\u00e9"}')],
    ['JSON that is not an object', utf8('[42,"x",null]')],
    ['text that is not JSON', utf8('Hauptstraße 5 — "東京" \\ 🚚')],
    ['bytes that are not UTF-8', everyByte],
    ['an empty value', Buffer.alloc(0)],
    ['no value (null)', null],
  ];
  const records: [string, Partial<ReceivedRecord>][] = [
    ['no key, no headers, no timestamp', {}],
    [
      'a text key, a timestamp and headers (repeated, binary, missing)',
      {
        key: utf8('7f3c9a52 "quoted" \\ key'),
        timestamp: '1741944665114',
        headers: [
          { name: 'content-type', value: utf8('application/cloudevents+json; charset=UTF-8') },
          { name: 'x-hop', value: utf8('storefront') },
          { name: 'x-signature', value: Buffer.from([0xde, 0xad, 0xbe, 0xef]) },
          { name: 'x-hop', value: utf8('gateway') },
          { name: 'x-empty', value: null },
        ],
      },
    ],
    ['a binary key', { key: Buffer.from([0x00, 0xff, 0xfe, 0x80]) }],
  ];
  /** As classifyRecord hands it over: the value's text and JSON, when it is UTF-8 JSON. */
  const parsedOf = (value: Buffer | null): ParsedValue | undefined => {
    if (value === null) return undefined;
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(value);
      return { text, json: JSON.parse(text) as unknown };
    } catch {
      return undefined;
    }
  };
  const cases = values.flatMap(([valueName, value]) =>
    records.map(([recordName, record]) => [`${valueName}; ${recordName}`, recordWith({ ...record, value })] as const),
  );

  it.each(cases)('%s', (_, record) => {
    const input: ErrorEventInput = {
      record,
      consumerGroup: 'shop "order" service',
      attempt: 2,
      reason: { code: 'SCHEMA_INVALID', message: 'not a valid event: /data/items/0/quantity: must be >= 1 ("0")' },
      failedAt: new Date('2025-03-14T09:31:05.114Z'),
      id: '5f0c2b1e-3d4a-5b6c-8d7e-9f0a1b2c3d4e',
    };
    const expected = buildErrorEvent(input);
    const parsed = parsedOf(record.value === null ? null : Buffer.from(record.value));
    for (const given of parsed === undefined ? [undefined] : [undefined, parsed]) {
      const fast = buildErrorEventWithin(input, 1_000_000, given);
      const how = given === undefined ? 'without the parsed value' : 'with the parsed value';
      expect(fast.truncated, `step 2: buildErrorEventWithin ${how} truncated an event that fits`).toBe(false);
      expect(JSON.parse(fast.json), `step 2: the JSON buildErrorEventWithin writes (${how}), parsed back`).toEqual(
        expected,
      );
      expect(fast.event, `step 2: the event buildErrorEventWithin returns (${how})`).toEqual(expected);
      // A value held as its parsed JSON alone is written as JSON.stringify writes the whole event: same text, same key order.
      const value = expected.data.record.value;
      if (value === null || value.encoding !== 'json' || value.text === undefined) {
        expect(fast.json, `step 2: the JSON buildErrorEventWithin writes (${how}), as text`).toBe(
          JSON.stringify(expected),
        );
      }
    }
  });
});
