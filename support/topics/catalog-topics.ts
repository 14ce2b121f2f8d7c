import type { Admin, ITopicConfig } from 'kafkajs';
import { loadTopicCatalog, type CatalogTopic } from './topic-catalog.js';

/** A catalog topic as a spec creates it: under a prefix that keeps it apart from every other spec. */
export interface PrefixedTopic extends CatalogTopic {
  topic: string;
}

export function prefixed(prefix: string, catalog: CatalogTopic[] = loadTopicCatalog()): PrefixedTopic[] {
  return catalog.map((entry) => ({ ...entry, topic: `${prefix}${entry.name}` }));
}

export function topicConfig(entry: PrefixedTopic): ITopicConfig {
  return {
    topic: entry.topic,
    numPartitions: entry.partitions,
    replicationFactor: entry.replicationFactor,
    configEntries: Object.entries(entry.configs).map(([name, value]) => ({ name, value })),
  };
}

/**
 * Creates the catalog's topics under `prefix` and waits until every partition has a leader,
 * so a producer that starts right after does not meet LEADER_NOT_AVAILABLE.
 */
export async function createCatalogTopics(admin: Admin, prefix: string, only?: readonly string[]): Promise<PrefixedTopic[]> {
  const topics = prefixed(prefix).filter((t) => only === undefined || only.includes(t.name));
  await admin.createTopics({ topics: topics.map(topicConfig), waitForLeaders: true, timeout: 30_000 });
  return topics;
}

/** Removes what a spec created; a topic already gone is fine. */
export async function deleteTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  if (topics.length === 0) return;
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((t) => existing.has(t));
  if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: 30_000 });
}
