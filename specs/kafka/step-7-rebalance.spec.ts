/**
 * Step 7: a rebalance. When a second consumer joins the group, partitions change hands mid-stream;
 * EventConsumer commits what it finished and leaves the rest to the partition's next owner. Each
 * event is handled once and in order, each poison dead-lettered once, and the group ends at lag 0.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, vi } from 'vitest';
import { type OutgoingRecord, type WrittenRecord } from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import type { EventHandler } from '@kafka-event-spec/events';

interface Handled {
  readonly by: 'first' | 'second';
  readonly id: string;
  readonly partition: number;
  readonly offset: string;
}

describe('Step 7: a rebalance in the middle of the stream loses nothing and keeps each order in order', () => {
  it('a second consumer joins the group while the first is handling: each event is handled once, in its order, each poison dead-lettered once, lag 0', async ({
    deadLetterBench: bench,
  }) => {
    const topics = await bench.createTopics();
    // Three orders, one per partition, each: two valid events, a poison, two more valid events.
    const orders = [0, 1, 2].map((partition) => ({ partition, orderId: randomUUID() }));
    const records: OutgoingRecord[] = orders.flatMap(({ partition, orderId }) => {
      const valid = () => ({ ...bench.validOrder(orderId), partition });
      return [valid(), valid(), { key: orderId, value: 'this is not JSON', partition }, valid(), valid()];
    });
    const written = await bench.write(topics.source, records);

    const handled: Handled[] = [];
    let rebalancing = false;
    let secondStarted: Promise<void> | undefined;
    const handlerOf =
      (by: Handled['by']): EventHandler =>
      async (event, context) => {
        if (by === 'first' && secondStarted === undefined) {
          // The very first event: a second consumer joins, and this one finishes its event while the group rebalances.
          secondStarted = second.start();
          await vi.waitFor(
            async () => {
              const { groups } = await bench.adminClient.describeGroups([groupId]);
              expect(
                groups[0]?.state,
                `step 7: expected group ${groupId} to start rebalancing once a second consumer joined`,
              ).toBe('PreparingRebalance');
            },
            { timeout: 30_000, interval: 100 },
          );
          rebalancing = true;
        }
        handled.push({ by, id: event.id, partition: context.partition, offset: context.offset });
      };
    // heartbeatInterval 1: kafkajs heartbeats after every record, so the first consumer learns of the rebalance at once.
    const consumerConfig = { maxWaitTimeInMs: 100, heartbeatInterval: 1 };
    const first = bench.consumer(topics, { handle: handlerOf('first'), consumerConfig });
    const groupId = first.groupId;
    const second = bench.consumer(topics, { groupId, handle: handlerOf('second'), consumerConfig });

    await first.start();
    await expect
      .poll(() => rebalancing, {
        timeout: 30_000,
        message: `step 7: expected group ${groupId} to start rebalancing while the first consumer handled its first event`,
      })
      .toBe(true);
    await expect(secondStarted, 'step 7: expected the second consumer to join the group').resolves.toBeUndefined();
    await expect
      .poll(() => bench.totalLag(groupId, topics.source), {
        timeout: 30_000,
        message: `step 7: expected the two consumers of ${groupId} to commit all ${written.length} records across the rebalance`,
      })
      .toBe(0n);
    const lag = await bench.lag(groupId, topics.source);
    await Promise.all([first.stop(), second.stop()]);
    const errorTopic = await bench.readErrorTopic(topics.deadLetter);

    // Both consumers did part of the work: the partitions really changed hands.
    expect(
      new Set(handled.map((h) => h.by)),
      'step 7: consumers that handled events (both expected: the partitions changed hands)',
    ).toEqual(new Set(['first', 'second']));
    const isPoison = (w: WrittenRecord) => w.value?.toString('utf8') === 'this is not JSON';
    for (const { partition } of orders) {
      const inPartition = written.filter((w) => w.partition === partition);
      // Every valid event once, in the order written, whichever consumer handled it.
      expect(
        handled.filter((h) => h.partition === partition).map((h) => h.offset),
        `step 7: offsets handled on partition ${partition} (every valid event once, in order)`,
      ).toEqual(inPartition.filter((w) => !isPoison(w)).map((w) => w.offset));
    }
    // Every poison once.
    const poisons = written.filter(isPoison).map((w) => `${w.topic}/${w.partition}/${w.offset}`);
    expect(errorTopic.events.map((e) => e.subject).sort(), 'step 7: error events (one per poison expected)').toEqual(
      poisons.sort(),
    );
    expect(
      lag.every((p) => p.lag === 0n && p.committed === p.highWatermark),
      `step 7: group ${groupId} committed up to the high watermark on every partition: ${JSON.stringify(lag, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`,
    ).toBe(true);
  });
});
