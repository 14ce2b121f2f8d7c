/**
 * Everything verify could change on a cluster, read with an admin client: the topics, every
 * topic's full config with the source of each value, the consumer groups with their committed
 * offsets, and every partition's end offset. Equal before and after a run means it changed nothing.
 */
import type { Admin } from 'kafkajs';
import { ConfigResourceTypes, configSourceName } from '@kafka-event-spec/events';
import { retryRetriable } from '../consumer-harness/retry-retriable.js';

export interface ClusterSnapshot {
  topics: string[];
  configs: Record<string, Record<string, string>>;
  groups: Record<string, { state: string; offsets: Record<string, string[]> }>;
  endOffsets: Record<string, string[]>;
}

export async function snapshotCluster(admin: Admin): Promise<ClusterSnapshot> {
  const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__')).sort();
  const configs: ClusterSnapshot['configs'] = {};
  if (topics.length > 0) {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    });
    for (const r of resources) {
      configs[r.resourceName] = Object.fromEntries(
        r.configEntries.map((e) => [e.configName, `${e.configValue} (${configSourceName(e.configSource)})`]),
      );
    }
  }
  const endOffsets: ClusterSnapshot['endOffsets'] = {};
  for (const topic of topics) {
    // A topic created a moment ago can still answer NOT_LEADER_OR_FOLLOWER (see retryRetriable).
    endOffsets[topic] = (await retryRetriable(() => admin.fetchTopicOffsets(topic)))
      .sort((a, b) => a.partition - b.partition)
      .map((p) => p.high);
  }
  const groups: ClusterSnapshot['groups'] = {};
  const { groups: listed } = await admin.listGroups();
  const described = listed.length === 0 ? [] : (await admin.describeGroups(listed.map((g) => g.groupId))).groups;
  for (const group of described) {
    const offsets: Record<string, string[]> = {};
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group.groupId })) {
      offsets[topic] = partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset);
    }
    groups[group.groupId] = { state: group.state, offsets };
  }
  return { topics, configs, groups, endOffsets };
}
