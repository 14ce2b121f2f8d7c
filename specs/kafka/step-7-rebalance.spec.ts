import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import {
  benchForDescribe,
  deferred,
  type OutgoingRecord,
  type WrittenRecord,
} from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import { pollUntil, withDeadline } from '#support/lib/index.js';
import type { EventHandler } from '#support/lib/pipeline/index.js';

interface Handled {
  readonly by: 'first' | 'second';
  readonly id: string;
  readonly partition: number;
  readonly offset: string;
}

describe('Step 7: a rebalance in the middle of the stream loses nothing and keeps each order in order', () => {
  const bench = benchForDescribe('step-7-rebalance');

  it('a second consumer joins the group while the first is handling: each event is handled once, in its order, each poison dead-lettered once, lag 0', async () => {
    const topics = await bench.createTopics();
    // Three orders, one per partition, each: two valid events, a poison, two more valid events.
    const orders = [0, 1, 2].map((partition) => ({ partition, orderId: randomUUID() }));
    const records: OutgoingRecord[] = orders.flatMap(({ partition, orderId }) => {
      const valid = () => ({ ...bench.validOrder(orderId), partition });
      return [valid(), valid(), { key: orderId, value: 'this is not JSON', partition }, valid(), valid()];
    });
    const written = await bench.write(topics.source, records);

    const handled: Handled[] = [];
    const rebalancing = deferred();
    let secondStarted: Promise<void> | undefined;
    const handlerOf =
      (by: Handled['by']): EventHandler =>
      async (event, context) => {
        if (by === 'first' && secondStarted === undefined) {
          // The very first event: a second consumer joins, and this one finishes its event while the group rebalances.
          secondStarted = second.start();
          await pollUntil(
            async () =>
              (await bench.adminClient.describeGroups([groupId])).groups[0]?.state === 'PreparingRebalance'
                ? true
                : undefined,
            { timeoutMs: 30_000, describe: () => `group ${groupId} to start rebalancing` },
          );
          rebalancing.resolve();
        }
        handled.push({ by, id: event.id, partition: context.partition, offset: context.offset });
      };
    // heartbeatInterval 1: kafkajs heartbeats after every record, so the first consumer learns of the rebalance at once.
    const consumerConfig = { maxWaitTimeInMs: 100, heartbeatInterval: 1 };
    const first = bench.consumer(topics, { handle: handlerOf('first'), consumerConfig });
    const groupId = first.groupId;
    const second = bench.consumer(topics, { groupId, handle: handlerOf('second'), consumerConfig });

    await first.start();
    await withDeadline(rebalancing.promise, 30_000, () => 'the group to start rebalancing');
    await withDeadline(
      secondStarted ?? Promise.reject(new Error('the second consumer was never started')),
      60_000,
      () => 'the second consumer to join',
    );
    const lag = await bench.waitForZeroLag(groupId, topics.source);
    await Promise.all([first.stop(), second.stop()]);
    const errorTopic = await bench.readErrorTopic(topics.deadLetter);

    // Both consumers did part of the work: the partitions really changed hands.
    expect(new Set(handled.map((h) => h.by))).toEqual(new Set(['first', 'second']));
    const isPoison = (w: WrittenRecord) => w.value?.toString('utf8') === 'this is not JSON';
    for (const { partition } of orders) {
      const inPartition = written.filter((w) => w.partition === partition);
      // Every valid event once, in the order written, whichever consumer handled it.
      expect(handled.filter((h) => h.partition === partition).map((h) => h.offset)).toEqual(
        inPartition.filter((w) => !isPoison(w)).map((w) => w.offset),
      );
    }
    // Every poison once.
    const poisons = written.filter(isPoison).map((w) => `${w.topic}/${w.partition}/${w.offset}`);
    expect(errorTopic.events.map((e) => e.subject).sort()).toEqual(poisons.sort());
    expect(lag.every((p) => p.lag === 0n && p.committed === p.highWatermark)).toBe(true);
  });
});
