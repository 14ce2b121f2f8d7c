/**
 * Step 9 in the cluster project (beyond the milestone): the confirm consumer's four topics,
 * replicated as a production cluster runs them, orders and their customers' second submits, poison
 * records, and which broker coordinates a transactional id, so that a spec can crash that broker.
 */
import { randomUUID } from 'node:crypto';
import type { Admin } from 'kafkajs';
import { eventHeaders, orderReceivedType, pollUntil, type ConfirmTopics } from '@kafka-event-spec/events';
import { readValidExample } from '../examples/index.js';
import type { PlacedMessage } from '../consumer-harness/send-placed.js';
import { placedByKey } from '../consumer-harness/send-placed.js';
import { retryRetriable } from '../consumer-harness/retry-retriable.js';
import { createTopics, prefixedTopic, type PrefixedTopic } from '../topics/catalog-topics.js';
import { CONFIRMED_ORDERS_TOPIC } from '../topics/confirm-topics.js';
import { inSyncReplicas, leaderOf, specName } from './fault-bench.js';

export interface Replication {
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
}

/**
 * OrderReceived, OrderConfirmed and DeadLetterQueue from the catalog and the compacted
 * ConfirmedOrders, under a fresh prefix, each with `replication`; returns once every replica is in
 * sync (a broker restarted by an earlier fault may still be catching up).
 */
export async function createReplicatedConfirmTopics(
  admin: Admin,
  what: string,
  replication: Replication,
): Promise<ConfirmTopics> {
  const prefix = `${specName(what)}.`;
  const replicated = (entry: PrefixedTopic): PrefixedTopic => ({
    ...entry,
    replicationFactor: replication.replicationFactor,
    configs: { ...entry.configs, 'min.insync.replicas': String(replication.minInsyncReplicas) },
  });
  const [orderReceived, orderConfirmed, deadLetter] = ['OrderReceived', 'OrderConfirmed', 'DeadLetterQueue'].map(
    (name) => replicated(prefixedTopic(prefix, name)),
  ) as [PrefixedTopic, PrefixedTopic, PrefixedTopic];
  const state = replicated({
    ...CONFIRMED_ORDERS_TOPIC,
    configs: { ...CONFIRMED_ORDERS_TOPIC.configs },
    topic: `${prefix}${CONFIRMED_ORDERS_TOPIC.name}`,
  });
  const all = [orderReceived, orderConfirmed, deadLetter, state];
  await createTopics(admin, all);
  for (const { topic } of all)
    await pollUntil(
      async () =>
        [...(await inSyncReplicas(admin, topic)).values()].every((isr) => isr.length === replication.replicationFactor)
          ? true
          : undefined,
      { timeoutMs: 60_000, describe: () => `all ${replication.replicationFactor} replicas of ${topic} to be in sync` },
    );
  return {
    orderReceived: orderReceived.topic,
    orderConfirmed: orderConfirmed.topic,
    confirmedOrders: state.topic,
    deadLetter: deadLetter.topic,
  };
}

const orderExample = readValidExample(orderReceivedType);

/** One submit of an order: a valid OrderReceived with an event id of its own, keyed by the order id. */
export interface OrderSubmit {
  readonly orderId: string;
  readonly eventId: string;
  readonly message: PlacedMessage;
}

/** A submit of `orderId` (a new order when not given), placed on the partition its key gives. */
export function orderSubmit(partitions: number, orderId: string = randomUUID()): OrderSubmit {
  const eventId = randomUUID();
  const event = { ...orderExample, id: eventId, subject: orderId, data: { ...orderExample.data, orderId } };
  const [message] = placedByKey(
    [{ key: orderId, value: JSON.stringify(event), headers: { ...eventHeaders(orderReceivedType) } }],
    partitions,
  );
  if (message === undefined) throw new Error('placedByKey returned no message');
  return { orderId, eventId, message };
}

/**
 * `perPartition` poison records on every partition, alternately not JSON and JSON that is no order
 * event; each value names `when`, so that the records can be told apart when read back.
 */
export function poisonRecords(partitions: number, perPartition: number, when: string): PlacedMessage[] {
  return Array.from({ length: partitions * perPartition }, (_, i) => ({
    key: `poison-${when}-${i}`,
    value:
      i % 2 === 0
        ? `{"not json": "${when} ${i}"`
        : JSON.stringify({ ...orderExample, id: randomUUID(), type: 'com.example.nothing' }),
    headers: { ...eventHeaders(orderReceivedType) },
    partition: i % partitions,
  }));
}

/** Java's String.hashCode, which Kafka hashes a transactional id with. */
function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

/**
 * The broker that coordinates `transactionalId`'s transactions: the leader of its partition of
 * __transaction_state, `abs(hashCode) % partitions` as Kafka's TransactionStateManager places it.
 * The topic exists once a transactional producer has registered.
 */
export async function transactionCoordinatorOf(admin: Admin, transactionalId: string): Promise<number> {
  const metadata = await retryRetriable(() => admin.fetchTopicMetadata({ topics: ['__transaction_state'] }));
  const count = metadata.topics[0]?.partitions.length ?? 0;
  if (count === 0) throw new Error('__transaction_state has no partitions yet (no transactional producer registered)');
  const hash = javaStringHash(transactionalId);
  const partition = (hash === -2147483648 ? 0 : Math.abs(hash)) % count;
  return leaderOf(admin, '__transaction_state', partition);
}
