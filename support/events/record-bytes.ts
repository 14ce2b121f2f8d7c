/**
 * Kafka keys, values and header values are bytes. An error event has to carry them in JSON and give
 * back the identical bytes on replay: text when the bytes are valid UTF-8 (readable in the event),
 * base64 otherwise, and for a value that was JSON, the parsed JSON itself.
 */
import type { EncodedBytes, EncodedValue } from './types.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text the bytes spell, or undefined when they are not valid UTF-8 (or would not re-encode identically). */
function utf8TextOf(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
  // A belt-and-braces guard: replay re-encodes this text, so it must give the very same bytes.
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

export function encodeBytes(bytes: Uint8Array): EncodedBytes {
  const text = utf8TextOf(bytes);
  if (text !== undefined) return { encoding: 'utf8', text };
  return { encoding: 'base64', base64: Buffer.from(bytes).toString('base64') };
}

export function decodeBytes(encoded: EncodedBytes): Buffer {
  return encoded.encoding === 'utf8' ? Buffer.from(encoded.text, 'utf8') : Buffer.from(encoded.base64, 'base64');
}

/**
 * A record value for an error event: null stays null; UTF-8 JSON becomes the parsed JSON (plus the
 * exact text when compact JSON.stringify would not reproduce it); anything else is encoded bytes.
 */
export function encodeValue(bytes: Uint8Array | null): EncodedValue {
  if (bytes === null) return null;
  const text = utf8TextOf(bytes);
  if (text === undefined) return encodeBytes(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { encoding: 'utf8', text };
  }
  return JSON.stringify(json) === text ? { encoding: 'json', json } : { encoding: 'json', json, text };
}

export function decodeValue(encoded: EncodedValue): Buffer | null {
  if (encoded === null) return null;
  if (encoded.encoding !== 'json') return decodeBytes(encoded);
  return Buffer.from(encoded.text ?? JSON.stringify(encoded.json), 'utf8');
}
