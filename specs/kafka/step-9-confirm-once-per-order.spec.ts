/**
 * Step 9, beyond the milestone: the order service confirms orders. OrderConfirmed means "not a
 * duplicate, can be processed": each order gets exactly one, whatever arrives twice.
 *
 * ConfirmConsumer (support/lib/pipeline/confirm-consumer.ts) does each batch in one Kafka transaction:
 * the OrderConfirmed records, one record per confirmed order in the compacted ConfirmedOrders topic,
 * the error events of what it cannot process, and the group's offsets (`sendOffsets`). It remembers
 * the confirmed orders, and after every join it restores them from ConfirmedOrders. Readers of
 * OrderConfirmed read read_committed, kafkajs' default.
 *
 * Two things arrive twice in real life, and each test sends one of them:
 * - a double submit: the customer presses "order" twice; the storefront sends the same order id in
 *   a new OrderReceived event (a new event id);
 * - a redelivery: the same record read again (here: the group's offsets reset to the beginning).
 */
import type { Admin, Kafka } from 'kafkajs';
import { describe, expect } from 'vitest';
import {
  consumerLag,
  readAllRecords,
  totalLag,
  topicGone,
  type OutgoingRecord,
  errorEventOfRecord,
} from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import { ConfirmConsumer, orderConfirmedType, validateEvent, type ConfirmTopics } from '@kafka-event-spec/events';
import { uniqueName } from '#support/run/index.js';
import { createConfirmTopics } from '#support/topics/index.js';

interface Duplicate {
  readonly orderId: string;
  readonly kind: string;
  readonly confirmedBy: string;
}

