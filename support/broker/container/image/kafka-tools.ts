import {
  KAFKA_TOOL_CLASSES_FILE,
  kafkaToolClass,
  kafkaToolNames,
  requireKafkaToolClass,
} from '../../../kafka-tools/kafka-tool-classes.js';
import { classEntryName, libsEntryNames } from './jar-entries.js';

/**
 * Kafka's command-line tools as cp-kafka puts them on PATH (Apache's bin/kafka-topics.sh is
 * cp-kafka's `kafka-topics`), each running the main class that the one table of tool classes
 * (scripts/shell/lib/kafka-tool-classes.tsv) gives for the jars' Kafka version.
 */

/** The suite's specs run these inside the container: the build fails when the jars lack one. */
const REQUIRED_TOOLS = new Set([
  'kafka-topics',
  'kafka-configs',
  'kafka-console-producer',
  'kafka-console-consumer',
  'kafka-consumer-groups',
  'kafka-storage',
]);

/** Not wrapped: the image's launch script starts the broker itself, and the image runs KRaft only. */
const NOT_WRAPPED = new Set(['kafka-server-start', 'zookeeper-server-start']);

export interface ResolvedKafkaTool {
  command: string;
  mainClass: string;
}

/** Every entry of Kafka's own jars in libsDir (its third-party jars hold no tools). */
export function kafkaJarEntries(libsDir: string): Set<string> {
  return libsEntryNames(libsDir, (jar) => jar.startsWith('kafka'));
}

/** The class the image's launch script starts the broker with. */
export function kafkaServerClass(kafkaVersion: string): string {
  return requireKafkaToolClass('kafka-server-start', kafkaVersion);
}

/**
 * The tools this Kafka's jars provide (entries from kafkaJarEntries), each with its main class.
 * A tool the table says this version no longer has is left out; so is an optional one whose class
 * the jars lack (a release older than the table was checked against).
 */
export function resolveKafkaTools(
  entries: ReadonlySet<string>,
  libsDir: string,
  kafkaVersion: string,
): ResolvedKafkaTool[] {
  const resolved: ResolvedKafkaTool[] = [];
  const missing: string[] = [];
  for (const command of kafkaToolNames().filter((tool) => !NOT_WRAPPED.has(tool))) {
    const mainClass = kafkaToolClass(command, kafkaVersion);
    if (mainClass === undefined) continue;
    if (entries.has(classEntryName(mainClass))) resolved.push({ command, mainClass });
    else if (REQUIRED_TOOLS.has(command)) missing.push(`${command} (${mainClass})`);
  }
  if (missing.length > 0) {
    throw new Error(
      `The Kafka ${kafkaVersion} jars in ${libsDir} have no main class for: ${missing.join('; ')}. Fix the rows in ${KAFKA_TOOL_CLASSES_FILE}.`,
    );
  }
  return resolved;
}

/** The wrapper cp-kafka would have at /usr/bin/<command>. */
export function toolWrapper(tool: ResolvedKafkaTool): string {
  return `#!/bin/bash\n# ${tool.command}: Apache Kafka's ${tool.mainClass}, as cp-kafka names it.\nexec kafka-run-class ${tool.mainClass} "$@"\n`;
}
