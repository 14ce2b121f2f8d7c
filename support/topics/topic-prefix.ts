import { uniqueName } from '../run/unique-name.js';

/**
 * A prefix for the catalog topics one spec creates: `<run namespace>.<what>.<random>.`, so
 * `${prefix}OrderReceived` collides with no other spec and no other run on the same cluster.
 */
export function topicPrefix(what: string): string {
  return `${uniqueName(what)}.`;
}
