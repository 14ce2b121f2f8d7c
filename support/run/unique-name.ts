import { randomBytes } from 'node:crypto';
import { brokerOfThisRun } from './kafka-client.js';

/**
 * A topic or group name no other spec, and no other run on the same cluster, uses:
 * <run namespace>.<what>.<random>. Kafka allows [a-zA-Z0-9._-] in topic names.
 */
export function uniqueName(what: string): string {
  const safe = what.replace(/[^a-zA-Z0-9._-]/g, '-');
  return `${brokerOfThisRun().namespace}.${safe}.${randomBytes(3).toString('hex')}`;
}
