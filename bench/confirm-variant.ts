/**
 * ConfirmConsumer in the consumer bench: step 9's exactly-once path, beside EventConsumer's
 * at-least-once one. Each round reads a fresh OrderReceived topic with a fresh group, into fresh
 * OrderConfirmed, ConfirmedOrders and DeadLetterQueue topics: a second read with another group would
 * restore the first's state and confirm nothing.
 *
 * What the transaction costs over EventConsumer with a no-op handler, which writes nothing for a
 * valid record and commits the batch's offsets with one OffsetCommit:
 * - per record, two writes: the OrderConfirmed record (the order's customer, address and items, its
 *   own JSON built and validated) and the state record (order id -> OrderReceived event id);
 * - per partition batch, one transaction, its requests one after the other: AddPartitionsToTxn and a
 *   Produce (acks=all) for OrderConfirmed, the same for ConfirmedOrders, AddOffsetsToTxn,
 *   TxnOffsetCommit to the group coordinator, EndTxn; then the broker writes a commit marker into
 *   every partition the transaction touched (up to 3 + 3 + the group's __consumer_offsets partition).
 *
 * Timed from the group join to the EndTxn response of the transaction that holds the last offset:
 * from then on that transaction is committed, its OrderConfirmed records and the group's offsets
 * with it (the broker writes the markers that show them to read_committed readers right after).
 * A row counts OrderReceived records read and committed; with every order distinct each is one
 * confirmed order. The read fails unless exactly the expected orders were confirmed.
 */
import type { Admin, Kafka } from 'kafkajs';
import { ConfirmConsumer, type ConfirmTopics } from '@kafka-event-spec/events';
import { createCatalogTopics, createTopics } from '../support/topics/catalog-topics.js';
import { confirmedOrdersTopic } from '../support/topics/confirm-topics.js';
import { consumerConfig, Stopwatch, type Measured } from './consumer-variants.js';

/** One timed confirm run: `expected` OrderReceived records in a fresh `topics.orderReceived`, a fresh group. */
export interface ConfirmRead {
  readonly kafka: Kafka;
  readonly topics: ConfirmTopics;
  readonly expected: number;
  /** How many distinct orders those records hold: exactly that many must be confirmed. */
  readonly orders: number;
  readonly groupId: string;
}

/** The four topics of a confirm run under `prefix`: three from the catalog, the state topic as step 9 creates it. */
export async function createBenchConfirmTopics(admin: Admin, prefix: string): Promise<ConfirmTopics> {
  const [orderReceived, orderConfirmed, deadLetter] = await createCatalogTopics(admin, prefix, [
    'OrderReceived',
    'OrderConfirmed',
    'DeadLetterQueue',
  ]);
  const state = confirmedOrdersTopic(prefix);
  await createTopics(admin, [state]);
  if (orderReceived === undefined || orderConfirmed === undefined || deadLetter === undefined)
    throw new Error(`createCatalogTopics under ${prefix} returned fewer than three topics`);
  return {
    orderReceived: orderReceived.topic,
    orderConfirmed: orderConfirmed.topic,
    confirmedOrders: state.topic,
    deadLetter: deadLetter.topic,
  };
}

export async function confirmConsumer({ kafka, topics, expected, orders, groupId }: ConfirmRead): Promise<Measured> {
  const watch = new Stopwatch(expected);
  const totals = { transactions: 0, confirmed: 0, duplicates: 0, deadLettered: 0 };
  const consumer = new ConfirmConsumer({
    kafka,
    groupId,
    topics,
    fromBeginning: true,
    consumerConfig,
    listeners: {
      // The restore starts at the group join and reports how long fencing and restoring took.
      onRestored: ({ ms }) => {
        watch.joined(Date.now() - ms);
      },
      onCommitted: ({ confirmed, duplicates, deadLettered }) => {
        totals.transactions++;
        totals.confirmed += confirmed;
        totals.duplicates += duplicates;
        totals.deadLettered += deadLettered;
        watch.add(confirmed + duplicates + deadLettered);
      },
    },
  });
  await consumer.start();
  try {
    const measured = await watch.result('ConfirmConsumer');
    if (totals.confirmed !== orders || totals.deadLettered !== 0)
      throw new Error(
        `ConfirmConsumer confirmed ${totals.confirmed} orders of ${orders} (${totals.duplicates} duplicates, ${totals.deadLettered} dead-lettered) from ${expected} records`,
      );
    return { ...measured, transactions: totals.transactions, confirmed: totals.confirmed };
  } finally {
    await consumer.stop();
  }
}
