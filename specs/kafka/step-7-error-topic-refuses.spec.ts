import { describe, expect } from 'vitest';
import { benchForDescribe, deferred, type WrittenRecord } from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import { rebuildFailedRecord } from '#support/lib/events/index.js';
import { withDeadline } from '#support/lib/index.js';
import { setTopicConfigs } from '#support/lib/topics/index.js';

/** What the consumer reported, in the order it happened. */
type Reported =
  | {
      readonly kind: 'refused';
      readonly offset: string;
      readonly refusal: string;
      readonly attempt: number;
      readonly retryInMs: number | undefined;
    }
  | { readonly kind: 'committed'; readonly partition: number; readonly offset: string }
  | { readonly kind: 'dead-lettered'; readonly offset: string }
  | { readonly kind: 'gave-up'; readonly offset: string; readonly attempt: number };

/**
 * The error topic exists but refuses the write. Of the refusals issue 13 names, a single local
 * broker produces MESSAGE_TOO_LARGE (the topic's max.message.bytes shrinks under a running
 * consumer). Not here: NOT_ENOUGH_REPLICAS, because Kafka 4.3.1 on one broker accepted acks=all
 * writes to a topic with min.insync.replicas=2 and replication factor 1 (tried); and
 * TOPIC_AUTHORIZATION_FAILED, which needs a broker with an authorizer and users, which the run's
 * broker does not have. (A missing error topic, UNKNOWN_TOPIC_OR_PARTITION, is step-7-error-topic-outage.)
 */
describe('Step 7: when the error topic exists but refuses the write, nothing is committed past the record, and the consumer says why', () => {
  const bench = benchForDescribe('step-7-error-topic-refuses');
  const deadLetterSendRetry = { retries: 1, initialRetryTime: 50, maxRetryTime: 100 };

  const listenersFor = (reported: Reported[]) => ({
    onDeadLetterFailed: ({
      record,
      refusal,
      attempt,
      retryInMs,
    }: {
      record: { offset: string };
      refusal: string;
      attempt: number;
      retryInMs: number | undefined;
    }) => {
      reported.push({ kind: 'refused', offset: record.offset, refusal, attempt, retryInMs });
    },
    onCommitted: ({ partition, offset }: { partition: number; offset: string }) => {
      reported.push({ kind: 'committed', partition, offset });
    },
    onDeadLettered: ({ record }: { record: { offset: string } }) => {
      reported.push({ kind: 'dead-lettered', offset: record.offset });
    },
    onGaveUp: ({ record, attempt }: { record: { offset: string }; attempt: number }) => {
      reported.push({ kind: 'gave-up', offset: record.offset, attempt });
    },
  });

  it("MESSAGE_TOO_LARGE (the error topic's max.message.bytes shrinks while the consumer runs): the refusal named, the limit read again, and the event goes through truncated; nothing committed past it before", async () => {
    const topics = await bench.createTopics();
    const reported: Reported[] = [];
    const firstDeadLettered = deferred();
    const consumer = bench.consumer(topics, {
      handle: () => undefined,
      retry: { initialDelayMs: 20, maxDelayMs: 40, maxAttempts: 5 },
      deadLetterSendRetry,
      listeners: {
        ...listenersFor(reported),
        onDeadLettered: ({ record }) => {
          reported.push({ kind: 'dead-lettered', offset: record.offset });
          firstDeadLettered.resolve();
        },
      },
    });
    await consumer.start();
    // A first poison: the consumer reads the error topic's limit (the broker's default) and writes its event.
    await bench.write(topics.source, [{ key: bench.orderReceived.key, value: 'a first poison', partition: 0 }]);
    await withDeadline(firstDeadLettered.promise, 30_000, () => 'the first poison to be dead-lettered');

    await setTopicConfigs(bench.adminClient, topics.deadLetter, { 'max.message.bytes': '2048' });
    const [poison, after] = (await bench.write(topics.source, [
      { key: bench.orderReceived.key, value: 'x'.repeat(10_000), partition: 0 },
      { ...bench.validOrder(), partition: 0 },
    ])) as [WrittenRecord, WrittenRecord];
    await bench.waitForZeroLag(consumer.groupId, topics.source);
    await consumer.stop();

    const refused = reported.filter((r) => r.kind === 'refused');
    expect(refused).toEqual([
      { kind: 'refused', offset: poison.offset, refusal: 'MESSAGE_TOO_LARGE', attempt: 1, retryInMs: 20 },
    ]);
    // In order: refused, then dead-lettered; no commit past the poison before its event got through.
    const deadLetteredAt = reported.findIndex((r) => r.kind === 'dead-lettered' && r.offset === poison.offset);
    expect(deadLetteredAt).toBeGreaterThan(reported.indexOf(refused[0] as Reported));
    for (const r of reported.slice(0, deadLetteredAt))
      if (r.kind === 'committed' && r.partition === 0)
        expect(
          BigInt(r.offset),
          `an offset committed before the poison record's error event (at ${poison.offset}) was written`,
        ).toBeLessThanOrEqual(BigInt(poison.offset));

    const errorTopic = await bench.readErrorTopic(topics.deadLetter);
    const errorEvent = errorTopic.events.find((e) => e.subject === `${poison.topic}/0/${poison.offset}`);
    expect(errorEvent?.data.attempt).toBe(2);
    expect(errorEvent?.data.record.value?.encoding).toBe('truncated');
    if (errorEvent !== undefined)
      expect(() => rebuildFailedRecord(errorEvent)).toThrow(/cannot give back the original value/);
    expect((await bench.lag(consumer.groupId, topics.source)).find((p) => p.partition === 0)?.committed).toBe(
      (BigInt(after.offset) + 1n).toString(),
    );
  });
});
