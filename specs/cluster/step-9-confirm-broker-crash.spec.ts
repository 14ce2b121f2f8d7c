/**
 * Step 9, beyond the milestone, in the cluster project: a broker crashes (SIGKILL) under the confirm
 * consumer, mid-stream, and is started again; every order still gets exactly one OrderConfirmed, read
 * read_committed, every poison record exactly one error event, and nothing is lost.
 *
 * Three brokers, every topic at replication factor 3 with min.insync.replicas=2 (ConfirmedOrders
 * compacted), the cluster's transaction log at 3 replicas (kraft-cluster-config.ts). The broker
 * killed is the transaction coordinator of one of the consumer's transactional ids, the one with the
 * most other roles (leader of OrderReceived or OrderConfirmed partitions, the group coordinator),
 * killed between a transaction's sends and its commit. That transaction either fails (the consumer
 * then prepares the partition again: a new producer, which settles the old transaction, the state
 * restored, the partition read from the committed offset) or commits through the new coordinator
 * once kafkajs finds it; both were seen. While it is down more orders arrive, among them second submits of orders whose
 * confirmation committed before the kill: they straddle the crash, so only ConfirmedOrders, restored
 * after it, keeps them from a second OrderConfirmed.
 *
 * A second instance of the service joins while the broker is down, so that the rebalance and both
 * instances' restores happen with a broker missing, and every second submit written after the kill
 * meets a consumer that knows the order only from ConfirmedOrders.
 *
 * ConfirmConsumer runs in this process, not as a child: the fault is the broker, not the consumer,
 * and its listeners give the moment to kill (between a transaction's sends and its commit) and show
 * each failed transaction and each restore (step-9-consumer-killed.spec.ts kills the consumer's process).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import {
  createReplicatedConfirmTopics,
  expectBrokerGone,
  faultLine,
  leaderOf,
  orderSubmit,
  poisonRecords,
  say,
  seconds,
  specName,
  transactionCoordinatorOf,
  waitForCatchUp,
  type OrderSubmit,
} from '#support/cluster/index.js';
import {
  consumerLag,
  errorEventOfRecord,
  readAllRecords,
  sendPlaced,
  totalLag,
  type PlacedMessage,
} from '#support/consumer-harness/index.js';
import { clusterTest } from '#support/fixtures/index.js';
import {
  ConfirmConsumer,
  idempotentProducerConfig,
  orderConfirmedType,
  validateEvent,
  type ConfirmTopics,
} from '@kafka-event-spec/events';
import type { Admin, Kafka } from 'kafkajs';

const REPLICATED = { replicationFactor: 3, minInsyncReplicas: 2 };
const PARTITIONS = 3;
const ORDERS_BEFORE_KILL = 600;
const ORDERS_DURING_OUTAGE = 400;
// Second submits (the same order id, a new event id), 70 of 1,070 orders received (6.5%): some of
// orders written before the kill, and, written while the broker is down, some of orders whose
// confirmation had committed before it.
const RESUBMITS_BEFORE_KILL = 35;
const RESUBMITS_DURING_OUTAGE = 35;
const POISON_PER_PARTITION = 3;
// Small sends: a record batch of the producer is a fetch's smallest unit, so this many records at
// most make one of the consumer's transactions, and the stream takes dozens of them.
const SEND_CHUNK = 30;
const CATCH_UP_MS = 180_000;

const it = clusterTest({ brokers: 3, clientId: 'step-9-confirm-broker-crash' });

/** Writes the messages in small acks=all sends, each tried again while the cluster is settling after the kill. */
async function writeOrders(kafka: Kafka, topic: string, messages: readonly PlacedMessage[]): Promise<void> {
  const producer = kafka.producer(idempotentProducerConfig());
  // An idempotent producer's connect asks the broker the metadata names as the controller for a
  // producer id (KRaft names a live broker at random), and kafkajs gives up at once when that is the
  // broker just killed: try again once the metadata has moved on.
  for (let attempt = 1; ; attempt++) {
    try {
      await producer.connect();
      break;
    } catch (error) {
      if (attempt >= 10) throw error;
      say(`step 9 broker crash: the writer could not connect (attempt ${attempt}), trying again: ${String(error)}`);
      await sleep(500);
    }
  }
  try {
    for (let from = 0; from < messages.length; from += SEND_CHUNK) {
      const chunk = messages.slice(from, from + SEND_CHUNK);
      for (let attempt = 1; ; attempt++) {
        try {
          await sendPlaced(producer, topic, chunk);
          break;
        } catch (error) {
          // A refused send may still have been appended: the spec counts what the topic holds, read
          // back, not what it sent, so a repeat is one more record to handle, never a wrong count.
          if (attempt >= 10) throw error;
          say(
            `step 9 broker crash: a send of ${chunk.length} orders failed (attempt ${attempt}), trying again: ${String(error)}`,
          );
          await sleep(500);
        }
      }
    }
  } finally {
    await producer.disconnect();
  }
}

