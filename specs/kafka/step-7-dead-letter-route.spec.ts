/**
 * Step 7: the dead letter. A consumer meets records it cannot process: a tombstone, bytes that are
 * not JSON, another topic's event, an event that breaks its schema, an event its handler fails on
 * every time. Such a record must neither stop its partition (the events after it wait forever) nor
 * vanish (its offset committed as if it had been handled). EventConsumer writes it to the error
 * topic (DeadLetterQueue) as an error event: the reason (a code and a message), the consumer group,
 * the attempt, and the original record whole (topic, partition, offset, key, value, headers), so that
 * it can be replayed byte for byte. Only once the error topic has acknowledged that event does the
 * consumer commit its offset past the poison: the group goes on, and nothing is lost.
 *
 * The first test writes the route out as you would: topics, producer.send, new EventConsumer({...}),
 * start, wait until the group has committed everything, stop, read the error topic. The others run
 * the same route through the bench (support/consumer-harness/dead-letter-bench.ts), one kind of
 * poison each.
 */
import { describe, expect, onTestFinished } from 'vitest';
import {
  type BenchRun,
  consumerLag,
  DeadLetterBench,
  type HandledEvent,
  type OutgoingRecord,
  topicExample,
  totalLag,
  type WrittenRecord,
} from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import {
  type ErrorEvent,
  orderConfirmedType,
  orderReceivedType,
  type ReasonCode,
  rebuildFailedRecord,
  ACKS_ALL,
  EventConsumer,
  eventHeaders,
  retryPolicy,
} from '@kafka-event-spec/events';
import { uniqueName } from '#support/run/index.js';
import { catalogTopic } from '#support/topics/index.js';

/**
 * The error topic's promise, checked for one poison record between two valid events of the same
 * order: the poison is dead-lettered exactly once, with its reason, holding the original record so
 * that a replay gives back the same bytes, key and headers; the events around it are handled, in
 * order; and the group has committed everything (lag 0: committed offset == high watermark).
 */
function expectOnlyThePoisonDeadLettered(
  run: BenchRun,
  code: ReasonCode,
  options: { attempt?: number } = {},
): ErrorEvent {
  const [before, poison, after] = run.written as [WrittenRecord, WrittenRecord, WrittenRecord];
  const at = `${poison.topic}/${poison.partition}/${poison.offset}`;
  const step = `step 7: the error event for the poison record at ${at}`;

  expect(
    run.errorTopic.events,
    `step 7: error events on ${run.topics.deadLetter} (one expected, for ${at})`,
  ).toHaveLength(1);
  const errorEvent = run.errorTopic.events[0] as ErrorEvent;
  expect(errorEvent.data.reason.code, `${step}: reason code`).toBe(code);
  expect(errorEvent.data.reason.message, `${step}: reason message`).not.toBe('');
  expect(errorEvent.subject, `${step}: subject (where the record was)`).toBe(at);
  expect(errorEvent.data.consumerGroup, `${step}: consumer group`).toBe(run.groupId);
  expect(errorEvent.data.attempt, `${step}: attempt`).toBe(options.attempt ?? 1);

  // Replaying the error event gives back the record as it was written.
  const original = rebuildFailedRecord(errorEvent);
  expect(
    { topic: original.topic, partition: original.partition, offset: original.offset },
    `${step}: the record it holds, where it was`,
  ).toEqual({
    topic: poison.topic,
    partition: poison.partition,
    offset: poison.offset,
  });
  expect(original.key, `${step}: the record's key, replayed`).toEqual(poison.key);
  expect(original.value, `${step}: the record's value, replayed`).toEqual(poison.value);
  expect(original.headers, `${step}: the record's headers, replayed`).toEqual(
    poison.headers.map(({ name, value }) => ({ name, value: value === null ? null : Buffer.from(value) })),
  );
  // The error event is keyed like the record it holds, so one order's failures stay in one partition.
  expect(run.errorTopic.records[0]?.key, `${step}: its own record key`).toEqual(poison.key);

  // The poison did not stall its partition: the valid events on either side were handled, once each, in order.
  expect(
    run.handled.map((h) => h.offset),
    `step 7: offsets handled (the valid events at ${before.offset} and ${after.offset}, around the poison)`,
  ).toEqual([before.offset, after.offset]);
  expect(new Set(run.handled.map((h) => h.partition)), 'step 7: partitions handled').toEqual(
    new Set([before.partition]),
  );

  for (const partition of run.lag) {
    const lagOf = `step 7: group ${run.groupId} on ${run.topics.source} partition ${partition.partition}`;
    expect(partition.lag, `${lagOf}: lag after the consumer stopped`).toBe(0n);
    if (BigInt(partition.highWatermark) > 0n)
      expect(partition.committed, `${lagOf}: committed offset (the high watermark expected)`).toBe(
        partition.highWatermark,
      );
  }
  return errorEvent;
}

