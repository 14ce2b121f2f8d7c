import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { classEntryName, jarEntryNames } from './jar-entries.js';

/**
 * Kafka's command-line tools as cp-kafka puts them on PATH (Apache's bin/kafka-topics.sh is
 * cp-kafka's `kafka-topics`), each with the main classes that have implemented it, newest first:
 * several moved from the Scala core (kafka.admin, kafka.tools) to the Java kafka-tools module
 * between releases. For example, in 3.9.2 ConsoleProducer is still kafka.tools.ConsoleProducer,
 * in 4.3.1 it is org.apache.kafka.tools.ConsoleProducer; ConfigCommand is kafka.admin.ConfigCommand
 * in both. The image build picks whichever the jars hold, so one table serves every version.
 */
export interface KafkaTool {
  command: string;
  mainClasses: readonly string[];
  /** The suite's specs run it: the build fails when no candidate class is in the jars. */
  required: boolean;
}

const tool = (command: string, required: boolean, ...mainClasses: string[]): KafkaTool => ({ command, mainClasses, required });

export const KAFKA_TOOLS: readonly KafkaTool[] = [
  tool('kafka-topics', true, 'org.apache.kafka.tools.TopicCommand', 'kafka.admin.TopicCommand'),
  tool('kafka-configs', true, 'org.apache.kafka.tools.ConfigCommand', 'kafka.admin.ConfigCommand'),
  tool('kafka-console-producer', true, 'org.apache.kafka.tools.ConsoleProducer', 'kafka.tools.ConsoleProducer'),
  tool('kafka-console-consumer', true, 'org.apache.kafka.tools.consumer.ConsoleConsumer', 'kafka.tools.ConsoleConsumer'),
  tool('kafka-consumer-groups', true, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', 'kafka.admin.ConsumerGroupCommand'),
  tool('kafka-storage', true, 'kafka.tools.StorageTool'),
  tool('kafka-get-offsets', false, 'org.apache.kafka.tools.GetOffsetShell', 'kafka.tools.GetOffsetShell'),
  tool('kafka-delete-records', false, 'org.apache.kafka.tools.DeleteRecordsCommand', 'kafka.admin.DeleteRecordsCommand'),
  tool('kafka-dump-log', false, 'org.apache.kafka.tools.DumpLogSegments', 'kafka.tools.DumpLogSegments'),
  tool('kafka-log-dirs', false, 'org.apache.kafka.tools.LogDirsCommand', 'kafka.admin.LogDirsCommand'),
  tool('kafka-features', false, 'org.apache.kafka.tools.FeatureCommand', 'kafka.admin.FeatureCommand'),
  tool('kafka-metadata-quorum', false, 'org.apache.kafka.tools.MetadataQuorumCommand'),
  tool('kafka-cluster', false, 'org.apache.kafka.tools.ClusterTool', 'kafka.tools.ClusterTool'),
  tool('kafka-acls', false, 'org.apache.kafka.tools.AclCommand', 'kafka.admin.AclCommand'),
  tool('kafka-broker-api-versions', false, 'org.apache.kafka.tools.BrokerApiVersionsCommand', 'kafka.admin.BrokerApiVersionsCommand'),
  tool('kafka-transactions', false, 'org.apache.kafka.tools.TransactionsCommand'),
  tool('kafka-leader-election', false, 'org.apache.kafka.tools.LeaderElectionCommand'),
  tool('kafka-reassign-partitions', false, 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand'),
  tool('kafka-producer-perf-test', false, 'org.apache.kafka.tools.ProducerPerformance'),
  tool('kafka-consumer-perf-test', false, 'org.apache.kafka.tools.ConsumerPerformance'),
];

export interface ResolvedKafkaTool {
  command: string;
  mainClass: string;
}

/** Every entry of Kafka's own jars in libsDir (its third-party jars hold no tools). */
export function kafkaJarEntries(libsDir: string): Set<string> {
  const entries = new Set<string>();
  for (const jar of readdirSync(libsDir).filter((name) => name.startsWith('kafka') && name.endsWith('.jar'))) {
    for (const entry of jarEntryNames(join(libsDir, jar))) entries.add(entry);
  }
  return entries;
}

/** The tools this Kafka's jars provide (entries from kafkaJarEntries), each with its main class there. */
export function resolveKafkaTools(entries: ReadonlySet<string>, libsDir: string, tools: readonly KafkaTool[] = KAFKA_TOOLS): ResolvedKafkaTool[] {
  const resolved: ResolvedKafkaTool[] = [];
  const missing: string[] = [];
  for (const { command, mainClasses, required } of tools) {
    const mainClass = mainClasses.find((c) => entries.has(classEntryName(c)));
    if (mainClass !== undefined) resolved.push({ command, mainClass });
    else if (required) missing.push(`${command} (${mainClasses.join(' or ')})`);
  }
  if (missing.length > 0) {
    throw new Error(`The Kafka jars in ${libsDir} have no main class for: ${missing.join('; ')}. Add the class this version uses to support/container-image/kafka-tools.ts.`);
  }
  return resolved;
}

/** The wrapper cp-kafka would have at /usr/bin/<command>. */
export function toolWrapper(tool: ResolvedKafkaTool): string {
  return `#!/bin/bash\n# ${tool.command}: Apache Kafka's ${tool.mainClass}, as cp-kafka names it.\nexec kafka-run-class ${tool.mainClass} "$@"\n`;
}
