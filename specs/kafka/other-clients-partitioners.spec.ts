/**
 * Other clients: the partition of a keyed record is chosen by the producing client, not by the
 * broker. Kafka's Java producer and kafkajs's DefaultPartitioner take it from murmur2 of the key;
 * kcat (librdkafka) by default uses `consistent_random`, CRC32 of the key, and agrees with them only
 * with `-X partitioner=murmur2_random`. So one order's events, keyed by its order id, stay in one
 * partition, in order, only while every producer of the topic uses the same partitioner: mixing
 * kcat's default with Java or kafkajs splits an order across partitions, and its events lose their
 * order. Each client here sends the five examples (one order, one key) to a 3-partition topic of its
 * own, and the test reads which partition got them.
 */
import { crc32 } from 'node:zlib';
import kafkajs from 'kafkajs';
import type { Admin } from 'kafkajs';
import { describe, expect, type TestContext } from 'vitest';
import { it } from '#support/fixtures/index.js';
import {
  type ClientRun,
  consoleProducerFor,
  kcatFor,
  type LineProducer,
  type LineProducerOrWhyNot,
} from '#support/kafka-tools/index.js';
import { eventTypes, orderReceivedType } from '@kafka-event-spec/events';
import { readValidExample } from '#support/examples/index.js';
import type { OwnedTopics } from '#support/topics/index.js';

const { Partitioners } = kafkajs;

const TOPIC = 'OrderReceived'; // the catalog's 3-partition layout, under a prefix of each test's own
const PARTITIONS = 3;
const CLIENT_TIMEOUT_MS = 180_000;

// One order's story: the five examples, each keyed by the order id (error.json by its failed record's key, the same id).
const orderId = readValidExample(orderReceivedType).data.orderId;
const values = eventTypes.map((type) => JSON.stringify(readValidExample(type)));
const lines = values.map((value) => `${orderId}|${value}`);

// Where each partitioner puts that key, computed the way each documents it.
const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({
  partitionId,
  leader: 0,
  partitionErrorCode: 0,
  replicas: [0],
  isr: [0],
}));
/** murmur2 of the key, as Java's producer and kafkajs's DefaultPartitioner compute it. */
const murmur2Partition = Partitioners.DefaultPartitioner()({
  topic: TOPIC,
  partitionMetadata,
  message: { key: orderId, value: null },
});
/** librdkafka's consistent_random: CRC32 of the key, modulo the partition count. */
const crc32Partition = crc32(orderId) % PARTITIONS;

/** How many of this test's records each partition of `topic` holds (its end offset on a fresh topic). */
async function recordsPerPartition(admin: Admin, topic: string): Promise<Record<number, number>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return Object.fromEntries(offsets.map((o) => [o.partition, Number(o.high) - Number(o.low)]));
}

/** Every one of the order's events on `partition` and none elsewhere, or a message naming the client and what it did. */
async function expectOrderOnPartition(
  admin: Admin,
  topic: string,
  expectation: { partition: number; client: string; why: string },
): Promise<void> {
  const { partition, client, why } = expectation;
  const expected = Object.fromEntries(
    Array.from({ length: PARTITIONS }, (_, p) => [p, p === partition ? values.length : 0]),
  );
  await expect
    .poll(() => recordsPerPartition(admin, topic), {
      timeout: 15_000,
      interval: 250,
      message: `other clients: ${client} should put all ${values.length} events of order ${orderId} on partition ${partition} of ${PARTITIONS} (${why}); records per partition`,
    })
    .toEqual(expected);
}

/** A fresh 3-partition topic of the test's own, deleted after the file. */
async function ownTopic(ownTopics: OwnedTopics, what: string): Promise<string> {
  const [topic] = await ownTopics.createFromCatalog(what, [TOPIC]);
  if (topic === undefined) throw new Error(`the topic catalog has no ${TOPIC}`);
  expect(topic.partitions, `other clients: the catalog's ${TOPIC} partitions`).toBe(PARTITIONS);
  return topic.topic;
}

