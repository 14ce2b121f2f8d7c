import type { Admin } from 'kafkajs';

/** One partition as `kafka-topics --describe` prints it. */
export interface PartitionDescription {
  partition: number;
  /** The broker id that leads the partition, or undefined when it has none ("Leader: none"). */
  leader: number | undefined;
  replicas: number[];
  isr: number[];
}

/** What both kafkajs' metadata and `kafka-topics --describe` say about a topic's partitions. */
export interface TopicDescription {
  topic: string;
  partitions: PartitionDescription[];
}

/** As kafka-topics reports it: the replica count of the first partition. */
export function replicationFactorOf(description: TopicDescription): number {
  return description.partitions[0]?.replicas.length ?? 0;
}

/** The topic's partitions, leaders and replicas, as a program sees them (a Metadata request). */
export async function describeTopic(admin: Admin, topic: string): Promise<TopicDescription> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const found = topics.find((t) => t.name === topic);
  if (found === undefined) throw new Error(`the cluster's metadata has no topic ${topic}`);
  const partitions = found.partitions
    .map((p) => ({
      partition: p.partitionId,
      // Kafka reports -1 for a partition without a leader.
      leader: p.leader >= 0 ? p.leader : undefined,
      replicas: [...p.replicas],
      isr: [...p.isr],
    }))
    .sort((a, b) => a.partition - b.partition);
  return { topic, partitions };
}
