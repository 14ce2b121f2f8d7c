import type { Admin, ITopicConfig } from 'kafkajs';
import { catalogTopic, loadTopicCatalog, type CatalogTopic } from './topic-catalog.js';
import { waitForLeaders } from '@kafka-event-spec/events';

const CREATE_TIMEOUT_MS = 30_000;

/** A catalog topic as a spec creates it: under a prefix that keeps it apart from every other spec. */
export interface PrefixedTopic extends CatalogTopic {
  topic: string;
}

export function prefixed(prefix: string, catalog: CatalogTopic[] = loadTopicCatalog()): PrefixedTopic[] {
  return catalog.map((entry) => ({ ...entry, topic: `${prefix}${entry.name}` }));
}

/** One catalog topic under `prefix`, e.g. prefixedTopic('spec-x.step-3.a1b2c3.', 'OrderReceived'). */
export function prefixedTopic(
  prefix: string,
  name: string,
  catalog: CatalogTopic[] = loadTopicCatalog(),
): PrefixedTopic {
  const entry = catalogTopic(name, catalog);
  return { ...entry, topic: `${prefix}${entry.name}` };
}

/** The same topic with one config left out, so the broker's default applies to it. */
export function withoutConfig(entry: PrefixedTopic, configName: string): PrefixedTopic {
  const configs = Object.fromEntries(Object.entries(entry.configs).filter(([name]) => name !== configName));
  return { ...entry, configs };
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
 * Creates the topics and waits until every partition has a leader, so a producer that starts right
 * after does not meet LEADER_NOT_AVAILABLE (our own wait: kafkajs' trips over KRaft, see
 * wait-for-leaders.ts). kafkajs resolves `false` instead of failing when the topics already exist;
 * a spec's names are unique, so that means something is wrong: fail loudly.
 */
export async function createTopics(admin: Admin, topics: readonly PrefixedTopic[]): Promise<void> {
  if (topics.length === 0) return;
  const created = await admin.createTopics({
    topics: topics.map(topicConfig),
    waitForLeaders: false,
    timeout: CREATE_TIMEOUT_MS,
  });
  if (!created) {
    throw new Error(
      `createTopics: some of ${topics.map((t) => t.topic).join(', ')} already exist; spec topic names must be unique`,
    );
  }
  const names = topics.map((t) => t.topic);
  try {
    await waitForLeaders(admin, names, CREATE_TIMEOUT_MS);
  } catch (error) {
    // The caller never learns these names, so it could not clean them up: do it here.
    await deleteTopics(admin, names).catch(() => undefined);
    throw error;
  }
}

/** Creates the catalog's topics (or only the named ones) under `prefix`, with their catalog configs. */
export async function createCatalogTopics(
  admin: Admin,
  prefix: string,
  only?: readonly string[],
): Promise<PrefixedTopic[]> {
  const catalog = loadTopicCatalog();
  const topics =
    only === undefined ? prefixed(prefix, catalog) : only.map((name) => prefixedTopic(prefix, name, catalog));
  await createTopics(admin, topics);
  return topics;
}

/** Removes what a spec created; a topic already gone is fine. */
export async function deleteTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  if (topics.length === 0) return;
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((t) => existing.has(t));
  if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: 30_000 });
}
