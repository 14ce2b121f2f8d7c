/**
 * A single broker crashes (SIGKILL) in the middle of a stream of 10,000 order events, ~5% of them
 * poison, that an EventConsumer is working through; it is started again on the same data and port.
 * Every source record must end handled or dead-lettered; a record may be processed twice only if
 * its offset was not committed yet when it was first processed (it was in flight at the crash).
 */
import { describe, expect } from 'vitest';
import {
  ConsumerLedger,
  countOutcomes,
  createFaultTopics,
  expectBrokerGone,
  expectFirstCommitWithin,
  faultConsumer,
  faultLine,
  firstCommitOf,
  orderStream,
  say,
  seconds,
  waitForCatchUp,
  writeStream,
} from '#support/cluster/index.js';
import { clusterTest } from '#support/fixtures/index.js';

const it = clusterTest({ brokers: 1, clientId: 'broker-crash' });

const EVENTS = 10_000;
const POISON_EVERY = 20;

describe('one broker, SIGKILLed mid-stream and restarted on the same data directory and port', () => {
  it('every one of 10,000 order events (~5% poison) ends handled or dead-lettered; duplicates only for records in flight at the crash', async ({
    cluster: { cluster, kafka, admin },
  }) => {
    const topics = await createFaultTopics(admin, 'broker-crash', { replicationFactor: 1, minInsyncReplicas: 1 });
    const poison = await writeStream(kafka, topics.source, orderStream(EVENTS, 3, POISON_EVERY));
    const ledger = new ConsumerLedger(poison);
    const consumer = faultConsumer({ kafka, topics, ledger, what: 'broker-crash' });
    try {
      await consumer.start();
      await expect
        .poll(() => ledger.processed, {
          message: `broker crash: the consumer should process 30% of ${EVENTS} events before the broker is killed`,
          timeout: 120_000,
        })
        .toBeGreaterThanOrEqual(EVENTS * 0.3);
      const killedAt = Date.now();
      const processedAtKill = ledger.processed;
      await cluster.kill(1);
      await expectBrokerGone(cluster, 1, 'broker crash');
      const restartMs = await cluster.restart(1);
      const restartedAt = Date.now();
      await waitForCatchUp(admin, { groupId: consumer.groupId, topic: topics.source, timeoutMs: 180_000 });
      // One broker: nothing can commit until it is back, so the first commit after the restart,
      // counted from the kill.
      const firstCommit = firstCommitOf(ledger, { after: restartedAt, from: killedAt, since: 'kill' });
      const outcome = await countOutcomes({ kafka, admin, topics, ledger, poison });
      say(faultLine('broker-crash', outcome, firstCommit));
      say(
        `broker crash mid-stream: ${outcome.sourceRecords} source records (${poison.size} poison), killed after ${processedAtKill} were processed; ` +
          `broker back in ${seconds(restartMs)}`,
      );
      expect(outcome.sourceRecords, 'every event written is in the source topic').toBe(EVENTS);
      expect(outcome.lost, 'source records neither handled nor in the error topic').toEqual([]);
      expect(outcome.misrouted, 'valid events in the error topic, or poison that reached the handler').toEqual([]);
      expect(
        outcome.errorEvents.length - outcome.deadLetteredTwice,
        'one error event per poison record, repeats aside',
      ).toBe(poison.size);
      expect(
        ledger.lateRepeats,
        'records processed again after the group had committed past them (not in flight at the crash)',
      ).toEqual([]);
      expect(
        ledger.commitsPastUnwritten,
        'commits past a poison record whose error event was not acknowledged',
      ).toEqual([]);
      expectFirstCommitWithin('broker crash', firstCommit.ms);
    } finally {
      await consumer.stop();
    }
  });
});
