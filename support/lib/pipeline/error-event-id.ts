import { createHash } from 'node:crypto';
import type { RecordLocation } from '../events/index.js';

/** The UUID namespace of this project's dead-letter events (a random v4, fixed once). */
const DEAD_LETTER_NAMESPACE = Buffer.from('5e0b8f7c2d3a4e1f9b6c0a7d8e2f4c13', 'hex');

/**
 * The id of the error event for one record failed by one consumer group: a name-based UUID (RFC 9562
 * version 5) of group, topic, partition and offset. Should the route write the same failure twice (a
 * send it repeats after an unclear error, a rebalance before the commit), both copies carry the same
 * CloudEvents source and id, which is how a consumer recognises a duplicate.
 */
export function errorEventId(consumerGroup: string, { topic, partition, offset }: RecordLocation): string {
  const name = JSON.stringify([consumerGroup, topic, partition, offset]);
  const hash = createHash('sha1').update(DEAD_LETTER_NAMESPACE).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
