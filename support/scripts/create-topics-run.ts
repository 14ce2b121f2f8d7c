/** What the create_topics.sh specs start from: the run's broker, how scripts reach it, the catalog's topics under a fresh prefix. */
import type { BrokerConnection } from '../broker/broker-connection.js';
import { brokerOfThisRun } from '../run/kafka-client.js';
import { prefixed, type PrefixedTopic } from '../topics/catalog-topics.js';
import { topicPrefix } from '../topics/topic-prefix.js';
import { scriptKafkaForRunBroker, type ScriptKafkaPlan } from './script-kafka.js';

export interface CreateTopicsRun {
  broker: BrokerConnection;
  plan: ScriptKafkaPlan;
  /** TOPIC_PREFIX for the script: this spec's own. */
  prefix: string;
  topics: PrefixedTopic[];
}

export async function createTopicsRun(what: string): Promise<CreateTopicsRun> {
  const broker = brokerOfThisRun();
  const prefix = topicPrefix(what);
  return { broker, plan: await scriptKafkaForRunBroker(broker), prefix, topics: prefixed(prefix) };
}
