// Step 6 teaches the round trip of an event through Kafka.
// - `producer.send` writes records: a key, a value (bytes: here the event as compact JSON) and
//   headers (here the event's type and content type, readable without parsing the value).
// - The key picks the partition (a hash of the key), so every event of one order lands in the same
//   partition, and a partition is read in the order it was written: one order's events stay in order.
// - A consumer belongs to a group; the group's committed offsets say where it goes on. A new group
//   has none, so `fromBeginning: true` starts it at the first record. `consumer.run` hands it each
//   record (eachMessage) and commits as it goes.
import type { KafkaMessage, Producer } from 'kafkajs';
import { describe, expect, onTestFinished, vi } from 'vitest';
import { readAllRecords, topicExample } from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import {
  formatValidationErrors,
  validateEvent,
  ACKS_ALL,
  eventHeaders,
  headersAsText,
  idempotentProducerConfig,
} from '@kafka-event-spec/events';
import { uniqueName } from '#support/run/index.js';
import { catalogTopic, loadTopicCatalog, type PrefixedTopic } from '#support/topics/index.js';

const READ_TIMEOUT_MS = 30_000;

describe(
  'Step 6: a sample of each event is published to its topic and consumed back, unchanged',
  { timeout: 60_000 },
  () => {
    let producer: Producer;
    let topics: readonly PrefixedTopic[] = [];

    const topicOf = (catalogName: string): string => {
      const topic = topics.find((t) => t.name === catalogName);
      if (topic === undefined) throw new Error(`${catalogName} was not created`);
      return topic.topic;
    };

    // Shared by the tests, each of which writes to a topic of its own: the catalog's topics, and one
    // producer. Idempotent (the broker drops a retried duplicate) and acks=all (a send resolves once
    // every in-sync replica has the record).
    it.beforeAll(async ({ kafka, ownTopics }) => {
      topics = await ownTopics.createFromCatalog('step-6');
      producer = kafka.producer(idempotentProducerConfig());
      await producer.connect();
    });

    it.afterAll(async () => {
      await producer.disconnect();
    });

    // Named from the catalog alone; each example is read and validated inside its own test.
    const cases = loadTopicCatalog().map((entry) => [entry.name, `examples/${entry.event}.json`, entry] as const);

    it.for(cases)(
      '%s: %s, keyed by its order id, comes back from a fresh consumer group with the same key, headers and value',
      async ([name, file, entry], { admin, kafka }) => {
        const example = topicExample(entry);
        const topic = topicOf(example.catalog.name);
        const headers = eventHeaders(example.eventType);

        const [sent] = await producer.send({
          topic,
          acks: ACKS_ALL,
          messages: [{ key: example.key, value: example.value, headers: { ...headers } }],
        });

        // A consumer in a group of its own: a new group has no committed offsets, so fromBeginning
        // makes it start at the topic's first record.
        const consumer = kafka.consumer({ groupId: uniqueName(`step-6-reader-${name}`), maxWaitTimeInMs: 100 });
        onTestFinished(() => consumer.disconnect());
        await consumer.connect();
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        const received: (KafkaMessage & { partition: number })[] = [];
        await consumer.run({
          eachMessage: ({ partition, message }) => {
            received.push({ ...message, partition });
            return Promise.resolve();
          },
        });
        await vi.waitFor(
          () => {
            expect(received, `step 6: a new consumer group should read back the ${name} record sent`).not.toEqual([]);
          },
          { timeout: READ_TIMEOUT_MS, interval: 100 },
        );

        // What the topic holds, from its offsets (high watermark minus low, over its partitions).
        const offsets = await admin.fetchTopicOffsets(topic);
        const held = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
        expect(held, `step 6: ${name} should hold exactly the one record sent`).toBe(1);
        expect(received, `step 6: ${name}'s consumer should read exactly the one record sent`).toHaveLength(1);
        const [record] = received;
        expect(record?.partition, `step 6: ${name}'s record read back from the partition it was sent to`).toBe(
          sent?.partition,
        );
        expect(record?.offset, `step 6: ${name}'s record read back at the offset the broker acknowledged`).toBe(
          sent?.baseOffset,
        );
        expect(record?.key, `step 6: ${name}'s record key must be the order id`).toEqual(example.key);
        expect(
          headersAsText(record?.headers ?? {}),
          `step 6: ${name}'s record headers (type and content-type)`,
        ).toEqual(headers);
        expect(record?.value, `step 6: ${name}'s record value must be ${file} as compact JSON, byte for byte`).toEqual(
          example.value,
        );
        const consumed: unknown = JSON.parse(record?.value?.toString('utf8') ?? 'null');
        expect(consumed, `step 6: the event consumed from ${name} must equal ${file}`).toEqual(example.event);
        const validation = validateEvent(example.eventType, consumed);
        expect(
          validation.ok ? [] : formatValidationErrors(validation.errors),
          `step 6: the event consumed from ${name} must be a valid ${example.eventType}`,
        ).toEqual([]);
      },
    );

    it("keeps one order's events in order: every event keyed by the same order id lands in one partition, in the order it was sent", async ({
      kafka,
      ownTopics,
    }) => {
      const example = topicExample(catalogTopic('OrderReceived'));
      const [created] = await ownTopics.createFromCatalog('step-6-order', ['OrderReceived']);
      if (created === undefined) throw new Error('OrderReceived was not created');
      const topic = created.topic;
      // The same order received five times over, each a distinct event (its own id), sent one after another.
      const ids = Array.from({ length: 5 }, (_, n) => `00000000-0000-4000-8000-00000000000${n}`);
      for (const id of ids) {
        await producer.send({
          topic,
          acks: ACKS_ALL,
          messages: [
            {
              key: example.key,
              value: JSON.stringify({ ...example.event, id }),
              headers: { ...eventHeaders(example.eventType) },
            },
          ],
        });
      }

      const received = await readAllRecords(kafka, topic, { groupId: uniqueName('step-6-reader-order') });
      const receivedIds = received.map((r) => (JSON.parse(r.value?.toString('utf8') ?? 'null') as { id: string }).id);

      expect(
        [...new Set(received.map((r) => r.partition))],
        "step 6: the partitions one order's five events landed in (one order, one partition)",
      ).toHaveLength(1);
      expect(
        received
          .filter((r) => r.key === null || example.key === null || !r.key.equals(example.key))
          .map((r) => r.key?.toString('utf8') ?? null),
        'step 6: records whose key is not the order id',
      ).toEqual([]);
      expect(receivedIds, "step 6: one order's events read back in the order they were sent").toEqual(ids);
    });
  },
);
