import type { Admin, ConfigEntries, ConfigSource as ConfigSourceCode } from 'kafkajs';
import { ConfigResourceTypes, ConfigSource } from '../kafkajs.js';
import { pollUntil } from '../wait.js';

const APPLY_TIMEOUT_MS = 30_000;

/** One config of a topic as the broker resolves it, and where the value comes from. */
export interface TopicConfigValue {
  name: string;
  value: string;
  /** Kafka's name for the source, e.g. TOPIC_CONFIG (set on the topic) or DEFAULT_CONFIG. */
  source: string;
  /**
   * True only when the topic itself carries the value. isDefault is not enough: on Kafka 4.x a
   * cluster-wide min.insync.replicas reports isDefault=false although the topic does not set it.
   */
  setOnTopic: boolean;
}

export function configSourceName(source: ConfigSourceCode): string {
  return Object.entries(ConfigSource).find(([, code]) => code === source)?.[0] ?? `source ${source}`;
}

async function describeTopicConfigEntries(admin: Admin, topic: string): Promise<ConfigEntries[]> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
  });
  const resource = resources.find((r) => r.resourceName === topic);
  if (resource === undefined) throw new Error(`describeConfigs returned nothing for topic ${topic}`);
  return resource.configEntries;
}

/** How the broker resolves one config of the topic (its own value, or an inherited default). */
export async function readTopicConfig(admin: Admin, topic: string, name: string): Promise<TopicConfigValue> {
  const entry = (await describeTopicConfigEntries(admin, topic)).find((e) => e.configName === name);
  if (entry === undefined) throw new Error(`topic ${topic} has no config named ${name}`);
  return {
    name,
    value: entry.configValue,
    source: configSourceName(entry.configSource),
    setOnTopic: entry.configSource === ConfigSource.TOPIC_CONFIG,
  };
}

/**
 * The configs set on the topic itself (what `kafka-configs --describe` lists as its dynamic
 * configs), without the broker's defaults.
 */
export async function topicLevelConfigs(admin: Admin, topic: string): Promise<Record<string, string>> {
  const configs: Record<string, string> = {};
  for (const entry of await describeTopicConfigEntries(admin, topic)) {
    if (entry.configSource !== ConfigSource.TOPIC_CONFIG) continue;
    if (entry.isSensitive) {
      // The broker hides the value, so it could not be sent back: refuse rather than lose it.
      throw new Error(
        `topic ${topic} sets the sensitive config ${entry.configName}, whose value the broker does not reveal`,
      );
    }
    configs[entry.configName] = entry.configValue;
  }
  return configs;
}

function sameConfigs(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

/** What waitForTopicLevelConfigs waits for, and how long. */
export interface TopicConfigsWait {
  /** True once the topic-level configs read are the ones waited for. */
  readonly until: (configs: Readonly<Record<string, string>>) => boolean;
  /** How long to poll before giving up; 30 s unless given. */
  readonly timeoutMs?: number;
}

/**
 * Polls until the topic's topic-level configs satisfy `until`. AlterConfigs returns once the
 * controller has accepted a change; the broker that answers DescribeConfigs applies it a moment
 * later, so a read right after the change can still show the old configs.
 */
export function waitForTopicLevelConfigs(
  admin: Admin,
  topic: string,
  { until, timeoutMs = APPLY_TIMEOUT_MS }: TopicConfigsWait,
): Promise<Record<string, string>> {
  let last: Record<string, string> = {};
  return pollUntil(
    async () => {
      last = await topicLevelConfigs(admin, topic);
      return until(last) ? last : undefined;
    },
    { timeoutMs, describe: () => `the change to ${topic}'s configs`, seen: () => JSON.stringify(last) },
  );
}

/**
 * Changes some of a topic's configs, keeps the others, and returns once the broker shows the
 * result. kafkajs 2.2.4 only has the legacy AlterConfigs request, which replaces the topic's whole
 * config set (a config left out reverts to the broker default), and lacks IncrementalAlterConfigs,
 * which `kafka-configs --alter` uses.
 * So: read the topic-level configs, apply the changes, send them all. A change another client
 * makes between the read and the write is lost; fine for a spec that owns its topic.
 */
export async function setTopicConfigs(
  admin: Admin,
  topic: string,
  changes: Readonly<Record<string, string>>,
): Promise<void> {
  const configs = { ...(await topicLevelConfigs(admin, topic)), ...changes };
  await admin.alterConfigs({
    validateOnly: false,
    resources: [
      {
        type: ConfigResourceTypes.TOPIC,
        name: topic,
        configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
      },
    ],
  });
  await waitForTopicLevelConfigs(admin, topic, { until: (now) => sameConfigs(now, configs) });
}
