/**
 * The commands a person types to do each milestone step by hand with Kafka's own tools. Topic
 * names, partitions and configs come from the topic catalog, so the checklist cannot drift from it;
 * kafka-topics and kafka-configs command lines come from the builders in kafka-tools/, which the
 * CLI specs run, so the checklist, docs/learn-kafka.md and the specs show one command line.
 */
import {
  kafkaConfigsAlterTopic,
  kafkaConfigsDeleteTopicConfigs,
  kafkaConfigsDescribeTopic,
  kafkaConfigsDescribeTopics,
} from './kafka-configs.js';
import { shellCommand, type KafkaToolCommand } from './kafka-tool-command.js';
import {
  kafkaTopicsAddPartitions,
  kafkaTopicsCreate,
  kafkaTopicsDescribeMatching,
  kafkaTopicsList,
} from './kafka-topics.js';
import type { CatalogTopic } from '../topics/topic-catalog.js';

/** Where a broker started from a Kafka download listens by default. */
export const HAND_BOOTSTRAP = 'localhost:9092';

/** How a Kafka release spells its CLI: the options were renamed in 4.2 (KIP-1147) and 4.0 moved config/kraft/. */
export interface KafkaCliDialect {
  kafkaVersion: string;
  /** console producer option for parse.key & co: --reader-property from 4.2, --property before. */
  producerProperty: '--reader-property' | '--property';
  /** console consumer option for print.key & co: --formatter-property from 4.2, --property before. */
  consumerProperty: '--formatter-property' | '--property';
  /** The single-node KRaft config shipped with the release. */
  serverProperties: string;
  /** 3.9 formats its sample static quorum as is; 4.x's sample config needs --standalone. */
  formatOptions: string;
}

function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [maj = 0, min = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  return maj > major || (maj === major && min >= minor);
}

export function kafkaCliDialect(kafkaVersion: string): KafkaCliDialect {
  const renamedProperties = versionAtLeast(kafkaVersion, 4, 2);
  const kafka4 = versionAtLeast(kafkaVersion, 4, 0);
  return {
    kafkaVersion,
    producerProperty: renamedProperties ? '--reader-property' : '--property',
    consumerProperty: renamedProperties ? '--formatter-property' : '--property',
    serverProperties: kafka4 ? 'config/server.properties' : 'config/kraft/server.properties',
    formatOptions: kafka4 ? '--standalone ' : '',
  };
}

/** The topic's catalog configs as name=value, those whose name passes keep (all by default). */
export function catalogConfigs(topic: CatalogTopic, keep: (name: string) => boolean = () => true): string[] {
  return Object.entries(topic.configs)
    .filter(([name]) => keep(name))
    .map(([name, value]) => `${name}=${value}`);
}

export function startBrokerCommands(dialect: KafkaCliDialect): string[] {
  return [
    `kafka-storage.sh format ${dialect.formatOptions}-t "$(kafka-storage.sh random-uuid)" -c ${dialect.serverProperties}`,
    `kafka-server-start.sh ${dialect.serverProperties}`,
    `kafka-broker-api-versions.sh --bootstrap-server ${HAND_BOOTSTRAP}`,
  ];
}

/** A tool's command as typed against the broker of a Kafka download (the builders live in kafka-tools/, once). */
function byHand(command: Pick<KafkaToolCommand<unknown>, 'tool' | 'args'>): string {
  return shellCommand(command, HAND_BOOTSTRAP);
}

