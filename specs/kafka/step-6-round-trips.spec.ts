import { describe, expect } from 'vitest';
import type { Producer } from 'kafkajs';
import { readAllRecords, topicExample } from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import { formatValidationErrors, validateEvent } from '#support/lib/events/index.js';
import { ACKS_ALL, eventHeaders, headersAsText, idempotentProducerConfig } from '#support/lib/pipeline/index.js';
import { uniqueName } from '#support/run/index.js';
import { catalogTopic, loadTopicCatalog, type PrefixedTopic } from '#support/topics/index.js';

describe(
  'Step 6: a sample of each event is published to its topic and consumed back, unchanged',
  { timeout: 60_000 },
  () => {
    let producer: Producer;
    let topics: PrefixedTopic[] = [];

    const topicOf = (catalogName: string): string => {
      const topic = topics.find((t) => t.name === catalogName);
      if (topic === undefined) throw new Error(`${catalogName} was not created`);
      return topic.topic;
    };

    it.beforeAll(async ({ kafka, ownTopics }) => {
      topics = await ownTopics.createFromCatalog('step-6');
      // Idempotent, acks=all: a send resolves once the broker has the event, exactly once.
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
      async ([name, file, entry], { kafka }) => {
        const example = topicExample(entry);
        const topic = topicOf(example.catalog.name);
        const headers = eventHeaders(example.eventType);

        const [sent] = await producer.send({
          topic,
          acks: ACKS_ALL,
          messages: [{ key: example.key, value: example.value, headers: { ...headers } }],
        });
        const received = await readAllRecords(kafka, topic, uniqueName(`step-6-reader-${example.catalog.name}`));

        expect(received, `step 6: ${name} should hold exactly the one record sent`).toHaveLength(1);
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
      topics.push(created);
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

      const received = await readAllRecords(kafka, topic, uniqueName('step-6-reader-order'));
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
