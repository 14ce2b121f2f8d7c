import { createHash } from 'node:crypto';

/**
 * A name-based UUID (RFC 9562 version 5): the same namespace and name give the same id, in any
 * process, at any time. That is what lets a repeated write (a retry, a redelivery) carry the id of
 * the first, so that a reader recognises the copy by CloudEvents source + id.
 */
export function nameBasedUuid(namespace: Buffer, name: string): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