/** "name=value" pairs as a record, in their order. */
function configRecord(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

/** kafka-topics --create with the given topic-level configs (each as --config name=value). */
export function createTopicCommand(topic: CatalogTopic, configs: readonly string[]): string {
  return byHand(
    kafkaTopicsCreate({
      topic: topic.name,
      partitions: topic.partitions,
      replicationFactor: topic.replicationFactor,
      configs: configRecord(configs),
    }),
  );
}

export function listTopicsCommand(): string {
  return byHand(kafkaTopicsList());
}

/** kafka-topics --describe; --topic is a regular expression, so 'A|B' describes both. */
export function describeTopicCommand(topicPattern: string): string {
  return byHand(kafkaTopicsDescribeMatching(topicPattern));
}

/** kafka-configs --alter --add-config: changes only the named configs and leaves the others. */
export function alterTopicConfigsCommand(topic: CatalogTopic, configs: readonly string[]): string {
  return byHand(kafkaConfigsAlterTopic(topic.name, configRecord(configs)));
}

/** kafka-configs --alter --delete-config: removes configs set on the topic, so the broker's default applies again. */
export function deleteTopicConfigsCommand(topic: CatalogTopic, names: readonly string[]): string {
  return byHand(kafkaConfigsDeleteTopicConfigs(topic.name, names));
}

/** kafka-topics --alter --partitions: a topic can gain partitions, never lose them. */
export function addPartitionsCommand(topic: CatalogTopic): string {
  return byHand(kafkaTopicsAddPartitions(topic.name, topic.partitions));
}

/** kafka-configs --describe of one topic's configs, or of every topic's without a name. */
export function describeTopicConfigsCommand(topicName?: string): string {
  return byHand(topicName === undefined ? kafkaConfigsDescribeTopics() : kafkaConfigsDescribeTopic(topicName));
}

/**
 * Where jq finds an example's record key, the order id. An order event's subject is its order id;
 * an error event's subject is the failed record's topic/partition/offset, and the dead-letter route
 * keys it by the failed record's own key (the order id), which the event holds as utf8 text.
 */
export const EXAMPLE_KEY_JQ = { orderEvent: '.subject', errorEvent: '.data.record.key.text' } as const;

/** One event, keyed by its order id (`key`, a jq path), as one line "key|json" for the console producer. */
export function produceExampleCommand(
  topic: CatalogTopic,
  dialect: KafkaCliDialect,
  key: (typeof EXAMPLE_KEY_JQ)[keyof typeof EXAMPLE_KEY_JQ] = EXAMPLE_KEY_JQ.orderEvent,
): string {
  const p = dialect.producerProperty;
  return (
    `jq -r '"\\(${key})|\\(tojson)"' examples/${topic.event}.json | ` +
    `kafka-console-producer.sh --bootstrap-server ${HAND_BOOTSTRAP} --topic ${topic.name} ${p} parse.key=true ${p} key.separator='|'`
  );
}

export function consumeFromStartCommand(topic: CatalogTopic, dialect: KafkaCliDialect, printHeaders = false): string {
  const p = dialect.consumerProperty;
  const headers = printHeaders ? ` ${p} print.headers=true` : '';
  return `kafka-console-consumer.sh --bootstrap-server ${HAND_BOOTSTRAP} --topic ${topic.name} --from-beginning ${p} print.key=true${headers}`;
}

/** `npm run verify`: the read-only check of the learner's own topics after steps 3 to 5. */
export function verifyCommand(): string {
  return `KAFKA_BROKERS=${HAND_BOOTSTRAP} npm run verify`;
}

/** `npm run consume`: the order pipeline's consumer (support/cli/consume.ts), in the foreground until Ctrl-C. */
export function pipelineConsumerCommand(): string {
  return `KAFKA_BROKERS=${HAND_BOOTSTRAP} npm run consume`;
}

/** `npm run consume -- --confirm`: step 9's confirm consumer (support/cli/consume-confirm.ts), in the foreground until Ctrl-C. */
export function confirmConsumerCommand(): string {
  return `KAFKA_BROKERS=${HAND_BOOTSTRAP} npm run consume -- --confirm`;
}

/** The example order again as a customer's second submit: a new event id, the same order id. */
export function produceSecondSubmitCommand(topic: CatalogTopic, dialect: KafkaCliDialect, eventId: string): string {
  const p = dialect.producerProperty;
  return (
    `jq -r '.id = "${eventId}" | "\\(.subject)|\\(tojson)"' examples/${topic.event}.json | ` +
    `kafka-console-producer.sh --bootstrap-server ${HAND_BOOTSTRAP} --topic ${topic.name} ${p} parse.key=true ${p} key.separator='|'`
  );
}

/** A record no consumer can parse: what the dead-letter route exists for. */
export function produceUnparseableCommand(topic: CatalogTopic): string {
  return `echo 'this is not JSON' | kafka-console-producer.sh --bootstrap-server ${HAND_BOOTSTRAP} --topic ${topic.name}`;
}
