/**
 * The harness's sends to several partitions at once, trusted only as far as their acknowledgements
 * go (tulios/kafkajs#1303, support/lib/pipeline/acknowledged-partitions.ts): each record names its
 * partition, and a partition the send did not acknowledge fails the send instead of leaving a bench
 * or a spec short of records it believes were written.
 */
import type { Kafka, Message } from 'kafkajs';
import { keyPartition, type PlacedMessage } from '@kafka-event-spec/events';
import { describeTopic } from '../topics/topic-description.js';

// The send itself, sendPlaced, ships (support/lib/pipeline/acknowledged-partitions.ts); the harness adds placing by key.
export { sendPlaced, type PlacedMessage } from '@kafka-event-spec/events';

/**
 * Each message with the partition kafkajs's default partitioner (Java's murmur2) gives its key; one
 * without a key, the next partition in turn.
 */
export function placedByKey(messages: readonly Message[], partitionCount: number): PlacedMessage[] {
  let next = 0;
  return messages.map((message) => {
    const key = message.key === undefined || message.key === null ? undefined : Buffer.from(message.key);
    const partition = key === undefined ? next++ % partitionCount : keyPartition(key, partitionCount);
    return { ...message, partition };
  });
}

/** The partition count of `topic`, from the cluster's metadata. */
export async function topicPartitionCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await describeTopic(admin, topic)).partitions.length;
  } finally {
    await admin.disconnect();
  }
}
