/**
 * The confirm consumer (step 9) as a process of its own, for the spec that kills it for real. It runs
 * ConfirmConsumer with the settings in its environment and prints a line for what a spec waits on:
 *   restored <orders> partitions=<p,...>
 *   sent <partition> <offset> confirmed=<n> duplicates=<n> dead-lettered=<n>     (the transaction commits next)
 *   committed <partition> <offset> ...
 *   duplicate <redelivery|double submit> <order id>                                (no second OrderConfirmed)
 * CONFIRM_FREEZE=sent:<n> (or committed:<n>) stops the whole process at the n-th such moment: the
 * main thread blocks in Atomics.wait, so nothing runs any more (no commit, no heartbeat) until a
 * SIGKILL ends it. That puts the kill exactly between a transaction's sends and its commit.
 * SIGTERM stops the consumer (it commits or aborts what it holds) and exits 0.
 */
import { ConfirmConsumer, Kafka, type ConfirmTopics, type TransactionInHand } from '@kafka-event-spec/events';
import type { BrokerConnection } from '../broker/broker-connection.js';
import { kafkajsConfig } from '../broker/kafkajs-config.js';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`confirm-consumer-child: ${name} is not set`);
  return value;
}

const connection = JSON.parse(required('CONFIRM_KAFKA')) as Pick<BrokerConnection, 'brokers' | 'tls' | 'sasl'>;
const topics = JSON.parse(required('CONFIRM_TOPICS')) as ConfirmTopics;
const groupId = required('CONFIRM_GROUP');
const [freezeAt, freezeCount] = (process.env.CONFIRM_FREEZE ?? '').split(':');
const seen = { sent: 0, committed: 0 };

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function describe({ partition, commitsOffset, confirmed, duplicates, deadLettered }: TransactionInHand): string {
  return `${partition} ${commitsOffset} confirmed=${confirmed} duplicates=${duplicates} dead-lettered=${deadLettered}`;
}

function maybeFreeze(moment: 'sent' | 'committed'): void {
  seen[moment]++;
  if (freezeAt !== moment || seen[moment] !== Number(freezeCount)) return;
  say(`frozen after ${moment} ${seen[moment]}`);
  // Blocks this thread for good: no timer, no socket, no commit runs again in this process.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

const consumer = new ConfirmConsumer({
  kafka: new Kafka(kafkajsConfig(connection, `confirm-child-${process.pid}`)),
  groupId,
  topics,
  fromBeginning: true,
  // A killed process stays a group member until its session times out: 6 s, the broker's minimum,
  // so that its successor's join does not wait kafkajs' default 30 s for it.
  consumerConfig: { maxWaitTimeInMs: 100, sessionTimeout: 6_000, heartbeatInterval: 1_000 },
  listeners: {
    onRestored: ({ orders, partitions }) => {
      say(`restored ${orders} partitions=${partitions.join(',')}`);
    },
    onSent: (transaction) => {
      say(`sent ${describe(transaction)}`);
      maybeFreeze('sent');
    },
    onDuplicate: ({ kind, orderId }) => {
      say(`duplicate ${kind} ${orderId}`);
    },
    onCommitted: (transaction) => {
      say(`committed ${describe(transaction)}`);
      maybeFreeze('committed');
    },
  },
});

process.once('SIGTERM', () => {
  void consumer.stop().then(() => process.exit(0));
});
await consumer.start();
say(`started group ${groupId}`);
