/**
 * Kafka keys, values and header values are bytes. An error event has to carry them in JSON and give
 * back the identical bytes on replay: text when the bytes are valid UTF-8 (readable in the event),
 * base64 otherwise, and for a value that was JSON, the parsed JSON itself.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { EncodedBytes, EncodedValue } from './types.js';

/** Bytes too large to embed: a prefix, the size, the SHA-256 and where the whole bytes are. */
export type TruncatedBytes = Extract<EncodedBytes, { encoding: 'truncated' }>;
/** Bytes embedded whole: text or base64. */
export type WholeBytes = Exclude<EncodedBytes, TruncatedBytes>;
/** Where a record is: the place to read bytes an error event holds only truncated. */
export type RecordLocation = TruncatedBytes['readFrom'];

/** The text the bytes spell, or undefined when they are not valid UTF-8 (or would not re-encode identically). */
function utf8TextOf(bytes: Uint8Array): string | undefined {
  // isUtf8 rejects what a fatal TextDecoder rejects (overlong forms, surrogates, truncated sequences), natively.
  if (!isUtf8(bytes)) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  // A belt-and-braces guard: replay re-encodes this text, so it must give the very same bytes.
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

export function encodeBytes(bytes: Uint8Array): WholeBytes {
  const text = utf8TextOf(bytes);
  if (text !== undefined) return { encoding: 'utf8', text };
  return { encoding: 'base64', base64: Buffer.from(bytes).toString('base64') };
}

/** How to cut bytes down for an error event. */
export interface TruncateOptions {
  /** How many of the first bytes to keep (cut back to a UTF-8 character boundary). */
  readonly prefixLength: number;
  /** Where the whole bytes can be read. */
  readonly readFrom: RecordLocation;
  /** The bytes' SHA-256, when the caller has it already; computed otherwise. */
  readonly sha256?: string;
}

/**
 * The bytes' first `prefixLength` bytes (cut back to a UTF-8 character boundary, so a text prefix
 * stays text), their size and SHA-256, and where the whole bytes can be read.
 */
export function truncateBytes(
  bytes: Uint8Array,
  { prefixLength, readFrom, sha256 = sha256Hex(bytes) }: TruncateOptions,
): TruncatedBytes {
  let end = Math.max(0, Math.min(prefixLength, bytes.length - 1));
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return {
    encoding: 'truncated',
    size: bytes.length,
    sha256,
    prefix: encodeBytes(bytes.subarray(0, end)),
    readFrom,
  };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Thrown when bytes were embedded truncated: the error event alone cannot give them back. */
export class TruncatedBytesError extends Error {
  constructor(
    readonly what: string,
    readonly truncated: TruncatedBytes,
  ) {
    const { size, sha256, readFrom } = truncated;
    super(
      `cannot give back the original ${what}: the error event holds only a prefix of its ${size} bytes (sha256 ${sha256}); ` +
        `read it from ${readFrom.topic}/${readFrom.partition}/${readFrom.offset} while the topic retains it`,
    );
    this.name = 'TruncatedBytesError';
  }
}

export function decodeBytes(encoded: EncodedBytes, what = 'bytes'): Buffer {
  if (encoded.encoding === 'truncated') throw new TruncatedBytesError(what, encoded);
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
  return encodeParsedJson(text, json);
}

/** encodeValue for a value already known to be the UTF-8 JSON `text`, parsed as `json`: no second parse. */
export function encodeParsedJson(text: string, json: unknown): EncodedValue {
  let compact: string | undefined;
  try {
    compact = JSON.stringify(json);
  } catch {
    // Nested too deep for JSON.stringify (JSON.parse takes what it cannot give back): keep the text.
    compact = undefined;
  }
  return compact === text ? { encoding: 'json', json } : { encoding: 'json', json, text };
}

export function decodeValue(encoded: EncodedValue): Buffer | null {
  if (encoded === null) return null;
  if (encoded.encoding !== 'json') return decodeBytes(encoded, 'value');
  return Buffer.from(encoded.text ?? JSON.stringify(encoded.json), 'utf8');
}