/** The broker to kill: a transaction coordinator of the consumer, and of those the one with the most roles. */
async function pickVictim(admin: Admin, topics: ConfirmTopics, groupId: string): Promise<Victim> {
  const roles = new Map<number, string[]>();
  const add = (broker: number, role: string) => roles.set(broker, [...(roles.get(broker) ?? []), role]);
  const coordinators = new Map<number, number[]>();
  for (let p = 0; p < PARTITIONS; p++) {
    const coordinator = await transactionCoordinatorOf(admin, `${groupId}.${topics.orderReceived}.${p}`);
    coordinators.set(coordinator, [...(coordinators.get(coordinator) ?? []), p]);
    add(coordinator, `transaction coordinator of OrderReceived/${p}'s producer`);
    add(await leaderOf(admin, topics.orderReceived, p), `leader of OrderReceived/${p}`);
    add(await leaderOf(admin, topics.orderConfirmed, p), `leader of OrderConfirmed/${p}`);
  }
  // The cluster keeps group offsets in one partition of __consumer_offsets: its leader is the group coordinator.
  add(await leaderOf(admin, '__consumer_offsets', 0), 'group coordinator');
  const [broker] = [...coordinators.keys()].sort((a, b) => (roles.get(b)?.length ?? 0) - (roles.get(a)?.length ?? 0));
  if (broker === undefined) throw new Error('no transaction coordinator found for the consumer');
  return { broker, roles: roles.get(broker) ?? [], coordinates: coordinators.get(broker) ?? [] };
}

interface Victim {
  readonly broker: number;
  readonly roles: string[];
  /** The OrderReceived partitions whose producers' transactions it coordinates. */
  readonly coordinates: number[];
}

