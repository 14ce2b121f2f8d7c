import type { Kafka as KafkaClient } from 'kafkajs';
import { withDeadline } from '@kafka-event-spec/events';

const READ_BACK_TIMEOUT_MS = 60_000;

/**
 * A client's first use of a fresh broker: create a topic, send one record, read it back with a
 * consumer group from the beginning. Resolves with the value read; bounded by `timeoutMs`.
 */
export async function sendAndReadBack(
  kafka: KafkaClient,
  names: { topic: string; groupId: string },
  record: { key: string; value: string },
): Promise<string> {
  const timeoutMs = READ_BACK_TIMEOUT_MS;
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: names.groupId });
  try {
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: names.topic, numPartitions: 1, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    await producer.connect();
    await producer.send({ topic: names.topic, messages: [record] });
    await consumer.connect();
    await consumer.subscribe({ topics: [names.topic], fromBeginning: true });
    const read = new Promise<string>((resolve) => {
      void consumer.run({
        eachMessage: ({ message }) => {
          resolve(message.value?.toString('utf8') ?? '');
          return Promise.resolve();
        },
      });
    });
    return await withDeadline(read, timeoutMs, () => `a record to come back from ${names.topic}`);
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
