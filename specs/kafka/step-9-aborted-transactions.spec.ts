/**
 * Step 9's lesson: what a reader of a transactional topic sees depends on its isolation level.
 * A transactional producer's records go into the log as they are sent, committed or not; the
 * transaction's end is a marker (a control record) after them. A read_committed reader (kafkajs'
 * default, `readUncommitted: false`; kafka-console-consumer `--isolation-level read_committed`)
 * gets a transaction's records only once its commit marker is written, and never those of an aborted
 * one. A read_uncommitted reader (Kafka's default for its Java consumer and console tools) gets
 * everything in the log, aborted records too.
 *
 * That is why the confirm consumer's readers of OrderConfirmed must read read_committed: the
 * confirmations of a transaction killed before its commit are in the log, and only the isolation
 * level keeps them out.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { readAllRecords } from '#support/consumer-harness/index.js';
import { it } from '#support/fixtures/index.js';
import { ACKS_ALL } from '@kafka-event-spec/events';
import { uniqueName } from '#support/run/index.js';

describe('step 9: aborted transactions, as read_uncommitted and read_committed readers see them', () => {
  it('an aborted transaction is read by a read_uncommitted reader and skipped by a read_committed one', async ({
    kafka,
    admin,
    ownTopics,
  }) => {
    const [topic] = await ownTopics.createFromCatalog('step-9-aborted', ['OrderConfirmed']);
    if (topic === undefined) throw new Error('step 9: no OrderConfirmed topic was created');

    // One transactional producer: a transactional id, idempotence, one request in flight.
    const producer = kafka.producer({
      transactionalId: uniqueName('step-9-aborted'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      const committed = await producer.transaction();
      await committed.send({ topic: topic.topic, acks: ACKS_ALL, messages: [{ key: 'order-1', value: 'committed' }] });
      await committed.commit();

      const aborted = await producer.transaction();
      await aborted.send({ topic: topic.topic, acks: ACKS_ALL, messages: [{ key: 'order-2', value: 'aborted' }] });
      await aborted.abort();

      const committedAgain = await producer.transaction();
      await committedAgain.send({
        topic: topic.topic,
        acks: ACKS_ALL,
        messages: [{ key: 'order-3', value: 'committed again' }],
      });
      await committedAgain.commit();
    } finally {
      await producer.disconnect();
    }

    // commit() and abort() return once the transaction coordinator has decided; it writes the
    // transaction's marker into each partition a moment later. Until then the partition's last
    // stable offset stays before the transaction, and read_committed readers (and ListOffsets, which
    // answers as one) stop there. Three transactions of one record each: 3 records and 3 markers.
    await expect
      .poll(async () => (await admin.fetchTopicOffsets(topic.topic)).reduce((sum, p) => sum + Number(p.offset), 0), {
        timeout: 10_000,
        message: `step 9: the last stable offsets of ${topic.topic}, added up, once every marker is written`,
      })
      .toBe(6);

    // Two readers of the same log, from the beginning, each in a group of its own.
    const values = async (isolation: 'read_committed' | 'read_uncommitted') =>
      (
        await readAllRecords(kafka, topic.topic, {
          groupId: uniqueName(`step-9-${isolation}-${randomUUID().slice(0, 4)}`),
          isolation,
        })
      )
        .map((record) => record.value?.toString('utf8'))
        .sort();
    expect(await values('read_uncommitted'), 'step 9: what a read_uncommitted reader gets').toEqual([
      'aborted',
      'committed',
      'committed again',
    ]);
    expect(await values('read_committed'), 'step 9: what a read_committed reader gets').toEqual([
      'committed',
      'committed again',
    ]);
  });
});
