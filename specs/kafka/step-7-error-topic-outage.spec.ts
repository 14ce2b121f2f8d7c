/**
 * Step 7: the error topic is down (here: missing). A poison record then cannot be dead-lettered, and
 * its offset must not be committed, or it would be lost: EventConsumer retries with growing backoff,
 * committing only what comes before it, and writes the error event once the topic is back. When its
 * retry budget runs out it stops, and the group's next consumer starts at that record.
 */
import { describe, expect } from 'vitest';
import { type DeadLetterBench, type WrittenRecord } from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import { rebuildFailedRecord, type ReceivedRecord, nextOffset } from '@kafka-event-spec/events';

interface DeadLetterFailure {
  readonly record: ReceivedRecord;
  readonly attempt: number;
  readonly retryInMs: number | undefined;
}

// The error topic is missing and the broker does not create topics on first use
// (auto.create.topics.enable=false), so every write to it fails until someone creates it.
describe('Step 7: when the error topic cannot be written, the failed event is not committed and waits; nothing is lost', () => {
  // Quick tries at the dead-letter send itself, so each attempt of the consumer fails fast.
  const deadLetterSendRetry = { retries: 1, initialRetryTime: 50, maxRetryTime: 100 };

  const notJson = (bench: DeadLetterBench): { key: Buffer | null; value: string } => ({
    key: bench.orderReceived.key,
    value: 'this is not JSON',
  });

  it('retries with growing backoff while the error topic is missing, then dead-letters the event exactly once when the topic is created', async ({
    deadLetterBench: bench,
  }) => {
    const topics = await bench.createTopics({ withDeadLetterTopic: false });
    const [before, poison, after] = (await bench.write(topics.source, [
      bench.validOrder(),
      notJson(bench),
      bench.validOrder(),
    ])) as [WrittenRecord, WrittenRecord, WrittenRecord];
    const failures: DeadLetterFailure[] = [];
    const { handle, handled } = bench.recordingHandler();
    const consumer = bench.consumer(topics, {
      handle,
      retry: { initialDelayMs: 50, maxDelayMs: 400, maxAttempts: 1_000 },
      deadLetterSendRetry,
      listeners: {
        onDeadLetterFailed: ({ record, attempt, retryInMs }) => {
          failures.push({ record, attempt, retryInMs });
        },
      },
    });

    await consumer.start();
    await expect
      .poll(() => failures.length, {
        timeout: 30_000,
        message: `step 7: expected two failed dead-letter attempts for the poison at ${poison.offset} while the error topic is missing`,
      })
      .toBeGreaterThanOrEqual(2);

    // Before recovery: the poison is retried, not skipped, and its offset is not committed.
    expect(
      failures.slice(0, 2).map((f) => [f.record.offset, f.attempt, f.retryInMs]),
      'step 7: the first two failed attempts, as [offset, attempt, retry in ms]',
    ).toEqual([
      [poison.offset, 1, 50],
      [poison.offset, 2, 100],
    ]);
    const lagDuringOutage = await bench.lag(consumer.groupId, topics.source);
    expect(
      lagDuringOutage.find((p) => p.partition === poison.partition)?.committed,
      `step 7: committed offset of partition ${poison.partition} while the error topic is missing (the poison record is at ${poison.offset})`,
    ).toBe(poison.offset);
    // The valid event after the poison, in the same batch, is handled (in order) but not committed:
    // the committed offset stays at the poison, whose error event is not written yet.
    expect(
      handled.map((h) => h.offset),
      'step 7: offsets handled during the outage',
    ).toEqual([before.offset, after.offset]);
    // Writing to the missing topic did not create it.
    expect(
      await bench.adminClient.listTopics(),
      'step 7: topics after writes to the missing error topic',
    ).not.toContain(topics.deadLetter);

    // Recovery: the error topic appears, and the waiting event goes through.
    await bench.createDeadLetterTopic(topics);
    await expect
      .poll(() => bench.totalLag(consumer.groupId, topics.source), {
        timeout: 30_000,
        message: `step 7: expected the waiting poison at ${poison.offset} to be dead-lettered once the error topic was created, and the group to commit past it`,
      })
      .toBe(0n);
    const lag = await bench.lag(consumer.groupId, topics.source);
    await consumer.stop();

    const errorTopic = await bench.readErrorTopic(topics.deadLetter);
    const at = `${poison.topic}/${poison.partition}/${poison.offset}`;
    expect(errorTopic.events, `step 7: error events on ${topics.deadLetter} (one expected, for ${at})`).toHaveLength(1);
    const [errorEvent] = errorTopic.events;
    expect(errorEvent?.data.reason.code, `step 7: reason code of the error event for ${at}`).toBe('NOT_JSON');
    expect(errorEvent?.subject, 'step 7: subject of the error event').toBe(at);
    // Every failed try is counted, and the one that got through too.
    expect(
      errorEvent?.data.attempt,
      `step 7: attempt of the error event (${failures.length} failed tries, then the one that got through)`,
    ).toBe(failures.length + 1);
    if (errorEvent !== undefined)
      expect(rebuildFailedRecord(errorEvent).value, `step 7: the value of ${at}, replayed`).toEqual(poison.value);
    // Each valid event handled exactly once, in order: the retry wrote the error event without handling the batch again.
    expect(
      handled.map((h) => h.offset),
      'step 7: offsets handled, once each, after the recovery',
    ).toEqual([before.offset, after.offset]);
    expect(
      lag.find((p) => p.partition === poison.partition)?.committed,
      `step 7: committed offset of partition ${poison.partition} after the recovery (past ${after.offset})`,
    ).toBe(nextOffset(after.offset));
  });

  it('gives up after maxAttempts by stopping, the event still uncommitted; the next consumer of the group dead-letters it once the topic exists', async ({
    deadLetterBench: bench,
  }) => {
    const topics = await bench.createTopics({ withDeadLetterTopic: false });
    const [before, poison, after] = (await bench.write(topics.source, [
      bench.validOrder(),
      notJson(bench),
      bench.validOrder(),
    ])) as [WrittenRecord, WrittenRecord, WrittenRecord];
    const gaveUpAt: number[] = [];
    const first = bench.recordingHandler();
    const consumer = bench.consumer(topics, {
      handle: first.handle,
      retry: { initialDelayMs: 10, maxDelayMs: 50, maxAttempts: 3 },
      deadLetterSendRetry,
      listeners: {
        onGaveUp: ({ attempt }) => {
          gaveUpAt.push(attempt);
        },
      },
    });

    await consumer.start();
    await expect
      .poll(() => gaveUpAt[0], {
        timeout: 30_000,
        message:
          'step 7: expected the consumer to give up on the poison after maxAttempts (3) failed dead-letter attempts',
      })
      .toBe(3);
    await consumer.stop(); // already stopping on its own: this waits until it has left the group

    const lagAfterGivingUp = await bench.lag(consumer.groupId, topics.source);
    expect(
      lagAfterGivingUp.find((p) => p.partition === poison.partition)?.committed,
      `step 7: committed offset of partition ${poison.partition} after the consumer gave up (the poison record is at ${poison.offset})`,
    ).toBe(poison.offset);
    // The event after the poison was handled but, behind an unwritten error event, not committed: at least once, it comes again.
    expect(
      first.handled.map((h) => h.offset),
      'step 7: offsets handled before the consumer gave up',
    ).toEqual([before.offset, after.offset]);

    // Someone creates the error topic and restarts the consumer: it starts at the uncommitted event.
    await bench.createDeadLetterTopic(topics);
    const second = bench.recordingHandler();
    const restarted = bench.consumer(topics, { groupId: consumer.groupId, handle: second.handle, deadLetterSendRetry });
    await restarted.start();
    try {
      await expect
        .poll(() => bench.totalLag(consumer.groupId, topics.source), {
          timeout: 30_000,
          message: `step 7: expected the group's next consumer to dead-letter the poison at ${poison.offset} and commit past it`,
        })
        .toBe(0n);
    } finally {
      await restarted.stop();
    }

    const errorTopic = await bench.readErrorTopic(topics.deadLetter);
    expect(
      errorTopic.events.map((e) => [e.subject, e.data.reason.code]),
      'step 7: error events, as [subject, reason code]',
    ).toEqual([[`${poison.topic}/${poison.partition}/${poison.offset}`, 'NOT_JSON']]);
    expect(
      second.handled.map((h) => h.offset),
      "step 7: offsets handled by the group's next consumer (the event after the poison, again)",
    ).toEqual([after.offset]);
  });
});
