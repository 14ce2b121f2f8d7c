/**
 * Step 9, beyond the milestone: exactly one OrderConfirmed per order when the confirm consumer's
 * process is killed at the worst moments: between a transaction's sends and its commit, and right
 * after the commit, before the consumer goes on.
 *
 * The consumer runs as a process of its own (support/consumer-harness/confirm-consumer-child.ts).
 * It freezes at that moment of its third transaction (its main thread blocked: nothing runs any
 * more), and the spec SIGKILLs it there. More orders arrive, among them customers' second submits
 * of orders confirmed before the kill, and poison records. A second process takes over the group.
 *
 * What makes it hold:
 * - Killed before the commit: the transaction never commits (its records are in the log, aborted,
 *   as a read_uncommitted reader shows), and the group's offsets were in it, so the new process
 *   reads the batch again and writes its records once more, committed.
 * - Killed after the commit: the offsets committed with the records, so the new process starts
 *   after the batch: nothing is read twice, no poison dead-lettered twice.
 * - Either way, the orders confirmed before the kill are known again from ConfirmedOrders, restored
 *   after the new process joins: their second submits are skipped.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, onTestFinished } from 'vitest';
import {
  consumerLag,
  errorEventOfRecord,
  readAllRecords,
  startConfirmChild,
  totalLag,
  type OutgoingRecord,
} from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import { orderConfirmedType, validateEvent } from '@kafka-event-spec/events';
import { uniqueName } from '#support/run/index.js';
import { createConfirmTopics } from '#support/topics/index.js';

const ORDERS_BEFORE_KILL = 600;
const ORDERS_AFTER_KILL = 400;
// Second submits of orders from before the kill: some come before it, some after (>= 5% in all).
const RESUBMITS_BEFORE_KILL = 30;
const RESUBMITS_AFTER_KILL = 30;
// On every partition before the kill (so the killed transaction holds some) and after it.
const POISON_PER_PARTITION = 2;
const PARTITIONS = 3;

const KILLS = [
  { moment: 'between its sends and its commit', freeze: 'sent:3', aborted: true },
  { moment: 'right after its commit, before it goes on', freeze: 'committed:3', aborted: false },
] as const;

describe.each(KILLS)('step 9: the confirm consumer SIGKILLed $moment', ({ moment, freeze, aborted }) => {
  it(
    'every order is confirmed exactly once, read read_committed, and every poison dead-lettered once',
    { timeout: 180_000 },
    async ({ broker, kafka, admin, ownTopics, deadLetterBench }) => {
      const topics = await createConfirmTopics(ownTopics, 'step-9-killed');
      const groupId = uniqueName('step-9-killed');
      const ordersBefore = Array.from({ length: ORDERS_BEFORE_KILL }, () => deadLetterBench.validOrder(randomUUID()));
      const resubmit = (n: number, from: number) =>
        Array.from({ length: n }, (_, i) =>
          deadLetterBench.validOrder(String(ordersBefore[(from + i * 7) % ORDERS_BEFORE_KILL]?.key)),
        );
      const poison = (when: string) =>
        Array.from({ length: POISON_PER_PARTITION * PARTITIONS }, (_, i): OutgoingRecord => ({
          key: `poison-${when}-${i}`,
          value: `not JSON (${when} ${i})`,
          partition: i % PARTITIONS,
        }));
      await deadLetterBench.write(topics.orderReceived, [
        ...ordersBefore,
        ...resubmit(RESUBMITS_BEFORE_KILL, 0),
        ...poison('before'),
      ]);

      // The first process: frozen at that moment of its third transaction, then killed for real.
      const killed = startConfirmChild({ broker, groupId, topics, freeze });
      onTestFinished(() => killed.stop('SIGKILL', 0));
      const frozen = `frozen after ${freeze.replace(':', ' ')}`;
      await killed.waitFor(`step 9: the confirm consumer ${frozen}`, (out) => out.includes(frozen), 60_000);
      await killed.stop('SIGKILL', 0);
      expect(killed.exitCode, 'step 9: the first consumer process ended by SIGKILL (no exit status)').toBeNull();

      const ordersAfter = Array.from({ length: ORDERS_AFTER_KILL }, () => deadLetterBench.validOrder(randomUUID()));
      await deadLetterBench.write(topics.orderReceived, [
        ...ordersAfter,
        ...resubmit(RESUBMITS_AFTER_KILL, 3),
        ...poison('after'),
      ]);

      // The second process takes over the group and its partitions, and reads to the end.
      const next = startConfirmChild({ broker, groupId, topics });
      onTestFinished(() => next.stop('SIGKILL', 0));
      await expect
        .poll(async () => totalLag(await consumerLag(admin, groupId, topics.orderReceived)), {
          timeout: 90_000,
          interval: 500,
          message: `step 9: group ${groupId} should have committed every record of ${topics.orderReceived} after the restart; the new process printed:\n${next.output}`,
        })
        .toBe(0n);
      await next.stop('SIGTERM', 20_000);

      // OrderConfirmed as its readers see it: read_committed.
      const committed = await readAllRecords(kafka, topics.orderConfirmed, { groupId: uniqueName('step-9-committed') });
      const byOrder = new Map<string, string[]>();
      for (const record of committed) {
        const validation = validateEvent(orderConfirmedType, JSON.parse(record.value?.toString('utf8') ?? 'null'));
        if (!validation.ok)
          throw new Error(
            `step 9: ${topics.orderConfirmed}/${record.partition}/${record.offset} is not an OrderConfirmed`,
          );
        const { orderId, receivedEventId } = validation.event.data;
        byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), receivedEventId]);
      }
      const everyOrder = [...ordersBefore, ...ordersAfter];
      const confirmedTwice = [...byOrder]
        .filter(([, ids]) => ids.length > 1)
        .map(([orderId, ids]) => `${orderId} (${ids.length} times)`);
      expect(
        confirmedTwice,
        `step 9: orders confirmed more than once (${confirmedTwice.length}; the first: ${confirmedTwice.slice(0, 3).join(', ')})`,
      ).toEqual([]);
      // A record whose transaction committed is never read again: its offsets committed with it. (Were
      // they committed after it, the new process would read the batch again; ConfirmedOrders would still
      // keep those orders from a second OrderConfirmed, and this names them.)
      const readAgain = [...next.output.matchAll(/^duplicate redelivery (\S+)$/gm)].map((m) => m[1]);
      expect(
        readAgain,
        `step 9: orders read again by the new process although their transaction had committed (${readAgain.length}; the first: ${readAgain.slice(0, 3).join(', ')})`,
      ).toEqual([]);
      const notConfirmed = everyOrder.map((o) => String(o.key)).filter((orderId) => !byOrder.has(orderId));
      expect(notConfirmed, 'step 9: orders never confirmed').toEqual([]);
      const notTheFirstSubmit = everyOrder
        .filter((o) => byOrder.get(String(o.key))?.[0] !== o.id)
        .map((o) => String(o.key));
      expect(
        notTheFirstSubmit,
        "step 9: orders whose confirmation is not linked to the order's first OrderReceived",
      ).toEqual([]);

      // A read_uncommitted reader also sees what an aborted transaction wrote.
      const uncommitted = await readAllRecords(kafka, topics.orderConfirmed, {
        groupId: uniqueName('step-9-uncommitted'),
        isolation: 'read_uncommitted',
      });
      const abortedRecords = uncommitted.length - committed.length;
      if (aborted)
        expect(
          abortedRecords,
          `step 9: OrderConfirmed records of the killed transaction (read_uncommitted only)`,
        ).toBeGreaterThan(0);
      else expect(abortedRecords, 'step 9: aborted OrderConfirmed records when the kill came after the commit').toBe(0);

      const errorEvents = (
        await readAllRecords(kafka, topics.deadLetter, { groupId: uniqueName('step-9-errors') })
      ).map((record) => errorEventOfRecord(topics.deadLetter, record));
      const deadLettered = errorEvents
        .map((event) => `${event.data.record.partition}/${event.data.record.offset}`)
        .sort();
      const twice = deadLettered.filter((at, i) => deadLettered.indexOf(at) !== i);
      expect(
        twice,
        `step 9: poison records dead-lettered more than once (${twice.length}; at ${topics.orderReceived} partition/offset ${twice.slice(0, 3).join(', ')})`,
      ).toEqual([]);
      expect(deadLettered.length, 'step 9: error events, one per poison record').toBe(
        2 * POISON_PER_PARTITION * PARTITIONS,
      );

      const resubmits = RESUBMITS_BEFORE_KILL + RESUBMITS_AFTER_KILL;
      console.log(
        `step 9: ${everyOrder.length} orders, ${resubmits} second submits (${((100 * resubmits) / (everyOrder.length + resubmits)).toFixed(1)}% of the orders received), ${deadLettered.length} poison; consumer SIGKILLed ${moment}: ${byOrder.size} orders confirmed once, ${committed.length} OrderConfirmed read_committed, ${abortedRecords} more read_uncommitted (aborted), ${errorEvents.length} error events`,
      );
    },
  );
});
