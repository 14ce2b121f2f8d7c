import type { Admin } from 'kafkajs';
import { pollUntil } from '@kafka-event-spec/events';

/**
 * Waits until the broker no longer lists `topic` after a spec deleted it. deleteTopics returns once
 * the controller has the deletion; the broker applies it a moment later and until then may still
 * take a write, so a spec that needs the topic gone (an error topic that cannot be written) waits.
 */
export async function topicGone(admin: Admin, topic: string, timeoutMs = 30_000): Promise<void> {
  await pollUntil(async () => ((await admin.listTopics()).includes(topic) ? undefined : true), {
    timeoutMs,
    describe: () => `${topic} to be gone after its deletion`,
  });
}
