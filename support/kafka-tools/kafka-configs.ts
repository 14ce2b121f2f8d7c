/**
 * kafka-configs on topics (its main class, by version: scripts/shell/lib/kafka-tool-classes.tsv): one function per way the milestone uses it.
 * Each returns the command, not its result: run it with KafkaTools.run, show it with shellCommand.
 */
import type { KafkaToolCommand } from './kafka-tool-command.js';

/**
 * kafka-configs.sh --entity-type topics --entity-name T --alter --add-config name=value[,...]
 * Changes only the named configs: the tool uses IncrementalAlterConfigs, unlike kafkajs.
 * (A value that itself contains a comma would need [a,b] brackets; the catalog has none.)
 */
export function kafkaConfigsAlterTopic(
  topic: string,
  configs: Readonly<Record<string, string>>,
): KafkaToolCommand<string> {
  const pairs = Object.entries(configs).map(([name, value]) => `${name}=${value}`);
  if (pairs.length === 0) throw new Error('kafka-configs --alter needs at least one config to add');
  return {
    tool: 'kafka-configs',
    args: ['--entity-type', 'topics', '--entity-name', topic, '--alter', '--add-config', pairs.join(',')],
    parse: (stdout) => stdout.trim(),
  };
}

/** kafka-configs.sh --entity-type topics --entity-name T --alter --delete-config name[,...]: the broker's default applies again. */
export function kafkaConfigsDeleteTopicConfigs(topic: string, names: readonly string[]): KafkaToolCommand<string> {
  if (names.length === 0) throw new Error('kafka-configs --delete-config needs at least one config name');
  return {
    tool: 'kafka-configs',
    args: ['--entity-type', 'topics', '--entity-name', topic, '--alter', '--delete-config', names.join(',')],
    parse: (stdout) => stdout.trim(),
  };
}

/**
 * kafka-configs.sh --entity-type topics --entity-name T --describe: the configs set on the topic
 * itself ("Dynamic configs for topic T are:"), without the broker's defaults.
 */
export function kafkaConfigsDescribeTopic(topic: string): KafkaToolCommand<Record<string, string>> {
  return {
    tool: 'kafka-configs',
    args: ['--entity-type', 'topics', '--entity-name', topic, '--describe'],
    parse: (stdout) => {
      const configs = parseTopicConfigs(stdout).get(topic);
      if (configs === undefined) throw new Error(`kafka-configs --describe printed nothing about ${topic}:\n${stdout}`);
      return configs;
    },
  };
}

/** kafka-configs.sh --entity-type topics --describe: the topic-level configs of every topic, by name. */
export function kafkaConfigsDescribeTopics(): KafkaToolCommand<Map<string, Record<string, string>>> {
  return {
    tool: 'kafka-configs',
    args: ['--entity-type', 'topics', '--describe'],
    parse: parseTopicConfigs,
    askAgainOn: /UnknownTopicOrPartitionException/,
  };
}

const HEADER = /^Dynamic configs for topic (\S+) are:$/;
// "  retention.ms=259200000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=259200000}"
const CONFIG_LINE = /^\s+([^=\s]+)=(.*) sensitive=(?:true|false) synonyms=\{.*\}$/;

/** Every line is understood or the parse fails, so a changed output format cannot pass unnoticed. */
export function parseTopicConfigs(stdout: string): Map<string, Record<string, string>> {
  const topics = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of stdout.split('\n').filter((l) => l.trim() !== '')) {
    const header = HEADER.exec(line.trim());
    if (header?.[1] !== undefined) {
      current = {};
      topics.set(header[1], current);
      continue;
    }
    const config = CONFIG_LINE.exec(line);
    if (current === undefined || config?.[1] === undefined || config[2] === undefined) {
      throw new Error(`kafka-configs --describe printed a line this parser does not understand: "${line}"\n${stdout}`);
    }
    current[config[1]] = config[2];
  }
  return topics;
}
