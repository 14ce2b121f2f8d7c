/**
 * What the milestone asks for, written out here rather than read from the topic catalog, so that a
 * wrong value in scripts/topic-catalog.txt (or asyncapi/asyncapi.yaml) fails its step instead of
 * being checked against itself.
 */

/** Step 3 creates OrderReceived; step 5 the other four, DeadLetterQueue being the error topic. */
export const MILESTONE_TOPICS = [
  'OrderReceived',
  'OrderConfirmed',
  'OrderPickedAndPacked',
  'Notification',
  'DeadLetterQueue',
] as const;

/** Step 3's topic, the one the others are configured like (step 5). */
export const FIRST_TOPIC = 'OrderReceived';

/** Where a consumer parks what it cannot process (step 7). */
export const ERROR_TOPIC = 'DeadLetterQueue';

/** Step 4: three days. */
export const THREE_DAYS_MS = 3 * 24 * 60 * 60 * 1000; // 259200000

/** The step that puts a topic in place: 3 for OrderReceived, 5 for the rest. */
export function stepCreating(topic: string): string {
  return topic === FIRST_TOPIC ? 'step 3' : 'step 5';
}

/** The step that sets a topic's retention: 4 for OrderReceived, 5 (the same configuration) for the rest. */
export function stepSettingRetention(topic: string): string {
  return topic === FIRST_TOPIC ? 'step 4' : 'step 5';
}
