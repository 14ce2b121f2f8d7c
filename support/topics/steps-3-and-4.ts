/**
 * Steps 3 and 4 as reusable moves, so a later step's spec can start from the state they leave.
 * Step 3 creates OrderReceived as a person would at that point: the catalog's configs except the
 * retention, so the broker's default applies; step 4 raises the retention to the catalog's value.
 */
import type { Admin } from 'kafkajs';
import { createTopics, withoutConfig, type PrefixedTopic } from './catalog-topics.js';
import { setTopicConfigs } from '@kafka-event-spec/events';
import { RETENTION_MS } from './topic-config-names.js';

/** The topic as step 3 creates it: everything from the catalog but retention.ms. */
export function asCreatedInStep3(entry: PrefixedTopic): PrefixedTopic {
  return withoutConfig(entry, RETENTION_MS);
}

/** The retention the catalog asks for, which step 4 sets. */
export function catalogRetention(entry: PrefixedTopic): string {
  const retention = entry.configs[RETENTION_MS];
  if (retention === undefined) throw new Error(`the topic catalog sets no ${RETENTION_MS} for ${entry.name}`);
  return retention;
}

/** Step 4's change: only retention.ms, keeping the topic's other configs. */
export function raiseRetentionAsInStep4(admin: Admin, entry: PrefixedTopic): Promise<void> {
  return setTopicConfigs(admin, entry.topic, { [RETENTION_MS]: catalogRetention(entry) });
}

/** The topic as steps 3 and 4 leave it. */
export async function createAsAfterStep4(admin: Admin, entry: PrefixedTopic): Promise<void> {
  await createTopics(admin, [asCreatedInStep3(entry)]);
  await raiseRetentionAsInStep4(admin, entry);
}