describe('step 9: one OrderConfirmed per order', { timeout: 90_000 }, () => {
  /** Runs a ConfirmConsumer of `groupId` until the group has committed every OrderReceived record, then stops it. */
  async function confirmAll(
    { kafka, admin }: { kafka: Kafka; admin: Admin },
    topics: ConfirmTopics,
    groupId: string,
  ): Promise<Duplicate[]> {
    const duplicates: Duplicate[] = [];
    const consumer = new ConfirmConsumer({
      kafka,
      groupId,
      topics, // OrderReceived in; OrderConfirmed, ConfirmedOrders (the state) and DeadLetterQueue out
      fromBeginning: true,
      consumerConfig: { maxWaitTimeInMs: 100 },
      listeners: {
        onDuplicate: ({ orderId, kind, confirmedBy }) => duplicates.push({ orderId, kind, confirmedBy }),
      },
    });
    await consumer.start();
    try {
      await expect
        .poll(async () => totalLag(await consumerLag(admin, groupId, topics.orderReceived)), {
          timeout: 30_000,
          message: `step 9: group ${groupId} should have committed every record of ${topics.orderReceived} (lag 0), in its transactions`,
        })
        .toBe(0n);
    } finally {
      await consumer.stop();
    }
    return duplicates;
  }

  /** The OrderConfirmed records, read read_committed: order id -> the OrderReceived event ids confirmed. */
  async function confirmationsByOrder(kafka: Kafka, topics: ConfirmTopics): Promise<Map<string, string[]>> {
    const records = await readAllRecords(kafka, topics.orderConfirmed, { groupId: uniqueName('step-9-reader') });
    const byOrder = new Map<string, string[]>();
    for (const record of records) {
      const validation = validateEvent(orderConfirmedType, JSON.parse(record.value?.toString('utf8') ?? 'null'));
      expect(
        validation.ok,
        `step 9: ${topics.orderConfirmed}/${record.partition}/${record.offset} is an OrderConfirmed`,
      ).toBe(true);
      if (!validation.ok) continue;
      const { orderId, receivedEventId } = validation.event.data;
      expect(record.key?.toString('utf8'), `step 9: the key of ${orderId}'s OrderConfirmed`).toBe(orderId);
      byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), receivedEventId]);
    }
    return byOrder;
  }

  it('an order submitted twice (a new event, the same order id) gets one OrderConfirmed, linked to the first', async ({
    kafka,
    admin,
    ownTopics,
    deadLetterBench,
  }) => {
    const topics = await createConfirmTopics(ownTopics, 'step-9-double-submit');
    const first = deadLetterBench.validOrder('7f3c9a52-1d4e-4b8a-9c61-2e5f8d0a4b17');
    const other = deadLetterBench.validOrder('0d3b6e4a-2c1f-4e8b-9a7d-5f6c8b1e2a90');
    const again = deadLetterBench.validOrder('7f3c9a52-1d4e-4b8a-9c61-2e5f8d0a4b17');
    await deadLetterBench.write(topics.orderReceived, [first, other, again]);

    const duplicates = await confirmAll({ kafka, admin }, topics, uniqueName('step-9-double-submit'));

    expect(Object.fromEntries(await confirmationsByOrder(kafka, topics)), 'step 9: OrderConfirmed by order id').toEqual(
      {
        [String(first.key)]: [first.id],
        [String(other.key)]: [other.id],
      },
    );
    expect(duplicates, 'step 9: what the consumer skipped').toEqual([
      { orderId: String(first.key), kind: 'double submit', confirmedBy: first.id },
    ]);
  });

  it('a record read again (the group reset to the beginning) gets no second OrderConfirmed: ConfirmedOrders remembers', async ({
    kafka,
    admin,
    ownTopics,
    deadLetterBench,
  }) => {
    const topics = await createConfirmTopics(ownTopics, 'step-9-redelivery');
    const orders = [deadLetterBench.validOrder(crypto.randomUUID()), deadLetterBench.validOrder(crypto.randomUUID())];
    await deadLetterBench.write(topics.orderReceived, orders);
    const groupId = uniqueName('step-9-redelivery');
    expect(await confirmAll({ kafka, admin }, topics, groupId), 'step 9: duplicates on the first read').toEqual([]);

    // Every record delivered again: what a crash before a commit, or an operator's reset, does.
    await admin.resetOffsets({ groupId, topic: topics.orderReceived, earliest: true });
    const duplicates = await confirmAll({ kafka, admin }, topics, groupId);

    expect(
      duplicates.map(({ orderId, kind }) => ({ orderId, kind })).sort((a, b) => a.orderId.localeCompare(b.orderId)),
      'step 9: on the second read, every order is known from ConfirmedOrders',
    ).toEqual(
      orders
        .map(({ key }) => ({ orderId: String(key), kind: 'redelivery' }))
        .sort((a, b) => a.orderId.localeCompare(b.orderId)),
    );
    const byOrder = await confirmationsByOrder(kafka, topics);
    expect(
      orders.map(({ key }) => byOrder.get(String(key))?.length),
      'step 9: OrderConfirmed records per order after both reads',
    ).toEqual([1, 1]);
  });

  it('a record it cannot process goes to DeadLetterQueue in the same transaction; the orders around it are confirmed', async ({
    kafka,
    admin,
    ownTopics,
    deadLetterBench,
  }) => {
    const topics = await createConfirmTopics(ownTopics, 'step-9-poison');
    const before = deadLetterBench.validOrder(crypto.randomUUID());
    const poison: OutgoingRecord = { key: before.key, value: 'this is not JSON' };
    const after = deadLetterBench.validOrder(crypto.randomUUID());
    const [, written] = await deadLetterBench.write(topics.orderReceived, [before, poison, after]);

    await confirmAll({ kafka, admin }, topics, uniqueName('step-9-poison'));

    const errorRecords = await readAllRecords(kafka, topics.deadLetter, { groupId: uniqueName('step-9-errors') });
    expect(errorRecords, `step 9: error events in ${topics.deadLetter} (one, for the poison)`).toHaveLength(1);
    const [errorRecord] = errorRecords;
    const errorEvent = errorRecord === undefined ? undefined : errorEventOfRecord(topics.deadLetter, errorRecord);
    expect(errorEvent?.data.reason.code, 'step 9: the poison is dead-lettered as').toBe('NOT_JSON');
    expect(errorEvent?.data.record.offset, "step 9: the error event names the poison's offset").toBe(written?.offset);
    expect(Object.fromEntries(await confirmationsByOrder(kafka, topics)), 'step 9: OrderConfirmed by order id').toEqual(
      {
        [String(before.key)]: [before.id],
        [String(after.key)]: [after.id],
      },
    );
  });
  it('a transaction that keeps failing (its error topic is gone): tried again with a growing wait, then the consumer gives up; nothing committed past the record', async ({
    kafka,
    admin,
    ownTopics,
    deadLetterBench,
  }) => {
    const topics = await createConfirmTopics(ownTopics, 'step-9-gives-up');
    const groupId = uniqueName('step-9-gives-up');
    const failures: { attempt: number; retryInMs?: number }[] = [];
    let gaveUp: { attempts: number } | undefined;
    const committed: { deadLettered: number }[] = [];
    const consumer = new ConfirmConsumer({
      kafka,
      groupId,
      topics,
      fromBeginning: true,
      consumerConfig: { maxWaitTimeInMs: 100 },
      transactionRetry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1_000 },
      listeners: {
        onTransactionFailed: ({ attempt, retryInMs }) => failures.push({ attempt, retryInMs }),
        onGaveUp: ({ attempts }) => (gaveUp = { attempts }),
        onCommitted: ({ deadLettered }) => committed.push({ deadLettered }),
      },
    });
    await consumer.start();
    try {
      // What makes every transaction of the partition fail: the error topic is deleted, and a
      // record that must be dead-lettered comes.
      await admin.deleteTopics({ topics: [topics.deadLetter], timeout: 30_000 });
      await topicGone(admin, topics.deadLetter);
      await deadLetterBench.write(topics.orderReceived, [{ key: crypto.randomUUID(), value: 'this is not JSON' }]);
      await expect
        // Until it gives up, what it did instead: its failed and its committed transactions.
        .poll(() => gaveUp ?? { failures, committed }, {
          timeout: 60_000,
          message: 'step 9: the consumer should give up after 3 failed transactions',
        })
        .toEqual({ attempts: 3 });
    } finally {
      await consumer.stop();
    }

    expect(failures, 'step 9: each failed transaction, and the wait before the partition starts over').toEqual([
      { attempt: 1, retryInMs: 100 },
      { attempt: 2, retryInMs: 200 },
      { attempt: 3 },
    ]);
    expect(
      totalLag(await consumerLag(admin, groupId, topics.orderReceived)),
      `step 9: records of ${topics.orderReceived} that group ${groupId} has not committed (the poison, still the group's)`,
    ).toBe(1n);
  });
});
