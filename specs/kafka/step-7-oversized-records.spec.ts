/**
 * Step 7: no record is too large to dead-letter. An error event holds the record it is about, so a
 * record near the broker's limit would make an error event over it, which the error topic refuses:
 * the partition would stall. EventConsumer measures the event against the error topic's
 * max.message.bytes and, when it does not fit, holds a prefix of the value with its size, SHA-256
 * and where to read it whole.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import { type BenchRun, type WrittenRecord } from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import {
  decodeBytes,
  type ErrorEvent,
  rebuildFailedRecord,
  ACKS_ALL,
  errorTopicLimit,
  eventHeaders,
  headersSize,
  RECORD_BATCH_OVERHEAD,
  singleRecordBatchSize,
  valueLengthForBatchSize,
} from '@kafka-event-spec/events';

type Size = '0.5 MB' | 'just under the broker max' | 'at the broker max';
type Kind = 'text' | 'binary';

/** Poison bytes: text that is not JSON, or bytes that are not UTF-8 (the first byte, 0xff, never occurs in UTF-8). */
function poisonValue(kind: Kind, length: number): Buffer {
  if (kind === 'text') return Buffer.alloc(length, 'not JSON, only text. ');
  const bytes = randomBytes(length);
  bytes[0] = 0xff;
  return bytes;
}

/** The error event's record on the error topic, measured as the broker measures a batch of it alone. */
function errorRecordBatchSize(run: BenchRun): number {
  const [record] = run.errorTopic.records;
  if (record === undefined) throw new Error('the error topic holds no record');
  return (
    RECORD_BATCH_OVERHEAD + 36 + (record.key?.length ?? 0) + (record.value?.length ?? 0) + headersSize(record.headers)
  );
}

function onlyErrorEvent(run: BenchRun, poison: WrittenRecord): ErrorEvent {
  expect(
    run.errorTopic.events.map((e) => [e.subject, e.data.reason.code]),
    `step 7: error events on ${run.topics.deadLetter}, as [subject, reason code] (one for the poison expected)`,
  ).toEqual([[`${poison.topic}/${poison.partition}/${poison.offset}`, 'NOT_JSON']]);
  return run.errorTopic.events[0] as ErrorEvent;
}

function expectNothingStalled(run: BenchRun, before: WrittenRecord, after: WrittenRecord): void {
  expect(
    run.handled.map((h) => h.offset),
    `step 7: offsets handled (the valid events at ${before.offset} and ${after.offset}, around the poison)`,
  ).toEqual([before.offset, after.offset]);
  expect(
    run.lag.every((p) => p.lag === 0n),
    `step 7: group ${run.groupId} at lag 0 on every partition`,
  ).toBe(true);
}

