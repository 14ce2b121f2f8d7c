/**
 * The error topic's partitions, read from the cluster's metadata: the dead-letter route picks each
 * error event's partition itself (see dead-letter-route.ts for why). Read once, and again after a
 * send failed: the partitions or their leaders may have changed.
 */
import type { Admin, PartitionMetadata } from 'kafkajs';

export interface ErrorTopicPartitions {
  /** Throws when the topic has no metadata (e.g. it does not exist). */
  partitions(): Promise<readonly PartitionMetadata[]>;
  forget(): void;
}

export function errorTopicPartitions(admin: Admin, topic: string): ErrorTopicPartitions {
  let known: readonly PartitionMetadata[] | undefined;
  return {
    async partitions() {
      if (known !== undefined) return known;
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = topics.find((t) => t.name === topic)?.partitions ?? [];
      if (partitions.length === 0)
        throw new Error(`the error topic ${topic} has no partitions in the cluster's metadata`);
      known = partitions;
      return partitions;
    },
    forget() {
      known = undefined;
    },
  };
}
