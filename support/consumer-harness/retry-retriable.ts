import { setTimeout as sleep } from 'node:timers/promises';

function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retriable' in error && error.retriable === true;
}

/**
 * Runs an admin call again while Kafka answers with a retriable error. kafkajs's
 * admin.fetchTopicOffsets gives up at once on anything but UNKNOWN_TOPIC_OR_PARTITION, yet a topic
 * created moments ago with waitForLeaders can still answer ListOffsets with NOT_LEADER_OR_FOLLOWER
 * for a partition whose leadership the broker has not applied yet.
 */
export async function retryRetriable<T>(call: () => Promise<T>, attempts = 20, delayMs = 100): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetriable(error) || attempt >= attempts) throw error;
      await sleep(delayMs);
    }
  }
}
