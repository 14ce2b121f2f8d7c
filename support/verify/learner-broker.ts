/**
 * A second broker that a spec starts to play "the learner's cluster": a jvm broker from the same
 * jars as the run's scripts use, so verify is proven against a cluster the suite does not own.
 */
import type { Admin, Kafka as KafkaClient } from 'kafkajs';
import type { SaslSettings } from '../broker/broker-connection.js';
import { findJava } from '../broker/jvm/find-java.js';
import { fromKafkaHome } from '../broker/jvm/kafka-jars.js';
import { KafkaJvmBroker, type StartedKafkaJvmBroker } from '../broker/jvm/kafka-jvm-broker.js';
import { kafkajsConfig } from '../broker/kafkajs-config.js';
import { Kafka } from '@kafka-event-spec/events';
import type { ScriptKafka } from '../scripts/script-kafka.js';
import { createTopics, type PrefixedTopic } from '../topics/catalog-topics.js';

/** Small: the run's own broker, and maybe another spec's, share the machine with this one. */
const LEARNER_HEAP = '512m';

export async function startLearnerBroker(
  kafka: ScriptKafka,
  configure: (broker: KafkaJvmBroker) => KafkaJvmBroker = (broker) => broker,
): Promise<StartedKafkaJvmBroker> {
  const found = await findJava();
  if (found.java === undefined) throw new Error(`the learner's broker needs Java: ${found.problem}`);
  const libs = fromKafkaHome(kafka.kafkaHome, undefined);
  return configure(new KafkaJvmBroker(libs, found.java.executable).withHeap(LEARNER_HEAP)).start();
}

/** A kafkajs client for the learner's broker, as `sasl` (its super user by default, if it has SASL). */
export function learnerClient(
  broker: StartedKafkaJvmBroker,
  clientId: string,
  sasl: SaslSettings | undefined = broker.superUser,
): KafkaClient {
  return new Kafka(kafkajsConfig({ brokers: [broker.bootstrapServers], tls: undefined, sasl }, clientId));
}

/**
 * Puts topics on the learner's broker as a learner would have made them (the catalog's, or with a
 * planted mistake). Nothing deletes them: the learner's broker, and its data, goes when the spec stops it.
 */
export async function plantTopics(admin: Admin, topics: readonly PrefixedTopic[]): Promise<void> {
  await createTopics(admin, topics);
}
