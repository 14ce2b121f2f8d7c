/**
 * Step 7: stopping a consumer. EventConsumer.stop() starts no record after it, lets the one in hand
 * finish, commits what is finished and leaves the group; the group's next consumer goes on from the
 * committed offset. A record still waiting for the error topic is not committed: nothing is lost.
 */
import { describe, expect } from 'vitest';
import { deferred, type WrittenRecord } from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import type { HandlerContext } from '@kafka-event-spec/events';

describe('Step 7: stopping the consumer finishes the event in hand and loses nothing', () => {
  it('stop() lets the event being handled finish and commit, starts nothing after it, and the next consumer of the group goes on from there', async ({
    deadLetterBench: bench,
  }) => {
    const topics = await bench.createTopics();
    const [first, second] = (await bench.write(topics.source, [bench.validOrder(), bench.validOrder()])) as [
      WrittenRecord,
      WrittenRecord,
    ];
    let inHand: HandlerContext | undefined;
    const release = deferred();
    const handled: string[] = [];
    const consumer = bench.consumer(topics, {
      handle: async (_event, context) => {
        inHand ??= context;
        await release.promise; // the handler is busy until the spec lets it go
        handled.push(context.offset);
      },
    });

    await consumer.start();
    await expect
      .poll(() => inHand?.offset, {
        timeout: 30_000,
        message: `step 7: expected the first event (offset ${first.offset}) to reach the handler`,
      })
      .toBe(first.offset);
    const stopped = consumer.stop();
    release.resolve();
    await stopped;

    expect(handled, 'step 7: offsets handled by the stopped consumer (only the event in hand)').toEqual([first.offset]);
    const lag = await bench.lag(consumer.groupId, topics.source);
    // Committed right after the first event, so the second is the next one the group reads.
    expect(
      lag.find((p) => p.partition === first.partition)?.committed,
      `step 7: committed offset after stop() (the second event is at ${second.offset})`,
    ).toBe(second.offset);

    const next = bench.recordingHandler();
    const restarted = bench.consumer(topics, { groupId: consumer.groupId, handle: next.handle });
    await restarted.start();
    try {
      await expect
        .poll(() => bench.totalLag(consumer.groupId, topics.source), {
          timeout: 30_000,
          message: `step 7: expected the group's next consumer to handle and commit the second event (offset ${second.offset})`,
        })
        .toBe(0n);
    } finally {
      await restarted.stop();
    }
    expect(
      next.handled.map((h) => h.offset),
      "step 7: offsets handled by the group's next consumer",
    ).toEqual([second.offset]);
  });

  it('stop() during a long backoff (the error topic is missing) returns without waiting it out, and leaves the event uncommitted', async ({
    deadLetterBench: bench,
  }) => {
    const topics = await bench.createTopics({ withDeadLetterTopic: false });
    const [poison] = (await bench.write(topics.source, [
      { key: bench.orderReceived.key, value: 'this is not JSON' },
    ])) as [WrittenRecord];
    const retryDelays: (number | undefined)[] = [];
    const consumer = bench.consumer(topics, {
      handle: () => undefined,
      // Ten minutes between tries: far beyond the spec's timeout, so only an interrupted wait lets it pass.
      retry: { initialDelayMs: 600_000, maxDelayMs: 600_000 },
      deadLetterSendRetry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 },
      listeners: {
        onDeadLetterFailed: ({ retryInMs }) => {
          retryDelays.push(retryInMs);
        },
      },
    });

    await consumer.start();
    await expect
      .poll(() => retryDelays[0], {
        timeout: 30_000,
        message:
          'step 7: expected a failed dead-letter attempt (the error topic is missing), to be tried again in 10 minutes',
      })
      .toBe(600_000);
    await consumer.stop();

    const lag = await bench.lag(consumer.groupId, topics.source);
    expect(
      lag.find((p) => p.partition === poison.partition)?.committed,
      `step 7: committed offset after stop() cut the backoff short (the poison at ${poison.offset} must stay uncommitted)`,
    ).toBeUndefined();
    expect(lag.find((p) => p.partition === poison.partition)?.lag, 'step 7: lag after stop() (the poison record)').toBe(
      1n,
    );
  });
});
