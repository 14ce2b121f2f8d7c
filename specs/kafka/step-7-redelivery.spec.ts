/**
 * Step 7: delivery is at least once. A consumer that dead-lettered records but died (here: hung)
 * before committing leaves them to the group's next consumer, which dead-letters them again. The
 * repeat is recognisable: an error event's id comes from the record it holds, so it is the same id.
 */
import { describe, expect, onTestFinished } from 'vitest';
import { deferred, type OutgoingRecord } from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import { SEND_IN_BACKGROUND_AT } from '@kafka-event-spec/events';

// So many poison records that the consumer writes their error events in the background while it
// goes on to the valid record after them: written and acknowledged, not yet committed.
const POISONS = SEND_IN_BACKGROUND_AT;

describe('Step 7: a dead-lettered record delivered again is recognisable: its error event has the same id', () => {
  it('the first consumer of the group dead-letters records, then hangs before its commit; the group goes on without it and dead-letters them again, with the same ids', async ({
    deadLetterBench: bench,
  }) => {
    // The hung handler is let go when the test ends, whatever its verdict, so that the bench can stop its consumer.
    const release = deferred();
    onTestFinished(() => {
      release.resolve();
    });
    const topics = await bench.createTopics();
    const poison = (n: number): OutgoingRecord => ({ key: 'one-order', value: `poison ${n}, not JSON`, partition: 0 });
    const written = await bench.write(topics.source, [
      ...Array.from({ length: POISONS }, (_, n) => poison(n)),
      { ...bench.validOrder(), partition: 0 },
    ]);
    const subjects = written.slice(0, POISONS).map((w) => `${w.topic}/${w.partition}/${w.offset}`);
    const deadLettered = new Set<string>();
    // Short group timeouts, so that the group gives up on the hung consumer within seconds.
    const consumerConfig = {
      maxWaitTimeInMs: 100,
      sessionTimeout: 6_000,
      rebalanceTimeout: 6_000,
      heartbeatInterval: 500,
    };
    const first = bench.consumer(topics, {
      consumerConfig,
      // The valid record after the poison: the consumer hangs here, as a process might, before any commit.
      handle: () => release.promise,
      listeners: {
        onDeadLettered: ({ record }) => {
          deadLettered.add(record.offset);
        },
      },
    });
    await first.start();
    await expect
      .poll(() => deadLettered.size, {
        timeout: 30_000,
        message: `step 7: expected the first consumer to dead-letter all ${POISONS} poison records before it hangs`,
      })
      .toBe(POISONS);
    expect(
      (await bench.lag(first.groupId, topics.source)).find((p) => p.partition === 0)?.committed,
      'step 7: committed offset on partition 0 while the first consumer hangs (nothing expected)',
    ).toBeUndefined();

    const second = bench.consumer(topics, { groupId: first.groupId, consumerConfig, handle: () => undefined });
    await second.start();
    await expect
      .poll(() => bench.totalLag(first.groupId, topics.source), {
        timeout: 60_000,
        message: `step 7: expected the group's second consumer to take over from the hung one and commit all ${POISONS + 1} records`,
      })
      .toBe(0n);
    await second.stop();
    release.resolve();
    await first.stop();

    const { events } = await bench.readErrorTopic(topics.deadLetter);
    const ids = new Map<string, string[]>();
    for (const e of events) ids.set(e.subject, [...(ids.get(e.subject) ?? []), e.id]);
    for (const subject of subjects) {
      const seen = ids.get(subject) ?? [];
      // Delivered again and dead-lettered again: two error events (at least), and one id among them.
      expect(seen.length, `step 7: error events for ${subject} (one from each consumer)`).toBeGreaterThanOrEqual(2);
      expect(new Set(seen).size, `step 7: distinct ids among the error events for ${subject}: ${seen.join(', ')}`).toBe(
        1,
      );
    }
  }, 90_000);
});
