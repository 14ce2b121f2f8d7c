/**
 * The confirm consumer's memory: which orders are confirmed, kept in a compacted topic (key = order id,
 * value = the id of the OrderReceived event that was confirmed), written in the same transaction as
 * the OrderConfirmed record and the input offsets. Compaction keeps the last value of each key, so
 * the topic stays one record per order however long it lives.
 *
 * Restoring reads it from the beginning to the end offsets it had when the read began, read_committed:
 * a confirmation whose transaction was aborted (a consumer killed between its send and its commit) is
 * not in it, one whose transaction committed is. kafkajs cannot assign partitions without a group, so
 * the read joins a group of its own, and deletes it afterwards: it leaves nothing on the cluster.
 */
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { withDeadline } from '../wait.js';

/** Order id -> the OrderReceived event id that confirmed it. */
export type ConfirmedOrders = Map<string, string>;

export interface RestoreOptions {
  readonly kafka: Kafka;
  /** The compacted state topic. */
  readonly topic: string;
  /** Names the restore's own short-lived group: `<groupPrefix>.restore.<random>`. */
  readonly groupPrefix: string;
  readonly timeoutMs: number;
}

/** Reads the state topic to its end offsets of now, read_committed. */
export async function restoreConfirmedOrders({
  kafka,
  topic,
  groupPrefix,
  timeoutMs,
}: RestoreOptions): Promise<ConfirmedOrders> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `${groupPrefix}.restore.${randomUUID().slice(0, 8)}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, readUncommitted: false });
  const orders: ConfirmedOrders = new Map();
  try {
    // The end of each partition now; records written after this belong to transactions of partitions
    // this consumer owns only once it has fenced their previous owners, which the caller does first.
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic))
        .filter(({ high, low }) => BigInt(high) > BigInt(low))
        .map(({ partition, high }) => [partition, BigInt(high)]),
    );
    if (ends.size === 0) return orders;
    let reachedAll: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => {
      reachedAll = resolve;
    });
    // END_BATCH_PROCESS also comes for a batch of control records alone (a transaction's marker),
    // whose offsets no message shows: the position is known from it, not from the messages.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const end = ends.get(payload.partition);
      if (end !== undefined && BigInt(payload.lastOffset) + 1n >= end) ends.delete(payload.partition);
      if (ends.size === 0) reachedAll();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          if (message.key === null) continue;
          const orderId = message.key.toString('utf8');
          if (message.value === null) orders.delete(orderId);
          else orders.set(orderId, message.value.toString('utf8'));
        }
        await Promise.resolve();
      },
    });
    await withDeadline(reached, timeoutMs, () => `restoring the confirmed orders from ${topic} to its end offsets`);
    return orders;
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
