import type { Admin } from 'kafkajs';
import { pollUntil } from '../wait.js';

/**
 * Right after CreateTopics, a KRaft broker's metadata may not know the topic yet and answers
 * UNKNOWN_TOPIC_OR_PARTITION; kafkajs' own waitForLeaders only tolerates LEADER_NOT_AVAILABLE, so
 * under load it fails although the topic is being created (seen here; tulios/kafkajs#1563).
 */
const NOT_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

function notYet(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    typeof error.type === 'string' &&
    NOT_YET.has(error.type)
  );
}

/** The topics that do not have a leader for every partition yet. */
async function topicsWithoutLeaders(admin: Admin, topics: readonly string[]): Promise<readonly string[]> {
  try {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...topics] });
    return topics.filter((name) => {
      const partitions = metadata.find((t) => t.name === name)?.partitions ?? [];
      return partitions.length === 0 || partitions.some((p) => p.leader < 0);
    });
  } catch (error) {
    if (notYet(error)) return topics;
    throw error;
  }
}

/** Polls the cluster's metadata until every partition of every topic has a leader. */
export async function waitForLeaders(admin: Admin, topics: readonly string[], timeoutMs: number): Promise<void> {
  let waiting: readonly string[] = topics;
  await pollUntil(
    async () => {
      waiting = await topicsWithoutLeaders(admin, topics);
      return waiting.length === 0 ? true : undefined;
    },
    {
      timeoutMs,
      describe: () => `a leader for every partition of ${topics.join(', ')}`,
      seen: () => `still without: ${waiting.join(', ')}`,
    },
  );
}
