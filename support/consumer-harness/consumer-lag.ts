/**
 * A consumer group's lag as the broker sees it: per partition, the committed offset against the
 * high watermark. Lag 0 everywhere means the group has committed every record the topic holds.
 */
import type { Admin } from 'kafkajs';
import { pollUntil } from '../lib/wait.js';
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

function describeLag(lags: readonly PartitionLag[]): string {
  return lags
    .map((l) => `partition ${l.partition}: committed ${l.committed ?? 'nothing'}, high watermark ${l.highWatermark}`)
    .join('; ');
}

/** Waits until the group has committed up to the high watermark on every partition of `topic`. */
export async function waitForZeroLag(
  admin: Admin,
  groupId: string,
  topic: string,
  timeoutMs = 30_000,
): Promise<PartitionLag[]> {
  let last: PartitionLag[] = [];
  return pollUntil(
    async () => {
      last = await consumerLag(admin, groupId, topic);
      return totalLag(last) === 0n ? last : undefined;
    },
    { timeoutMs, describe: () => `group ${groupId} to catch up on ${topic} (${describeLag(last)})` },
  );
}