describe('step 9 in a 3-broker cluster: a broker SIGKILLed under the confirm consumer, mid-stream', () => {
  it('every order is confirmed exactly once (read_committed), every poison dead-lettered once, nothing lost', async ({
    cluster: { cluster, kafka, admin },
  }) => {
    const topics = await createReplicatedConfirmTopics(admin, 'confirm-crash', REPLICATED);
    const groupId = specName('confirm-crash');
    const ordersBefore = Array.from({ length: ORDERS_BEFORE_KILL }, () => orderSubmit(PARTITIONS));
    const resubmitsBefore = Array.from({ length: RESUBMITS_BEFORE_KILL }, (_, i) =>
      orderSubmit(PARTITIONS, ordersBefore[(i * 17) % ORDERS_BEFORE_KILL]?.orderId),
    );
    const poison = [...poisonRecords(PARTITIONS, POISON_PER_PARTITION, 'before')];
    await writeOrders(kafka, topics.orderReceived, [
      ...ordersBefore.map((o) => o.message),
      ...resubmitsBefore.map((o) => o.message),
      ...poison,
    ]);

    // What the consumer did, from its listeners: the orders of each transaction once it committed.
    const uncommitted = new Map<number, string[]>();
    const committedOrders: string[] = [];
    const commitTimes: number[] = [];
    const failures: { at: number; partition: number; error: unknown }[] = [];
    const restores: { at: number; orders: number }[] = [];
    // Armed with the victim, the next transaction it coordinates kills it between its sends and its
    // commit: the signal goes out before the listener returns, so the EndTxn meets a dead coordinator.
    let killWhenSent: { victim: Victim; killed: (kill: Promise<void>) => void } | undefined;
    let killedAt = 0;
    const instance = () =>
      new ConfirmConsumer({
        kafka,
        groupId,
        topics,
        fromBeginning: true,
        consumerConfig: { maxWaitTimeInMs: 100, maxBytesPerPartition: 16_384 },
        listeners: {
          onConfirmed: ({ record, confirmation }) => {
            uncommitted.set(record.partition, [
              ...(uncommitted.get(record.partition) ?? []),
              confirmation.data.orderId,
            ]);
          },
          onSent: ({ partition }) => {
            if (killWhenSent === undefined || !killWhenSent.victim.coordinates.includes(partition)) return;
            killedAt = Date.now();
            killWhenSent.killed(cluster.kill(killWhenSent.victim.broker));
            killWhenSent = undefined;
          },
          onCommitted: ({ partition }) => {
            committedOrders.push(...(uncommitted.get(partition) ?? []));
            uncommitted.delete(partition);
            commitTimes.push(Date.now());
          },
          onTransactionFailed: ({ partition, error }) => {
            uncommitted.delete(partition);
            failures.push({ at: Date.now(), partition, error });
          },
          onRestored: ({ orders }) => {
            restores.push({ at: Date.now(), orders });
          },
        },
      });
    const consumer = instance();
    // The service's second instance, started while the broker is down: see below.
    const second = instance();
    let victim: Victim | undefined;
    try {
      await consumer.start();
      await expect
        .poll(() => committedOrders.length, {
          message: `step 9 broker crash: 30% of the ${ORDERS_BEFORE_KILL} orders should be confirmed before the kill`,
          timeout: 120_000,
          interval: 20,
        })
        .toBeGreaterThanOrEqual(ORDERS_BEFORE_KILL * 0.3);
      victim = await pickVictim(admin, topics, groupId);
      const armed = victim;
      // Resolves once the broker's process has exited.
      await new Promise<void>((killed) => {
        killWhenSent = { victim: armed, killed };
      });
      const confirmedAtKill = [...committedOrders];
      const goneAt = await expectBrokerGone(cluster, victim.broker, 'step 9 broker crash');
      expect(
        confirmedAtKill.length,
        'step 9 broker crash: orders confirmed when the broker was killed (mid-stream: fewer than were written)',
      ).toBeLessThan(ORDERS_BEFORE_KILL);
      // A second instance joins while the broker is down (a deployment, or an autoscaler answering
      // the lag the outage builds up): the group rebalances, partitions move, and both instances
      // restore ConfirmedOrders from a cluster with a broker missing. Whether the transaction in hand
      // at the kill fails or commits through the new coordinator is the client's luck; this makes
      // sure that every second submit written from here on meets a consumer that knows of the
      // order's first confirmation only from ConfirmedOrders.
      await second.start();

      // While the broker is down: new orders, second submits of orders confirmed before the kill, poison.
      const ordersDuring = Array.from({ length: ORDERS_DURING_OUTAGE }, () => orderSubmit(PARTITIONS));
      const resubmitsDuring = Array.from({ length: RESUBMITS_DURING_OUTAGE }, (_, i) =>
        orderSubmit(PARTITIONS, confirmedAtKill[(i * 7) % confirmedAtKill.length]),
      );
      const poisonDuring = poisonRecords(PARTITIONS, POISON_PER_PARTITION, 'during');
      poison.push(...poisonDuring);
      await writeOrders(kafka, topics.orderReceived, [
        ...ordersDuring.map((o) => o.message),
        ...resubmitsDuring.map((o) => o.message),
        ...poisonDuring,
      ]);
      say(`step 9 broker crash: ${ordersDuring.length} more orders written while broker ${victim.broker} is down`);
      const restartMs = await cluster.restart(victim.broker);
      say(`step 9 broker crash: broker ${victim.broker} restarted`);
      await waitForCatchUp(admin, { groupId, topic: topics.orderReceived, timeoutMs: CATCH_UP_MS });
      await Promise.all([consumer.stop(), second.stop()]);
      say('step 9 broker crash: caught up; reading the topics back');

      const everyOrder: OrderSubmit[] = [...ordersBefore, ...ordersDuring];
      const outcome = await readOutcome(kafka, topics, new Set(poison.map((p) => String(p.value))));

      const confirmedTwice = [...outcome.byOrder]
        .filter(([, ids]) => ids.length > 1)
        .map(([orderId, ids]) => `${orderId} (${ids.length} times)`);
      expect(
        confirmedTwice,
        `step 9 broker crash: orders confirmed more than once (${confirmedTwice.length}; the first: ${confirmedTwice.slice(0, 3).join(', ')})`,
      ).toEqual([]);
      const notConfirmed = everyOrder.filter((o) => !outcome.byOrder.has(o.orderId)).map((o) => o.orderId);
      expect(notConfirmed, `step 9 broker crash: orders never confirmed (${notConfirmed.length})`).toEqual([]);
      expect(
        everyOrder.filter((o) => outcome.byOrder.get(o.orderId)?.[0] !== o.eventId).map((o) => o.orderId),
        "step 9 broker crash: orders whose confirmation is not linked to the order's first OrderReceived",
      ).toEqual([]);
      expect(outcome.byOrder.size, 'step 9 broker crash: orders with an OrderConfirmed (no other order)').toBe(
        everyOrder.length,
      );

      // Exactly once by the poison record's coordinates: its error event is in the transaction that
      // commits the group's offset past it, and a batch read again after a failed transaction starts
      // from the committed offset. (The error event's id is derived from group and coordinates, so
      // this is also one id per poison.)
      expect(
        outcome.deadLetteredTwice,
        `step 9 broker crash: poison records dead-lettered more than once (${outcome.deadLetteredTwice.length}; at ${topics.orderReceived} partition/offset ${outcome.deadLetteredTwice.slice(0, 3).join(', ')})`,
      ).toEqual([]);
      expect(outcome.poisonNotDeadLettered, 'step 9 broker crash: poison records without an error event').toEqual([]);
      expect(outcome.misrouted, 'step 9 broker crash: error events for records that are valid orders').toEqual([]);
      expect(
        outcome.stateTwice,
        `step 9 broker crash: orders in ${topics.confirmedOrders} more than once (committed)`,
      ).toEqual([]);
      expect(outcome.stateOrders, `step 9 broker crash: orders in ${topics.confirmedOrders}`).toBe(everyOrder.length);
      expect(
        totalLag(await consumerLag(admin, groupId, topics.orderReceived)),
        `step 9 broker crash: group ${groupId}'s lag on ${topics.orderReceived} after the consumer stopped`,
      ).toBe(0n);
      const failedAfterKill = failures.filter((f) => f.at >= killedAt);
      // Both instances prepared after the kill (the second's first join, the first's rejoin).
      expect(
        restores.filter((r) => r.at >= killedAt).length,
        'step 9 broker crash: restores of ConfirmedOrders after the kill (both instances)',
      ).toBeGreaterThanOrEqual(2);

      const firstCommit = commitTimes.find((at) => at > goneAt);
      say(
        faultLine(
          'confirm-broker-crash',
          {
            sourceRecords: outcome.sourceRecords,
            lost: notConfirmed,
            misrouted: outcome.misrouted,
            handledTwice: confirmedTwice.length,
            deadLetteredTwice: outcome.deadLetteredTwice.length,
            errorEvents: [],
          },
          { ms: firstCommit === undefined ? undefined : firstCommit - killedAt, since: 'kill' },
        ),
      );
      const resubmits = RESUBMITS_BEFORE_KILL + RESUBMITS_DURING_OUTAGE;
      say(
        `step 9 broker crash: ${everyOrder.length} orders, ${resubmits} second submits (${((100 * resubmits) / (everyOrder.length + resubmits)).toFixed(1)}% of the orders received), ${outcome.poison} poison, ${outcome.sourceRecords} OrderReceived records; ` +
          `broker ${victim.broker} (${victim.roles.join(', ')}) SIGKILLed after ${confirmedAtKill.length} orders were confirmed, back in ${seconds(restartMs)}; ` +
          `${commitTimes.length} transactions committed, ${failures.length} failed (${failedAfterKill.length} after the kill) and were prepared again, ${restores.length} restores; ` +
          `${outcome.byOrder.size} orders confirmed once, ${outcome.committed} OrderConfirmed read_committed, ${outcome.aborted} more read_uncommitted (aborted), ${outcome.errorEvents} error events`,
      );
    } finally {
      for (const member of [consumer, second])
        await member.stop().catch((error: unknown) => {
          say(`the confirm consumer did not stop cleanly: ${String(error)}`);
        });
      for (const id of cluster.brokerIds) if (!cluster.isRunning(id)) await cluster.restart(id);
    }
  });
});

