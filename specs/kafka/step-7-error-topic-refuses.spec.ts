/**
 * Step 7: the error topic can refuse an error event (here: it is larger than the topic's
 * max.message.bytes). The consumer names the refusal, tries again (reading the limit afresh, so the
 * event goes through truncated) and commits nothing past the record until its error event is written.
 */
import { describe, expect } from 'vitest';
import { type WrittenRecord } from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import { rebuildFailedRecord, setTopicConfigs } from '@kafka-event-spec/events';

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

  it("MESSAGE_TOO_LARGE (the error topic's max.message.bytes shrinks while the consumer runs): the refusal named, the limit read again, and the event goes through truncated; nothing committed past it before", async ({
    deadLetterBench: bench,
  }) => {
    const topics = await bench.createTopics();
    const reported: Reported[] = [];
    const consumer = bench.consumer(topics, {
      handle: () => undefined,
      retry: { initialDelayMs: 20, maxDelayMs: 40, maxAttempts: 5 },
      deadLetterSendRetry,
      listeners: {
        ...listenersFor(reported),
        onDeadLettered: ({ record }) => {
          reported.push({ kind: 'dead-lettered', offset: record.offset });
        },
      },
    });
    await consumer.start();
    // A first poison: the consumer reads the error topic's limit (the broker's default) and writes its event.
    await bench.write(topics.source, [{ key: bench.orderReceived.key, value: 'a first poison', partition: 0 }]);
    await expect
      .poll(() => reported.filter((r) => r.kind === 'dead-lettered').length, {
        timeout: 30_000,
        message: 'step 7: expected the first poison to be dead-lettered (the error topic at its default limit)',
      })
      .toBe(1);

    await setTopicConfigs(bench.adminClient, topics.deadLetter, { 'max.message.bytes': '2048' });
    const [poison, after] = (await bench.write(topics.source, [
      { key: bench.orderReceived.key, value: 'x'.repeat(10_000), partition: 0 },
      { ...bench.validOrder(), partition: 0 },
    ])) as [WrittenRecord, WrittenRecord];
    try {
      await expect
        .poll(() => bench.totalLag(consumer.groupId, topics.source), {
          timeout: 30_000,
          message: `step 7: expected the 10,000-byte poison at ${poison.offset} to be dead-lettered (truncated, after MESSAGE_TOO_LARGE) and the group to commit past it`,
        })
        .toBe(0n);
    } finally {
      await consumer.stop();
    }

    const refused = reported.filter((r) => r.kind === 'refused');
    expect(refused, 'step 7: refusals the consumer reported (one MESSAGE_TOO_LARGE expected)').toEqual([
      { kind: 'refused', offset: poison.offset, refusal: 'MESSAGE_TOO_LARGE', attempt: 1, retryInMs: 20 },
    ]);
    // In order: refused, then dead-lettered; no commit past the poison before its event got through.
    const deadLetteredAt = reported.findIndex((r) => r.kind === 'dead-lettered' && r.offset === poison.offset);
    expect(deadLetteredAt, 'step 7: the poison was dead-lettered after its refusal').toBeGreaterThan(
      reported.indexOf(refused[0] as Reported),
    );
    for (const r of reported.slice(0, deadLetteredAt))
      if (r.kind === 'committed' && r.partition === 0)
        expect(
          BigInt(r.offset),
          `an offset committed before the poison record's error event (at ${poison.offset}) was written`,
        ).toBeLessThanOrEqual(BigInt(poison.offset));

    const errorTopic = await bench.readErrorTopic(topics.deadLetter);
    const errorEvent = errorTopic.events.find((e) => e.subject === `${poison.topic}/0/${poison.offset}`);
    expect(errorEvent?.data.attempt, `step 7: the attempt of the error event for ${poison.offset}`).toBe(2);
    expect(
      errorEvent?.data.record.value?.encoding,
      `step 7: how the error event for ${poison.offset} holds its value`,
    ).toBe('truncated');
    if (errorEvent !== undefined)
      expect(() => rebuildFailedRecord(errorEvent)).toThrow(/cannot give back the original value/);
    expect(
      (await bench.lag(consumer.groupId, topics.source)).find((p) => p.partition === 0)?.committed,
      `step 7: committed offset on partition 0 (past the valid event at ${after.offset})`,
    ).toBe((BigInt(after.offset) + 1n).toString());
  });
});