describe('Step 7: no record is too large to dead-letter: its error event always fits the error topic, so nothing stalls', () => {
  let brokerMax = 0;

  // Read once for the file: the broker's limit, which the sizes below are measured against.
  it.beforeAll(async ({ deadLetterBench: bench }) => {
    // The source topic sets no max.message.bytes, so it reports the broker's (1048588 by default).
    const probe = await bench.createTopics({ withDeadLetterTopic: false });
    brokerMax = await errorTopicLimit(bench.adminClient, probe.source).maxMessageBytes();
  });

  const sizes: readonly Size[] = ['0.5 MB', 'just under the broker max', 'at the broker max'];
  const cases = sizes.flatMap((size) => (['text', 'binary'] as const).map((kind) => ({ size, kind })));

  it.for(cases)(
    'a poison record of $size as $kind is dead-lettered; embedded whole when it fits, truncated (with size, SHA-256 and where to read it) when not',
    async ({ size, kind }, { deadLetterBench: bench }) => {
      const topics = await bench.createTopics();
      const key = Buffer.from(bench.orderReceived.key ?? 'no key');
      const batchSize = size === 'at the broker max' ? brokerMax : brokerMax - 1;
      const length = size === '0.5 MB' ? 512 * 1024 : valueLengthForBatchSize(key.length, batchSize);
      const value = poisonValue(kind, length);
      if (size !== '0.5 MB') expect(singleRecordBatchSize(key.length, value.length)).toBe(batchSize);
      if (size === 'at the broker max') {
        // Really the max: one byte more and the source topic refuses the record.
        const producer = bench.kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
        await producer.connect();
        try {
          await expect(
            producer.send({
              topic: topics.source,
              acks: ACKS_ALL,
              messages: [{ key, value: Buffer.concat([value, Buffer.from('x')]) }],
            }),
          ).rejects.toThrow(/larger than the max message size/);
        } finally {
          await producer.disconnect();
        }
      }

      const run = await bench.runOn(topics, [bench.validOrder(), { key, value }, bench.validOrder()]);
      const [before, poison, after] = run.written as [WrittenRecord, WrittenRecord, WrittenRecord];
      const errorEvent = onlyErrorEvent(run, poison);
      expect(errorRecordBatchSize(run)).toBeLessThanOrEqual(brokerMax);
      expectNothingStalled(run, before, after);

      const embedded = errorEvent.data.record.value;
      if (size === '0.5 MB') {
        expect(embedded?.encoding).toBe(kind === 'text' ? 'utf8' : 'base64');
        expect(rebuildFailedRecord(errorEvent).value).toEqual(value);
        return;
      }
      if (embedded?.encoding !== 'truncated')
        throw new Error(`expected a truncated value, got ${JSON.stringify(embedded?.encoding)}`);
      expect(embedded.size).toBe(value.length);
      expect(embedded.sha256).toBe(createHash('sha256').update(value).digest('hex'));
      expect(embedded.readFrom).toEqual({ topic: poison.topic, partition: poison.partition, offset: poison.offset });
      expect(embedded.prefix.encoding).toBe(kind === 'text' ? 'utf8' : 'base64');
      const prefix = decodeBytes(embedded.prefix);
      expect(prefix.length).toBeGreaterThan(length / 2);
      expect(prefix).toEqual(value.subarray(0, prefix.length));
      // The key and headers are still whole, and a replay says plainly where the original is.
      expect(errorEvent.data.record.key).toEqual({ encoding: 'utf8', text: key.toString('utf8') });
      expect(() => rebuildFailedRecord(errorEvent)).toThrow(
        `cannot give back the original value: the error event holds only a prefix of its ${value.length} bytes (sha256 ${embedded.sha256}); read it from ${poison.topic}/${poison.partition}/${poison.offset}`,
      );
    },
  );

  it('an error topic whose own max.message.bytes is small (4096) gets error events that fit it: a small poison whole, a large one truncated', async ({
    deadLetterBench: bench,
  }) => {
    const maxMessageBytes = 4096;
    const large = structuredClone(bench.orderReceived.event) as { data: { customer: { name: string } } };
    large.data.customer.name = 'A name far longer than the schema allows. '.repeat(200); // 8,600 characters
    const orderHeaders = eventHeaders(bench.orderReceived.eventType);
    const run = await bench.run(
      [
        bench.validOrder(),
        { key: bench.orderReceived.key, value: 'this is not JSON', headers: orderHeaders },
        { key: bench.orderReceived.key, value: JSON.stringify(large), headers: orderHeaders },
        bench.validOrder(),
      ],
      { deadLetterConfigs: { 'max.message.bytes': String(maxMessageBytes) } },
    );
    const [before, small, big, after] = run.written as [WrittenRecord, WrittenRecord, WrittenRecord, WrittenRecord];

    expect(run.errorTopic.events.map((e) => [e.subject, e.data.reason.code, e.data.record.value?.encoding])).toEqual([
      [`${small.topic}/${small.partition}/${small.offset}`, 'NOT_JSON', 'utf8'],
      [`${big.topic}/${big.partition}/${big.offset}`, 'SCHEMA_INVALID', 'truncated'],
    ]);
    for (const record of run.errorTopic.records) {
      expect(
        RECORD_BATCH_OVERHEAD +
          36 +
          (record.key?.length ?? 0) +
          (record.value?.length ?? 0) +
          headersSize(record.headers),
      ).toBeLessThanOrEqual(maxMessageBytes);
    }
    expect(rebuildFailedRecord(run.errorTopic.events[0] as ErrorEvent).value).toEqual(small.value);
    expect(run.handled.map((h) => h.offset)).toEqual([before.offset, after.offset]);
    expect(run.lag.every((p) => p.lag === 0n)).toBe(true);
  });
});