interface Outcome {
  /** Order id -> the OrderReceived event ids of its OrderConfirmed records, read read_committed. */
  readonly byOrder: Map<string, string[]>;
  readonly committed: number;
  readonly aborted: number;
  readonly sourceRecords: number;
  readonly poison: number;
  readonly errorEvents: number;
  readonly deadLetteredTwice: string[];
  readonly poisonNotDeadLettered: string[];
  readonly misrouted: string[];
  readonly stateOrders: number;
  readonly stateTwice: string[];
}

/** The four topics read back to their ends: what the consumer's committed transactions left. */
async function readOutcome(kafka: Kafka, topics: ConfirmTopics, poisonValues: ReadonlySet<string>): Promise<Outcome> {
  const read = (topic: string, what: string, isolation: 'read_committed' | 'read_uncommitted' = 'read_committed') =>
    readAllRecords(kafka, topic, { groupId: specName(`confirm-crash-${what}`), timeoutMs: 60_000, isolation });
  const confirmations = await read(topics.orderConfirmed, 'committed');
  const byOrder = new Map<string, string[]>();
  for (const record of confirmations) {
    const validation = validateEvent(orderConfirmedType, JSON.parse(record.value?.toString('utf8') ?? 'null'));
    if (!validation.ok)
      throw new Error(`${topics.orderConfirmed}/${record.partition}/${record.offset} is not an OrderConfirmed`);
    const { orderId, receivedEventId } = validation.event.data;
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), receivedEventId]);
  }
  const everything = await read(topics.orderConfirmed, 'uncommitted', 'read_uncommitted');
  // The poison as the topic holds it: a send the writer repeated may have written a record twice.
  const received = await read(topics.orderReceived, 'received');
  const poison = new Set(
    received.filter((r) => poisonValues.has(r.value?.toString('utf8') ?? '')).map((r) => `${r.partition}/${r.offset}`),
  );
  const errorEvents = (await read(topics.deadLetter, 'errors')).map((r) => errorEventOfRecord(topics.deadLetter, r));
  const deadLettered = errorEvents.map((e) => `${e.data.record.partition}/${e.data.record.offset}`);
  const states = await read(topics.confirmedOrders, 'state');
  const stateKeys = states.map((r) => r.key?.toString('utf8') ?? '');
  return {
    byOrder,
    committed: confirmations.length,
    aborted: everything.length - confirmations.length,
    sourceRecords: received.length,
    poison: poison.size,
    errorEvents: errorEvents.length,
    deadLetteredTwice: deadLettered.filter((at, i) => deadLettered.indexOf(at) !== i),
    poisonNotDeadLettered: [...poison].filter((at) => !deadLettered.includes(at)),
    misrouted: deadLettered.filter((at) => !poison.has(at)),
    stateOrders: new Set(stateKeys).size,
    stateTwice: stateKeys.filter((key, i) => stateKeys.indexOf(key) !== i),
  };
}
