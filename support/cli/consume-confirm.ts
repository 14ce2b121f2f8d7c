/**
 * `npm run consume -- --confirm`: step 9 by hand, beyond the milestone. ConfirmConsumer on the
 * catalog's order-received topic: each order becomes one OrderConfirmed, a second submit of an order
 * (a new event, the same order id) is skipped, what cannot be processed goes to the error topic, all of
 * a batch in one transaction. One line per record, one per committed transaction, and one on stderr
 * per transaction that failed (aborted: its partition is read again from the committed offset).
 * Its group is order-confirm (consume.ts), not the pipeline's: another application, other offsets.
 *
 * Its state topic, ConfirmedOrders (compacted), is not in the milestone's catalog: when it is missing,
 * the line says how to create it. This command creates nothing on your cluster.
 */
import type { Admin, Kafka } from 'kafkajs';
import {
  ConfirmConsumer,
  orderConfirmedType,
  orderReceivedType,
  recordCoordinates,
  type ConfirmTopics,
} from '@kafka-event-spec/events';
import { CONFIRMED_ORDERS_TOPIC } from '../topics/confirm-topics.js';
import type { VerifyTarget } from '../verify/verify-target.js';
import { ConsumeInputError, type RunningConsumer } from './consume-shared.js';

interface TypedTopics {
  readonly sources: readonly { topic: string; eventType: string }[];
  readonly deadLetter: string;
}

/** The four topics under the target's prefix: the catalog's, and the state topic. */
export function confirmTopics(target: VerifyTarget, topics: TypedTopics): ConfirmTopics {
  const ofType = (type: string): string => {
    const found = topics.sources.find((t) => t.eventType === type);
    if (found === undefined)
      throw new ConsumeInputError(`the topic catalog ${target.catalogFile} has no topic for ${type} events.`);
    return found.topic;
  };
  return {
    orderReceived: ofType(orderReceivedType),
    orderConfirmed: ofType(orderConfirmedType),
    confirmedOrders: `${target.prefix}${CONFIRMED_ORDERS_TOPIC.name}`,
    deadLetter: topics.deadLetter,
  };
}

/** The four topics must exist: one line naming the missing ones, with the commands that create them. */
export async function checkConfirmTopics(
  admin: Admin,
  { target, topics, catalogHint }: { target: VerifyTarget; topics: ConfirmTopics; catalogHint: string },
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = [topics.orderReceived, topics.orderConfirmed, topics.deadLetter].filter((t) => !existing.has(t));
  if (missing.length > 0)
    throw new ConsumeInputError(
      `the confirm consumer's topic${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist on ${target.brokers.join(',')}: ${catalogHint}.`,
    );
  if (existing.has(topics.confirmedOrders)) return;
  const { partitions, replicationFactor, configs } = CONFIRMED_ORDERS_TOPIC;
  const settings = Object.entries(configs)
    .map(([name, value]) => ` --config ${name}=${value}`)
    .join('');
  throw new ConsumeInputError(
    `the confirm consumer's state topic ${topics.confirmedOrders} does not exist on ${target.brokers.join(',')}: create it with kafka-topics.sh --bootstrap-server ${target.brokers[0] ?? 'localhost:9092'} --create --topic ${topics.confirmedOrders} --partitions ${partitions} --replication-factor ${replicationFactor}${settings}`,
  );
}

function keyText(key: Uint8Array | null): string {
  return key === null ? 'null' : JSON.stringify(Buffer.from(key).toString('utf8')).slice(1, -1);
}

export function confirmConsumer({
  kafka,
  groupId,
  topics,
  say,
  gaveUp,
}: {
  kafka: Kafka;
  groupId: string;
  topics: ConfirmTopics;
  say: (line: string) => void;
  gaveUp: () => void;
}): RunningConsumer {
  const counts = { confirmed: 0, duplicates: 0, deadLettered: 0 };
  const consumer = new ConfirmConsumer({
    kafka,
    groupId,
    topics,
    fromBeginning: true,
    consumerConfig: { maxWaitTimeInMs: 1_000 },
    listeners: {
      onRestored: ({ orders, partitions, after }) => {
        const held = `${topics.orderReceived} ${partitions.length === 0 ? 'no partitions' : partitions.join(',')}`;
        say(
          `consume: ${after === 'join' ? `joined group ${groupId}` : 'ready again after the failed transaction'}: ${held}; ${orders} orders already confirmed (from ${topics.confirmedOrders})`,
        );
      },
      // A record's line comes as its transaction is built; "committed" says when it counts.
      onConfirmed: ({ record, confirmation }) => {
        say(`${recordCoordinates(record)} key=${keyText(record.key)} confirmed: OrderConfirmed ${confirmation.id}`);
      },
      onDuplicate: ({ record, kind, confirmedBy }) => {
        say(
          `${recordCoordinates(record)} key=${keyText(record.key)} ${kind}: already confirmed (from event ${confirmedBy}), no second OrderConfirmed`,
        );
      },
      onDeadLettered: ({ record, failure }) => {
        say(`${recordCoordinates(record)} key=${keyText(record.key)} dead-lettered ${failure.code}`);
      },
      // Nothing of the batch counts (aborted); the partition is read again from its committed offset.
      onTransactionFailed: ({ partition, error, retryInMs }) => {
        const where = `${topics.orderReceived}/${partition}`;
        process.stderr.write(
          `consume: the transaction of ${where} failed and was aborted (${error instanceof Error ? error.message : String(error)})${retryInMs === undefined ? '' : `; reading ${where} again from its committed offset in ${(retryInMs / 1000).toFixed(1)} s`}\n`,
        );
      },
      onGaveUp: ({ partition, attempts }) => {
        process.stderr.write(
          `consume: the transactions of ${topics.orderReceived}/${partition} failed ${attempts} times in a row: stopping, with nothing of it committed past its committed offset (the group's next consumer starts there).\n`,
        );
        gaveUp();
      },
      onCommitted: ({ partition, commitsOffset, confirmed, duplicates, deadLettered }) => {
        counts.confirmed += confirmed;
        counts.duplicates += duplicates;
        counts.deadLettered += deadLettered;
        say(
          `consume: committed transaction: ${topics.orderReceived}/${partition} up to offset ${commitsOffset} (${confirmed} confirmed, ${duplicates} duplicates, ${deadLettered} dead-lettered)`,
        );
      },
    },
  });
  return {
    consumer,
    summary: () =>
      `confirmed ${counts.confirmed}, duplicates ${counts.duplicates}, dead-lettered ${counts.deadLettered}`,
  };
}