/** The producer, or the test is skipped with why it cannot run here: a skip, never a pass. */
function needProducer(found: LineProducerOrWhyNot, { skip }: Pick<TestContext, 'skip'>): LineProducer {
  if (!found.available) return skip(`not run here: ${found.reason}`);
  return found.producer;
}

function expectExited0(run: ClientRun, client: string): void {
  expect(run.exitCode, `other clients: \`${run.command}\` (${client}) exited; it printed:\n${run.output.trim()}`).toBe(
    0,
  );
}

describe(`Other clients: order ${orderId}'s ${values.length} events, keyed by its order id, on a topic of ${PARTITIONS} partitions`, () => {
  let kcat: LineProducerOrWhyNot | undefined;
  let consoleProducer: LineProducerOrWhyNot | undefined;

  it.beforeAll(async ({ broker }) => {
    [kcat, consoleProducer] = await Promise.all([kcatFor(broker), consoleProducerFor(broker)]);
  }, CLIENT_TIMEOUT_MS);

  it.afterAll(() => {
    for (const found of [kcat, consoleProducer]) if (found?.available === true) found.producer.close();
  });

  it('the two partitioners disagree on this key: murmur2 (Java, kafkajs) and CRC32 (kcat by default)', () => {
    expect(
      { murmur2: murmur2Partition, crc32: crc32Partition },
      `other clients: the partitions of key ${orderId} on ${PARTITIONS} partitions, as each formula gives them`,
    ).toEqual({ murmur2: 0, crc32: 2 });
  });

  it(
    "kafkajs's DefaultPartitioner (murmur2, Java-compatible) puts them all on partition 0",
    async ({ admin, kafka, ownTopics }) => {
      const topic = await ownTopic(ownTopics, 'other-clients-kafkajs');
      const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      try {
        await producer.send({ topic, messages: values.map((value) => ({ key: orderId, value })) });
      } finally {
        await producer.disconnect();
      }
      await expectOrderOnPartition(admin, topic, {
        partition: murmur2Partition,
        client: 'kafkajs',
        why: 'murmur2 of the key',
      });
    },
    CLIENT_TIMEOUT_MS,
  );

  it(
    "Kafka's console producer (Java's default partitioner, murmur2) puts them on the same partition as kafkajs",
    async ({ admin, ownTopics, skip }) => {
      const producer = needProducer(consoleProducer ?? { available: false, reason: 'not set up' }, { skip });
      const topic = await ownTopic(ownTopics, 'other-clients-console');
      const run = await producer.produce(topic, lines);
      expectExited0(run, producer.description);
      await expectOrderOnPartition(admin, topic, {
        partition: murmur2Partition,
        client: producer.description,
        why: 'murmur2 of the key',
      });
    },
    CLIENT_TIMEOUT_MS,
  );

  it(
    'kcat -X partitioner=murmur2_random puts them on the same partition as Java and kafkajs',
    async ({ admin, ownTopics, skip }) => {
      const producer = needProducer(kcat ?? { available: false, reason: 'not set up' }, { skip });
      const topic = await ownTopic(ownTopics, 'other-clients-kcat-murmur2');
      const run = await producer.produce(topic, lines, ['-X', 'partitioner=murmur2_random']);
      expectExited0(run, producer.description);
      await expectOrderOnPartition(admin, topic, {
        partition: murmur2Partition,
        client: `${producer.description} with -X partitioner=murmur2_random`,
        why: 'murmur2 of the key, as Java',
      });
    },
    CLIENT_TIMEOUT_MS,
  );

  it(
    "kcat's default partitioner (consistent_random, CRC32) puts them on partition 2: mixed with Java or kafkajs, the order is split",
    async ({ admin, ownTopics, skip }) => {
      const producer = needProducer(kcat ?? { available: false, reason: 'not set up' }, { skip });
      const topic = await ownTopic(ownTopics, 'other-clients-kcat-default');
      const run = await producer.produce(topic, lines);
      expectExited0(run, producer.description);
      await expectOrderOnPartition(admin, topic, {
        partition: crc32Partition,
        client: `${producer.description} with its default partitioner`,
        why: `CRC32 of the key, not murmur2's partition ${murmur2Partition}`,
      });
    },
    CLIENT_TIMEOUT_MS,
  );
});
