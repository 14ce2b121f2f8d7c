/**
 * kafka-topics (its main class, by version: scripts/shell/lib/kafka-tool-classes.tsv): one function per way the milestone uses it.
 * Each returns the command, not its result: run it with KafkaTools.run, show it with shellCommand.
 */
import type { PartitionDescription, TopicDescription } from '../topics/topic-description.js';
import type { KafkaToolCommand } from './kafka-tool-command.js';

export interface TopicToCreate {
  topic: string;
  partitions: number;
  replicationFactor: number;
  configs: Readonly<Record<string, string>>;
}

/** kafka-topics.sh --create --topic T --partitions N --replication-factor R [--config name=value]... */
export function kafkaTopicsCreate(topic: TopicToCreate): KafkaToolCommand<string> {
  return {
    tool: 'kafka-topics',
    args: [
      '--create',
      '--topic',
      topic.topic,
      '--partitions',
      String(topic.partitions),
      '--replication-factor',
      String(topic.replicationFactor),
      ...Object.entries(topic.configs).flatMap(([name, value]) => ['--config', `${name}=${value}`]),
    ],
    parse: (stdout) => stdout.trim(),
  };
}

/** kafka-topics.sh --alter --topic T --partitions N: a topic can gain partitions, never lose them. */
export function kafkaTopicsAddPartitions(topic: string, partitions: number): KafkaToolCommand<string> {
  return {
    tool: 'kafka-topics',
    args: ['--alter', '--topic', topic, '--partitions', String(partitions)],
    parse: (stdout) => stdout.trim(),
  };
}

/** kafka-topics.sh --list: one topic name per line. */
export function kafkaTopicsList(): KafkaToolCommand<string[]> {
  return {
    tool: 'kafka-topics',
    args: ['--list'],
    parse: (stdout) =>
      stdout
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
  };
}

/** kafka-topics.sh --describe --topic T: its partitions, leaders and replicas. */
export function kafkaTopicsDescribe(topic: string): KafkaToolCommand<TopicDescription> {
  return {
    tool: 'kafka-topics',
    args: ['--describe', '--topic', topic],
    parse: (stdout) => {
      const description = parseTopicDescriptions(stdout).get(topic);
      if (description === undefined)
        throw new Error(`kafka-topics --describe printed nothing about ${topic}:\n${stdout}`);
      return description;
    },
  };
}

/** kafka-topics.sh --describe --topic 'REGEX': every topic whose name matches, by name. */
export function kafkaTopicsDescribeMatching(regex: string): KafkaToolCommand<Map<string, TopicDescription>> {
  return {
    tool: 'kafka-topics',
    args: ['--describe', '--topic', regex],
    parse: parseTopicDescriptions,
  };
}

/** The regular expression (as --topic takes it) for every topic that starts with `prefix`. */
export function topicsStartingWith(prefix: string): string {
  return `${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*`;
}

/** "Topic: t\tPartition: 0\tLeader: 1\t..." -> { Topic: 't', Partition: '0', Leader: '1', ... } */
function fields(line: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const field of line.trim().split('\t')) {
    const colon = field.indexOf(':');
    if (colon > 0) map.set(field.slice(0, colon).trim(), field.slice(colon + 1).trim());
  }
  return map;
}

function brokerIds(list: string | undefined): number[] {
  if (list === undefined || list === '') return [];
  return list.split(',').map(Number);
}

function partitionFrom(line: Map<string, string>): PartitionDescription {
  const leader = line.get('Leader');
  return {
    partition: Number(line.get('Partition')),
    // A partition without a leader prints "Leader: none" (older releases: -1).
    leader: leader === undefined || leader === 'none' || leader === '-1' ? undefined : Number(leader),
    replicas: brokerIds(line.get('Replicas')),
    isr: brokerIds(line.get('Isr')),
  };
}

/**
 * The describe output of Kafka 3.9 and 4.x: a summary line per topic (Topic, TopicId,
 * PartitionCount, ReplicationFactor, Configs), then one tab-indented line per partition. The
 * summary's Configs column lists every non-default config, cluster-wide ones included, so
 * topic-level configs come from kafka-configs --describe instead.
 */
export function parseTopicDescriptions(stdout: string): Map<string, TopicDescription> {
  const descriptions = new Map<string, TopicDescription>();
  const counts = new Map<string, number>();
  for (const line of stdout.split('\n').map(fields)) {
    const topic = line.get('Topic');
    if (topic === undefined) continue;
    const description = descriptions.get(topic) ?? { topic, partitions: [] };
    descriptions.set(topic, description);
    if (line.has('PartitionCount')) counts.set(topic, Number(line.get('PartitionCount')));
    else if (line.has('Partition')) description.partitions.push(partitionFrom(line));
  }
  for (const [topic, description] of descriptions) {
    description.partitions.sort((a, b) => a.partition - b.partition);
    if (counts.get(topic) !== description.partitions.length) {
      throw new Error(
        `kafka-topics --describe: PartitionCount ${counts.get(topic) ?? '(none)'} but ${description.partitions.length} partition lines for ${topic}:\n${stdout}`,
      );
    }
  }
  return descriptions;
}