describe('Step 7: an event the consumer cannot process goes to the error topic with its reason; nothing is lost', () => {
  const order = topicExample(catalogTopic('OrderReceived'));
  const orderHeaders = eventHeaders(order.eventType);
  const poison = (
    value: OutgoingRecord['value'],
    headers: OutgoingRecord['headers'] = orderHeaders,
  ): OutgoingRecord => ({ key: order.key, value, headers });

  it('a value that is not JSON text is dead-lettered as NOT_JSON, holding the text it was', async ({
    kafka,
    admin,
    deadLetterBench: bench,
  }) => {
    // A fresh OrderReceived topic and its error topic, DeadLetterQueue, with the catalog's configs.
    const topics = await bench.createTopics();
    // Three events of one order (one key, so one partition, in this order): valid, not JSON, valid.
    const before = bench.validOrder();
    const notJson = { key: order.key, value: 'this is not JSON', headers: orderHeaders };
    const after = bench.validOrder();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    onTestFinished(() => producer.disconnect());
    const sent = await producer.send({ topic: topics.source, acks: ACKS_ALL, messages: [before, notJson, after] });

    const groupId = uniqueName('order-service');
    const handled: HandledEvent[] = [];
    // The group's lag: 0 once it has committed every record of the topic, the poison's offset included.
    const lag = async () => totalLag(await consumerLag(admin, groupId, topics.source));
    const allCommitted = `step 7: expected group ${groupId} to commit all 3 records of ${topics.source}, past the poison once its error event was written`;
    // #region readme-event-consumer
    const consumer = new EventConsumer({
      kafka,
      groupId,
      topics: [{ topic: topics.source, eventType: orderReceivedType }], // each topic with the event type it carries
      deadLetterTopic: topics.deadLetter, // where a record that cannot be processed goes, as an error event
      handle: (event, { partition, offset, attempt }) => {
        handled.push({ id: event.id, partition, offset, attempt }); // a throw: tried again, then dead-lettered
      },
      fromBeginning: true, // a group with no committed offsets reads the records already there
      consumerConfig: { maxWaitTimeInMs: 100 }, // kafkajs consumer settings
    });
    await consumer.start(); // connects, joins the group, and consumes until stopped
    try {
      await expect.poll(lag, { timeout: 30_000, message: allCommitted }).toBe(0n);
    } finally {
      await consumer.stop(); // finishes the record in hand, commits what is finished, leaves the group
    }
    // #endregion readme-event-consumer

    const run: BenchRun = {
      topics,
      groupId,
      written: DeadLetterBench.sentToOnePartition(topics.source, [before, notJson, after], sent),
      handled,
      errorTopic: await bench.readErrorTopic(topics.deadLetter),
      lag: await consumerLag(admin, groupId, topics.source),
    };
    const errorEvent = expectOnlyThePoisonDeadLettered(run, 'NOT_JSON');
    expect(errorEvent.data.record.value, 'step 7: the value the NOT_JSON error event holds').toEqual({
      encoding: 'utf8',
      text: 'this is not JSON',
    });
  });

  it('a record without a value (a tombstone) is dead-lettered as NULL_VALUE', async ({ deadLetterBench: bench }) => {
    const run = await bench.run([bench.validOrder(), poison(null), bench.validOrder()]);

    const errorEvent = expectOnlyThePoisonDeadLettered(run, 'NULL_VALUE');
    expect(errorEvent.data.record.value).toBeNull();
  });

  it('a value that is not even UTF-8 is dead-lettered as NOT_JSON, its bytes (and a binary header) kept in base64', async ({
    deadLetterBench: bench,
  }) => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x80, 0x22, 0x7d]);
    const traceBytes = Buffer.from([0x00, 0x01, 0xc0, 0xff]);
    const run = await bench.run([
      bench.validOrder(),
      poison(bytes, { ...orderHeaders, 'trace-bin': traceBytes }),
      bench.validOrder(),
    ]);

    const errorEvent = expectOnlyThePoisonDeadLettered(run, 'NOT_JSON');
    expect(errorEvent.data.record.value).toEqual({ encoding: 'base64', base64: bytes.toString('base64') });
    expect(errorEvent.data.record.headers).toContainEqual({
      name: 'trace-bin',
      value: { encoding: 'base64', base64: traceBytes.toString('base64') },
    });
  });

  it("another topic's event (an order confirmation on OrderReceived) is dead-lettered as WRONG_EVENT_TYPE", async ({
    deadLetterBench: bench,
  }) => {
    const confirmed = topicExample(catalogTopic('OrderConfirmed'));
    const run = await bench.run([
      bench.validOrder(),
      poison(confirmed.value, eventHeaders(confirmed.eventType)),
      bench.validOrder(),
    ]);

    const errorEvent = expectOnlyThePoisonDeadLettered(run, 'WRONG_EVENT_TYPE');
    expect(errorEvent.data.reason.message).toContain(orderConfirmedType);
  });

  it('JSON that is not an event at all (no type) is dead-lettered as WRONG_EVENT_TYPE', async ({
    deadLetterBench: bench,
  }) => {
    const run = await bench.run([
      bench.validOrder(),
      poison('{"orderId":"7f3c9a52-1d4e-4b8a-9c61-2e5f8d0a4b17","status":"new"}'),
      bench.validOrder(),
    ]);

    const errorEvent = expectOnlyThePoisonDeadLettered(run, 'WRONG_EVENT_TYPE');
    expect(errorEvent.data.record.value).toEqual({
      encoding: 'json',
      json: { orderId: '7f3c9a52-1d4e-4b8a-9c61-2e5f8d0a4b17', status: 'new' },
    });
  });

  it('an order-received event that breaks its schema (a line of 0 units) is dead-lettered as SCHEMA_INVALID, naming the field', async ({
    deadLetterBench: bench,
  }) => {
    const event = structuredClone(order.event) as { data: { items: { quantity: number }[] } };
    const [firstLine] = event.data.items;
    if (firstLine !== undefined) firstLine.quantity = 0;
    // Pretty-printed on purpose: the error event must keep the exact text, not only the parsed JSON.
    const run = await bench.run([bench.validOrder(), poison(JSON.stringify(event, null, 2)), bench.validOrder()]);

    const errorEvent = expectOnlyThePoisonDeadLettered(run, 'SCHEMA_INVALID');
    expect(errorEvent.data.reason.message).toContain('/data/items/0/quantity');
    expect(errorEvent.data.record.value).toMatchObject({
      encoding: 'json',
      json: event,
      text: JSON.stringify(event, null, 2),
    });
  });

  it("the error record also carries the original's coordinates in Spring Kafka's kafka_dlt-* headers", async ({
    deadLetterBench: bench,
  }) => {
    const run = await bench.run([bench.validOrder(), poison('this is not JSON'), bench.validOrder()]);
    const errorEvent = expectOnlyThePoisonDeadLettered(run, 'NOT_JSON');
    const [, poisoned] = run.written as [WrittenRecord, WrittenRecord, WrittenRecord];
    const headers = run.errorTopic.records[0]?.headers ?? {};
    const step = `step 7: the error record for ${poisoned.topic}/${poisoned.partition}/${poisoned.offset}`;
    // kafkajs hands a consumer each header as a Buffer (an array only when the name repeats).
    const header = (name: string): Buffer => {
      const value = headers[name];
      expect(Buffer.isBuffer(value), `${step}: header ${name} (expected once, as bytes), got ${String(value)}`).toBe(
        true,
      );
      return value as Buffer;
    };

    // Spring Kafka's encodings: text as UTF-8, the partition a 4-byte and the offset an 8-byte big-endian number.
    expect(header('kafka_dlt-original-topic').toString('utf8'), `${step}: kafka_dlt-original-topic`).toBe(
      poisoned.topic,
    );
    const partition = header('kafka_dlt-original-partition');
    expect(partition.length, `${step}: kafka_dlt-original-partition length (a 4-byte int)`).toBe(4);
    expect(partition.readInt32BE(0), `${step}: kafka_dlt-original-partition`).toBe(poisoned.partition);
    const offset = header('kafka_dlt-original-offset');
    expect(offset.length, `${step}: kafka_dlt-original-offset length (an 8-byte long)`).toBe(8);
    expect(offset.readBigInt64BE(0), `${step}: kafka_dlt-original-offset`).toBe(BigInt(poisoned.offset));
    expect(
      header('kafka_dlt-original-consumer-group').toString('utf8'),
      `${step}: kafka_dlt-original-consumer-group`,
    ).toBe(run.groupId);
    expect(
      header('kafka_dlt-exception-message').toString('utf8'),
      `${step}: kafka_dlt-exception-message (the reason message)`,
    ).toBe(errorEvent.data.reason.message);
    // The CloudEvents headers stay: the value, the error event, is the contract.
    expect(header('content-type').toString('utf8'), `${step}: content-type`).toBe(
      'application/cloudevents+json; charset=UTF-8',
    );
  });

  it(`a valid event whose handler fails on every attempt is dead-lettered as HANDLER_FAILED after ${retryPolicy().handlerAttempts} attempts`, async ({
    deadLetterBench: bench,
  }) => {
    const doomed = bench.validOrder();
    const attempts: number[] = [];
    const run = await bench.run([bench.validOrder(), doomed, bench.validOrder()], {
      fail: (event, attempt) => {
        if (event.id !== doomed.id) return undefined;
        attempts.push(attempt);
        return new Error('the warehouse system answered 503');
      },
    });

    const { handlerAttempts } = retryPolicy();
    const errorEvent = expectOnlyThePoisonDeadLettered(run, 'HANDLER_FAILED', { attempt: handlerAttempts });
    expect(attempts).toEqual(Array.from({ length: handlerAttempts }, (_, n) => n + 1));
    expect(errorEvent.data.reason.message).toContain('the warehouse system answered 503');
  });

  const orderJson = (
    change: (event: Record<string, unknown> & { data: { customer: { name: string } } }) => void,
  ): string => {
    const event = structuredClone(order.event) as unknown as Record<string, unknown> & {
      data: { customer: { name: string } };
    };
    change(event);
    return JSON.stringify(event);
  };
  const deeplyNested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const notUtf8 = Buffer.from([0xc3, 0x28, 0xff, 0x00]);

  // More kinds of poison, each with the reason code it must get; the helper checks the record is embedded exactly.
  it.for<{ kind: string; record: OutgoingRecord; code: ReasonCode }>([
    { kind: 'an empty (zero-byte, not null) value', record: poison(Buffer.alloc(0)), code: 'NOT_JSON' },
    { kind: 'JSON that is a number (42)', record: poison('42'), code: 'WRONG_EVENT_TYPE' },
    { kind: 'JSON that is a string ("x")', record: poison('"x"'), code: 'WRONG_EVENT_TYPE' },
    { kind: 'JSON null', record: poison('null'), code: 'WRONG_EVENT_TYPE' },
    { kind: 'JSON that is an array ([])', record: poison('[]'), code: 'WRONG_EVENT_TYPE' },
    {
      kind: 'an unknown but well-formed type',
      record: poison(
        orderJson((e) => {
          e.type = 'com.example.shop.order.cancelled';
        }),
      ),
      code: 'WRONG_EVENT_TYPE',
    },
    {
      kind: 'a poison with a null key',
      record: { key: null, value: 'this is not JSON', headers: orderHeaders },
      code: 'NOT_JSON',
    },
    {
      kind: 'JSON nested 100,000 deep (too deep for JSON.stringify)',
      record: poison(deeplyNested),
      code: 'WRONG_EVENT_TYPE',
    },
    {
      kind: 'an order with a 300,000-character string field',
      record: poison(
        orderJson((e) => {
          e.data.customer.name = 'x'.repeat(300_000);
        }),
      ),
      code: 'SCHEMA_INVALID',
    },
    {
      kind: 'a key that is not UTF-8',
      record: { key: notUtf8, value: 'this is not JSON', headers: orderHeaders },
      code: 'NOT_JSON',
    },
    {
      kind: 'a header value that is not UTF-8',
      record: poison('this is not JSON', { ...orderHeaders, 'x-trace': notUtf8 }),
      code: 'NOT_JSON',
    },
    {
      kind: 'a header name repeated (three values, in order)',
      record: poison('this is not JSON', { ...orderHeaders, 'x-hop': ['first', 'second', notUtf8] }),
      code: 'NOT_JSON',
    },
  ])(
    '$kind is dead-lettered as $code, the record embedded exactly',
    async ({ record, code }, { deadLetterBench: bench }) => {
      // The valid events around it share its key, so all three land in one partition.
      const key = record.key === null ? order.key : record.key;
      const around = () => ({ ...bench.validOrder(), key });
      const run = await bench.run(
        [around(), { ...record, partition: 0 }, around()].map((r) => ({ ...r, partition: 0 })),
      );
      const errorEvent = expectOnlyThePoisonDeadLettered(run, code);
      expect(errorEvent.data.record.key === null).toBe(record.key === null);
    },
  );

  // A poison on every catalog topic a consumer reads events from (the error topic itself is where poison goes, not a source).
  it.for(['OrderReceived', 'OrderConfirmed', 'OrderPickedAndPacked', 'Notification'])(
    'a poison on %s is dead-lettered as NOT_JSON by a consumer of that topic',
    async (source, { deadLetterBench: bench }) => {
      const example = topicExample(catalogTopic(source));
      const valid = () => ({
        key: example.key,
        value: example.value,
        headers: eventHeaders(example.eventType),
        partition: 0,
      });
      const run = await bench.run(
        [
          valid(),
          { key: example.key, value: 'this is not JSON', headers: eventHeaders(example.eventType), partition: 0 },
          valid(),
        ],
        { source },
      );
      expect(run.topics.source.endsWith(`.${source}`)).toBe(true);
      expectOnlyThePoisonDeadLettered(run, 'NOT_JSON');
    },
  );

  it('a handler that fails once and then succeeds needs no error event: the retry handles it, in its place', async ({
    deadLetterBench: bench,
  }) => {
    const flaky = bench.validOrder();
    const records = [bench.validOrder(), flaky, bench.validOrder()];
    const run = await bench.run(records, {
      fail: (event, attempt) =>
        event.id === flaky.id && attempt === 1 ? new Error('a timeout, this once') : undefined,
    });

    expect(run.errorTopic.events).toHaveLength(0);
    expect(run.handled.map((h) => h.offset)).toEqual(run.written.map((w) => w.offset));
    expect(run.handled.map((h) => h.attempt)).toEqual([1, 2, 1]);
    expect(run.lag.every((p) => p.lag === 0n)).toBe(true);
  });
});
