/**
 * Three brokers (and one controller), the catalog's OrderReceived and DeadLetterQueue at replication
 * factor 3 with min.insync.replicas=2, as a production cluster runs them. Brokers crash (SIGKILL)
 * under an EventConsumer: the leader of a partition it reads, two brokers of three, and the error
 * topic's leader during a burst of dead letters. Nothing may be lost, and nothing committed past a
 * record whose error event the error topic has not acknowledged. Each test restarts what it killed.
 */
import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedKafkaJvmCluster } from '../../support/broker/jvm/kafka-jvm-cluster.js';
import {
  clusterClient,
  ConsumerLedger,
  countOutcomes,
  createFaultTopics,
  faultConsumer,
  inSyncReplicas,
  kafkaErrorTypes,
  leaderOf,
  orderStream,
  say,
  seconds,
  startSpecCluster,
  waitForCatchUp,
  writeStream,
  type FaultTopics,
} from '../../support/cluster/fault-bench.js';
import { pollUntil } from '../../support/lib/wait.js';
import { ACKS_ALL, idempotentProducerConfig } from '../../support/lib/pipeline/producer-settings.js';

const REPLICATED = { replicationFactor: 3, minInsyncReplicas: 2 };
const CATCH_UP_MS = 180_000;

describe('3 brokers, replication factor 3, min.insync.replicas=2: brokers crash under the consumer', () => {
  let cluster: StartedKafkaJvmCluster | undefined;
  let kafka: Kafka;
  let admin: Admin | undefined;

  beforeAll(async () => {
    cluster = await startSpecCluster(3);
    kafka = clusterClient(cluster, 'three-broker-faults');
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await cluster?.stop();
  });

  const ready = (): { cluster: StartedKafkaJvmCluster; admin: Admin } => {
    if (cluster === undefined || admin === undefined) throw new Error('the cluster did not start (see beforeAll)');
    return { cluster, admin };
  };

  /** Each test stops its consumer and leaves all three brokers running for the next, whatever failed. */
  const cleanUp = async (c: StartedKafkaJvmCluster, consumer: { stop(): Promise<void> }) => {
    await consumer.stop().catch((error: unknown) => {
      say(`the consumer did not stop cleanly: ${String(error)}`);
    });
    for (const id of c.brokerIds) if (!c.isRunning(id)) await c.restart(id);
  };

  const processedAtLeast = (ledger: ConsumerLedger, count: number, what: string) =>
    pollUntil(() => Promise.resolve(ledger.processed >= count ? true : undefined), {
      timeoutMs: 120_000,
      describe: () => `the consumer to process ${count} records (${what})`,
      seen: () => `${ledger.processed} processed`,
    });

  const expectNothingLost = async (topics: FaultTopics, ledger: ConsumerLedger, poison: ReadonlySet<string>, what: string, timing: string) => {
    const outcome = await countOutcomes(kafka, ready().admin, topics, ledger, poison);
    say(
      `${what}: ${outcome.sourceRecords} source records (${poison.size} poison); lost ${outcome.lost.length}, ` +
        `handled twice ${outcome.handledTwice}, dead-lettered twice ${outcome.deadLetteredTwice}; ${timing}`,
    );
    expect(outcome.lost, `${what}: source records neither handled nor in the error topic`).toEqual([]);
    expect(outcome.misrouted, `${what}: valid events in the error topic, or poison that reached the handler`).toEqual([]);
    expect(outcome.errorEvents.length - outcome.deadLetteredTwice, `${what}: one error event per poison record, repeats aside`).toBe(poison.size);
    expect(ledger.lateRepeats, `${what}: records processed again after the group had committed past them`).toEqual([]);
    expect(ledger.commitsPastUnwritten, `${what}: commits past a poison record whose error event was not acknowledged`).toEqual([]);
  };

  it('the leader of the partition being read is SIGKILLed mid-stream: nothing is lost, the consumer resumes after the election', async () => {
    const { cluster, admin } = ready();
    const topics = await createFaultTopics(admin, 'leader-killed', REPLICATED);
    const events = 3_000;
    const poison = await writeStream(kafka, topics.source, orderStream(events, 3, 20));
    const ledger = new ConsumerLedger(poison);
    const consumer = faultConsumer(kafka, topics, ledger, 'leader-killed');
    try {
      await consumer.start();
      await processedAtLeast(ledger, events * 0.3, 'before the leader is killed');
      const leader = await leaderOf(admin, topics.source, 0);
      const killedAt = Date.now();
      await cluster.kill(leader);
      const newLeader = await pollUntil(async () => {
        const now = await leaderOf(admin, topics.source, 0);
        return now !== leader && now >= 0 ? now : undefined;
      }, { timeoutMs: 30_000, describe: () => `a new leader for ${topics.source}/0 after broker ${leader} was killed` });
      const electedAt = Date.now();
      await waitForCatchUp(admin, consumer.groupId, topics.source, CATCH_UP_MS);
      const resumed = ledger.firstCommitAfter(killedAt, 0);
      await expectNothingLost(
        topics,
        ledger,
        poison,
        `leader of the read partition killed (broker ${leader}, then broker ${newLeader} led)`,
        `new leader elected ${seconds(electedAt - killedAt)} after the kill, first commit on that partition ${seconds(resumed === undefined ? undefined : resumed - killedAt)} after it`,
      );
    } finally {
      await cleanUp(cluster, consumer);
    }
  });

  it('two of three brokers down: acks=all sends fail with NOT_ENOUGH_REPLICAS, nothing is committed past an unwritten error event, and after a restart everything completes', async () => {
    const { cluster, admin } = ready();
    const topics = await createFaultTopics(admin, 'two-down', REPLICATED);
    const poison = await writeStream(kafka, topics.source, orderStream(600, 3, 20));
    const ledger = new ConsumerLedger(poison);
    const consumer = faultConsumer(kafka, topics, ledger, 'two-down');
    try {
      const [survivor, ...down] = cluster.brokerIds as [number, number, number];
      for (const id of down) await cluster.kill(id);
      await pollUntil(async () => ([...(await inSyncReplicas(admin, topics.deadLetter)).values()].every((isr) => isr.length === 1) ? true : undefined), {
        timeoutMs: 30_000,
        describe: () => `the in-sync replicas of ${topics.deadLetter} to shrink to broker ${survivor} alone`,
      });

      // A plain acks=all producer sees the broker's answer.
      const producer = kafka.producer(idempotentProducerConfig({ retries: 3, initialRetryTime: 100 }));
      await producer.connect();
      const refused = await producer.send({ topic: topics.deadLetter, acks: ACKS_ALL, messages: [{ key: 'k', value: 'v' }] }).then(
        () => undefined,
        (error: unknown) => error,
      );
      await producer.disconnect();
      expect(kafkaErrorTypes(refused), 'an acks=all send with 1 of 3 replicas in sync (min.insync.replicas=2)').toContain('NOT_ENOUGH_REPLICAS');

      await consumer.start();
      // Until the route has failed 3 times, or the consumer wrongly committed past a poison record.
      await pollUntil(() => Promise.resolve(ledger.deadLetterFailures.length >= 3 || ledger.commitsPastUnwritten.length > 0 ? true : undefined), {
        timeoutMs: 60_000,
        describe: () => 'the dead-letter route to fail 3 times while 2 of 3 brokers are down',
        seen: () => `${ledger.handled.size} handled, ${ledger.deadLettered.size} dead-lettered, ${ledger.deadLetterFailures.length} dead-letter failures`,
      });
      expect(ledger.commitsPastUnwritten, 'commits past a poison record whose error event was not written').toEqual([]);
      expect(ledger.deadLettered.size, 'error events acknowledged while only 1 of 3 replicas was in sync').toBe(0);
      expect(ledger.deadLetterFailures.flatMap(kafkaErrorTypes), 'why the dead-letter route could not write').toContain('NOT_ENOUGH_REPLICAS');
      const firstPoison = new Map<number, bigint>();
      for (const key of poison) {
        const [partition, offset] = key.split('/').map(BigInt) as [bigint, bigint];
        const p = Number(partition);
        if (offset < (firstPoison.get(p) ?? offset + 1n)) firstPoison.set(p, offset);
      }
      const [committed] = await admin.fetchOffsets({ groupId: consumer.groupId, topics: [topics.source] });
      for (const { partition, offset } of committed?.partitions ?? []) {
        expect(BigInt(offset), `committed offset of ${topics.source}/${partition} while the error topic cannot be written (first poison at ${firstPoison.get(partition)})`).toBeLessThanOrEqual(firstPoison.get(partition) ?? -1n);
      }

      const restartedAt = Date.now();
      const restartMs = await cluster.restart(down[0]);
      await waitForCatchUp(admin, consumer.groupId, topics.source, CATCH_UP_MS);
      const firstWrite = ledger.firstDeadLetterAfter(restartedAt);
      await expectNothingLost(
        topics,
        ledger,
        poison,
        `two of three brokers down (${down.join(' and ')}), then ${down[0]} restarted`,
        `${ledger.deadLetterFailures.length} dead-letter attempts refused during the outage; broker ${down[0]} back in ${seconds(restartMs)}, first error event written ${seconds(firstWrite === undefined ? undefined : firstWrite - restartedAt)} after the restart began, all caught up ${seconds(Date.now() - restartedAt)} after it`,
      );
    } finally {
      await cleanUp(cluster, consumer);
    }
  });

  it("the error topic's leader is SIGKILLed during a burst of dead letters: nothing is committed past an unwritten error event", async () => {
    const { cluster, admin } = ready();
    const topics = await createFaultTopics(admin, 'error-leader-killed', REPLICATED);
    const events = 1_500;
    // Every second record is poison: a burst of writes to the error topic.
    const poison = await writeStream(kafka, topics.source, orderStream(events, 3, 2));
    const ledger = new ConsumerLedger(poison);
    const consumer = faultConsumer(kafka, topics, ledger, 'error-leader-killed');
    try {
      await consumer.start();
      await pollUntil(() => Promise.resolve(ledger.deadLettered.size >= poison.size * 0.2 ? true : undefined), {
        timeoutMs: 120_000,
        describe: () => `20% of ${poison.size} poison records to be dead-lettered`,
        seen: () => `${ledger.deadLettered.size} dead-lettered`,
      });
      const leader = await leaderOf(admin, topics.deadLetter, 0);
      const killedAt = Date.now();
      const writtenAtKill = ledger.deadLettered.size;
      await cluster.kill(leader);
      await waitForCatchUp(admin, consumer.groupId, topics.source, CATCH_UP_MS);
      const firstWrite = ledger.firstDeadLetterAfter(killedAt);
      await expectNothingLost(
        topics,
        ledger,
        poison,
        `error topic's leader killed mid-burst (broker ${leader}, after ${writtenAtKill} error events)`,
        `${ledger.deadLetterFailures.length} dead-letter attempts failed; first error event written ${seconds(firstWrite === undefined ? undefined : firstWrite - killedAt)} after the kill`,
      );
    } finally {
      await cleanUp(cluster, consumer);
    }
  });
});
