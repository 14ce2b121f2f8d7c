/**
 * What the user's cluster says about the catalog's topics, read with requests that need only the
 * DESCRIBE and DESCRIBE_CONFIGS rights: Metadata (list, partitions, leaders, replicas, ISR) and
 * DescribeConfigs. Nothing here writes; kafkajs' admin client asks Metadata with
 * allowAutoTopicCreation=false, so even a broker with auto.create.topics.enable creates nothing.
 */
import type { Admin } from 'kafkajs';
import { ConfigResourceTypes, configSourceName } from '@kafka-event-spec/events';
import type { PartitionDescription } from '../topics/topic-description.js';
import { describeTopic } from '../topics/topic-description.js';

/** One config as the broker resolves it for the topic, and where the value comes from. */
export interface ResolvedConfig {
  value: string;
  /** Kafka's name for the source, e.g. TOPIC_CONFIG (set on the topic) or DEFAULT_CONFIG. */
  source: string;
}

export interface ExistingTopic {
  /** The real name on the cluster, prefix included. */
  topic: string;
  partitions: PartitionDescription[];
  /** Every config of the topic as DescribeConfigs resolves it, by name. */
  configs: Record<string, ResolvedConfig>;
}

/** Plain JSON: read once in the verify globalSetup, handed to every verify spec. */
export interface ClusterState {
  /** Catalog name -> the topic on the cluster, or null when the cluster has no such topic. */
  topics: Record<string, ExistingTopic | null>;
}

export const TOPIC_CONFIG_SOURCE = 'TOPIC_CONFIG';

async function resolvedConfigs(
  admin: Admin,
  topics: readonly string[],
): Promise<Map<string, Record<string, ResolvedConfig>>> {
  const byTopic = new Map<string, Record<string, ResolvedConfig>>();
  if (topics.length === 0) return byTopic;
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
  });
  for (const resource of resources) {
    const configs: Record<string, ResolvedConfig> = {};
    for (const entry of resource.configEntries) {
      configs[entry.configName] = { value: entry.configValue, source: configSourceName(entry.configSource) };
    }
    byTopic.set(resource.resourceName, configs);
  }
  return byTopic;
}

/** The catalog's topics (by catalog name) as they are on the cluster under `prefix`. */
export async function readClusterState(
  admin: Admin,
  catalogNames: readonly string[],
  prefix: string,
): Promise<ClusterState> {
  const listed = new Set(await admin.listTopics());
  const present = catalogNames.filter((name) => listed.has(`${prefix}${name}`));
  const configs = await resolvedConfigs(
    admin,
    present.map((name) => `${prefix}${name}`),
  );
  const topics: Record<string, ExistingTopic | null> = {};
  for (const name of catalogNames) {
    const topic = `${prefix}${name}`;
    if (!listed.has(topic)) {
      topics[name] = null;
      continue;
    }
    const description = await describeTopic(admin, topic);
    topics[name] = { topic, partitions: description.partitions, configs: configs.get(topic) ?? {} };
  }
  return { topics };
}

/** The configs set on the topic itself (what `kafka-configs --describe` lists), by name. */
export function topicLevelValues(topic: ExistingTopic): Record<string, string> {
  return Object.fromEntries(
    Object.entries(topic.configs)
      .filter(([, config]) => config.source === TOPIC_CONFIG_SOURCE)
      .map(([name, config]) => [name, config.value]),
  );
}
