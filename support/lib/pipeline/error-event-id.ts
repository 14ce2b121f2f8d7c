import { nameBasedUuid, type RecordLocation } from '../events/index.js';

/** The UUID namespace of this project's dead-letter events (a random v4, fixed once). */
const DEAD_LETTER_NAMESPACE = Buffer.from('5e0b8f7c2d3a4e1f9b6c0a7d8e2f4c13', 'hex');

/**
 * The id of the error event for one record failed by one consumer group: a name-based UUID of
 * group, topic, partition and offset. Should the route write the same failure twice (a send it
 * repeats after an unclear error, a rebalance before the commit), both copies carry the same
 * CloudEvents source and id, which is how a consumer recognises a duplicate.
 */
export function errorEventId(consumerGroup: string, { topic, partition, offset }: RecordLocation): string {
  return nameBasedUuid(DEAD_LETTER_NAMESPACE, JSON.stringify([consumerGroup, topic, partition, offset]));
}
