import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { validateEvent } from '../../support/events/index.js';
import { kafkaClient } from '../../support/kafka-client.js';
import { eventHeaders, headersAsText } from '../../support/pipeline/event-headers.js';
import { ACKS_ALL, idempotentProducerConfig } from '../../support/pipeline/producer-settings.js';
import { readAllRecords } from '../../support/pipeline/read-topic.js';
import { topicExample, topicExamples, type TopicExample } from '../../support/pipeline/topic-examples.js';
import { createCatalogTopics, deleteTopics, type PrefixedTopic } from '../../support/topics/catalog-topics.js';
import { catalogTopic } from '../../support/topics/topic-catalog.js';
import { uniqueName } from '../../support/unique-name.js';

describe('Step 6: a sample of each event is published to its topic and consumed back, unchanged', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let topics: PrefixedTopic[] = [];

  const topicOf = (catalogName: string): string => {
    const topic = topics.find((t) => t.name === catalogName);
    if (topic === undefined) throw new Error(`${catalogName} was not created`);
    return topic.topic;
  };

  beforeAll(async () => {
    kafka = kafkaClient('step-6-round-trips');
    admin = kafka.admin();
    await admin.connect();
    topics = await createCatalogTopics(admin, `${uniqueName('step-6')}.`);
    // Idempotent, acks=all: a send resolves once the broker has the event, exactly once.
    producer = kafka.producer(idempotentProducerConfig());
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await deleteTopics(admin, topics.map((t) => t.topic));
    await admin.disconnect();
  });

  const cases = topicExamples().map((example) => [example.catalog.name, `examples/${example.catalog.event}.json`, example] as const);

  it.each(cases)(
    '%s: %s, keyed by its order id, comes back from a fresh consumer group with the same key, headers and value',
    async (_topic: string, _file: string, example: TopicExample) => {
      const topic = topicOf(example.catalog.name);
      const headers = eventHeaders(example.eventType);

      const [sent] = await producer.send({
        topic,
        acks: ACKS_ALL,
        messages: [{ key: example.key, value: example.value, headers: { ...headers } }],
      });
      const received = await readAllRecords(kafka, topic, uniqueName(`step-6-reader-${example.catalog.name}`));

      expect(received).toHaveLength(1);
      const [record] = received;
      expect(record?.partition).toBe(sent?.partition);
      expect(record?.offset).toBe(sent?.baseOffset);
      expect(record?.key).toEqual(example.key);
      expect(headersAsText(record?.headers ?? {})).toEqual(headers);
      expect(record?.value).toEqual(example.value);
      const consumed: unknown = JSON.parse(record?.value?.toString('utf8') ?? 'null');
      expect(consumed).toEqual(example.event);
      const validation = validateEvent(example.eventType, consumed);
      expect(validation.ok, JSON.stringify(validation)).toBe(true);
    },
  );

  it("keeps one order's events in order: every event keyed by the same order id lands in one partition, in the order it was sent", async () => {
    const example = topicExample(catalogTopic('OrderReceived'));
    const [created] = await createCatalogTopics(admin, `${uniqueName('step-6-order')}.`, ['OrderReceived']);
    if (created === undefined) throw new Error('OrderReceived was not created');
    topics.push(created);
    const topic = created.topic;
    // The same order received five times over, each a distinct event (its own id), sent one after another.
    const ids = Array.from({ length: 5 }, (_, n) => `00000000-0000-4000-8000-00000000000${n}`);
    for (const id of ids) {
      await producer.send({
        topic,
        acks: ACKS_ALL,
        messages: [{ key: example.key, value: JSON.stringify({ ...example.event, id }), headers: { ...eventHeaders(example.eventType) } }],
      });
    }

    const received = await readAllRecords(kafka, topic, uniqueName('step-6-reader-order'));
    const receivedIds = received.map((r) => (JSON.parse(r.value?.toString('utf8') ?? 'null') as { id: string }).id);

    expect(new Set(received.map((r) => r.partition)).size).toBe(1);
    expect(received.every((r) => r.key !== null && example.key !== null && r.key.equals(example.key))).toBe(true);
    expect(receivedIds).toEqual(ids);
  });
});
