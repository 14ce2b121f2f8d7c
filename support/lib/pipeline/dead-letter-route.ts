/**
 * The way to the error topic: the error events of a batch's failed records, written in as few
 * sends as the error topic's max.message.bytes allows, with acks=all by an idempotent producer.
 * A send resolves only when the error topic has every event in it; only then may the consumer
 * commit past those records. Every event fits the topic: a record too large to embed whole is
 * embedded truncated (see buildErrorEventWithin), so no record can stall its partition.
 */
import { createHash } from 'node:crypto';
import type { Message, Producer } from 'kafkajs';
import { buildErrorEventWithin, errorEventType, type ErrorEvent, type ParsedValue, type ReceivedRecord } from '../events/index.js';
import type { RecordFailure } from './classify-record.js';
import { errorEventId } from './error-event-id.js';
import type { ErrorTopicLimit } from './error-topic-limit.js';
import { eventHeaders } from './event-headers.js';
import { ACKS_ALL } from './producer-settings.js';
import { RECORD_BATCH_OVERHEAD, recordSizeInBatch } from './record-size.js';

/** A failed record on its way to the error topic; `attempt` counts this try. */
export interface DeadLetter {
  readonly record: ReceivedRecord;
  readonly failure: RecordFailure;
  readonly attempt: number;
  /** The value's text and JSON when the consumer got that far: not parsed again. */
  readonly parsed?: ParsedValue | undefined;
}

export interface DeadLetterRoute {
  readonly topic: string;
  /**
   * Writes the letters' error events in their order and calls `acknowledged` after each send with
   * the events the error topic acknowledged (always a prefix of what is left). Throws on the first
   * send the topic refuses; the letters after the acknowledged ones are then not written.
   */
  sendAll(letters: readonly DeadLetter[], acknowledged: (events: readonly ErrorEvent[]) => void): Promise<void>;
}

// One send's bytes stay under this even when the error topic accepts more, to bound the producer's memory.
const MAX_SEND_BYTES = 1024 * 1024;
// A key longer than this is replaced, as the error record's key only, by its SHA-256: it still
// places one key's failures in one partition, and the key itself is in the event.
const MAX_ERROR_KEY_BYTES = 1024;

const errorHeaders = { ...eventHeaders(errorEventType) };

function errorRecordKey(key: Uint8Array | null): Buffer | null {
  if (key === null) return null;
  if (key.length <= MAX_ERROR_KEY_BYTES) return Buffer.from(key.buffer, key.byteOffset, key.length);
  return Buffer.from(createHash('sha256').update(key).digest('hex'), 'utf8');
}

interface Outgoing {
  readonly event: ErrorEvent;
  readonly message: Message;
  readonly size: number;
}

export function deadLetterRoute(producer: Producer, topic: string, consumerGroup: string, limit: ErrorTopicLimit): DeadLetterRoute {
  const outgoing = (letter: DeadLetter, maxMessageBytes: number): Outgoing => {
    const { record, failure, attempt, parsed } = letter;
    // The failed record's key: one order's failures land in one partition, in the order they happened.
    const key = errorRecordKey(record.key);
    const room = maxMessageBytes - RECORD_BATCH_OVERHEAD - recordSizeInBatch(key, null, errorHeaders);
    const { event, json } = buildErrorEventWithin(
      { record, consumerGroup, attempt, reason: failure, id: errorEventId(consumerGroup, record.topic, record.partition, record.offset) },
      room,
      parsed,
    );
    return { event, message: { key, value: json, headers: errorHeaders }, size: recordSizeInBatch(key, json, errorHeaders) };
  };

  return {
    topic,
    async sendAll(letters, acknowledged) {
      if (letters.length === 0) return;
      const maxMessageBytes = await limit.maxMessageBytes();
      // A send becomes one record batch per partition, and the broker holds each batch to
      // max.message.bytes: so the records of one send stay under it together.
      const sendLimit = Math.min(maxMessageBytes, MAX_SEND_BYTES) - RECORD_BATCH_OVERHEAD;
      let chunk: Outgoing[] = [];
      let chunkBytes = 0;
      const flush = async () => {
        if (chunk.length === 0) return;
        await producer.send({ topic, acks: ACKS_ALL, messages: chunk.map((o) => o.message) });
        acknowledged(chunk.map((o) => o.event));
        chunk = [];
        chunkBytes = 0;
      };
      for (const letter of letters) {
        const next = outgoing(letter, maxMessageBytes);
        if (chunk.length > 0 && chunkBytes + next.size > sendLimit) await flush();
        chunk.push(next);
        chunkBytes += next.size;
      }
      await flush();
    },
  };
}
