import { describe, expect } from 'vitest';
import { benchForDescribe, deferred, type WrittenRecord } from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import { withDeadline } from '#support/lib/index.js';
import type { HandlerContext } from '#support/lib/pipeline/index.js';

describe('Step 7: stopping the consumer finishes the event in hand and loses nothing', () => {
  const bench = benchForDescribe('step-7-clean-shutdown');

  it('stop() lets the event being handled finish and commit, starts nothing after it, and the next consumer of the group goes on from there', async () => {
    const topics = await bench.createTopics();
    const [first, second] = (await bench.write(topics.source, [bench.validOrder(), bench.validOrder()])) as [
      WrittenRecord,
      WrittenRecord,
    ];
    const handling = deferred<HandlerContext>();
    const release = deferred();
    const handled: string[] = [];
    const consumer = bench.consumer(topics, {
      handle: async (_event, context) => {
        handling.resolve(context);
        await release.promise; // the handler is busy until the spec lets it go
        handled.push(context.offset);
      },
    });

    await consumer.start();
    expect((await withDeadline(handling.promise, 30_000, () => 'the first event to reach the handler')).offset).toBe(
      first.offset,
    );
    const stopped = consumer.stop();
    release.resolve();
    await stopped;

    expect(handled).toEqual([first.offset]);
    const lag = await bench.lag(consumer.groupId, topics.source);
    // Committed right after the first event, so the second is the next one the group reads.
    expect(lag.find((p) => p.partition === first.partition)?.committed).toBe(second.offset);

    const next = bench.recordingHandler();
    const restarted = bench.consumer(topics, { groupId: consumer.groupId, handle: next.handle });
    await restarted.start();
    await bench.waitForZeroLag(consumer.groupId, topics.source);
    await restarted.stop();
    expect(next.handled.map((h) => h.offset)).toEqual([second.offset]);
  });

  it('stop() during a long backoff (the error topic is missing) returns without waiting it out, and leaves the event uncommitted', async () => {
    const topics = await bench.createTopics({ withDeadLetterTopic: false });
    const [poison] = (await bench.write(topics.source, [
      { key: bench.orderReceived.key, value: 'this is not JSON' },
    ])) as [WrittenRecord];
    const firstFailure = deferred<number | undefined>();
    const consumer = bench.consumer(topics, {
      handle: () => undefined,
      // Ten minutes between tries: far beyond the spec's timeout, so only an interrupted wait lets it pass.
      retry: { initialDelayMs: 600_000, maxDelayMs: 600_000 },
      deadLetterSendRetry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 },
      listeners: {
        onDeadLetterFailed: ({ retryInMs }) => {
          firstFailure.resolve(retryInMs);
        },
      },
    });

    await consumer.start();
    expect(await withDeadline(firstFailure.promise, 30_000, () => 'the first failed dead-letter attempt')).toBe(
      600_000,
    );
    await consumer.stop();

    const lag = await bench.lag(consumer.groupId, topics.source);
    expect(lag.find((p) => p.partition === poison.partition)?.committed).toBeUndefined();
    expect(lag.find((p) => p.partition === poison.partition)?.lag).toBe(1n);
  });
});
