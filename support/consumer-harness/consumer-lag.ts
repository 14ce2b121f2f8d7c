/**
 * A consumer group's lag as the broker sees it: per partition, the committed offset against the
 * high watermark. Lag 0 everywhere means the group has committed every record the topic holds.
 */
import type { Admin } from 'kafkajs';
import { retryRetriable } from './retry-retriable.js';

export interface PartitionLag {
  readonly partition: number;
  /** The group's committed offset, or undefined when it has committed nothing there. */
  readonly committed: string | undefined;
  /** The high watermark: the offset the next record written to the partition will get. */
  readonly highWatermark: string;
  readonly lag: bigint;
}

export async function consumerLag(admin: Admin, groupId: string, topic: string): Promise<PartitionLag[]> {
  const [committedOffsets] = await retryRetriable(() => admin.fetchOffsets({ groupId, topics: [topic] }));
  const ends = await retryRetriable(() => admin.fetchTopicOffsets(topic));
  return ends
    .map(({ partition, high, low }) => {
      const offset = committedOffsets?.partitions.find((p) => p.partition === partition)?.offset;
      const committed = offset === undefined || BigInt(offset) < 0n ? undefined : offset;
      const lag = BigInt(high) - BigInt(committed ?? low);
      return { partition, committed, highWatermark: high, lag };
    })
    .sort((a, b) => a.partition - b.partition);
}

export function totalLag(lags: readonly PartitionLag[]): bigint {
  return lags.reduce((sum, { lag }) => sum + lag, 0n);
}
