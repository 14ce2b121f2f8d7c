/**
 * The way to the error topic: the error events of a batch's failed records, written in as few
 * sends as the error topic's max.message.bytes allows, with acks=all by an idempotent producer.
 * A send resolves only when the error topic has every event in it; only then may the consumer
 * commit past those records. Every event fits the topic: a record too large to embed whole is
 * embedded truncated (see buildErrorEventWithin), so no record can stall its partition.
 *
 * Each producer.send carries one partition of the error topic, the partition picked here. A kafkajs
 * send that spans partitions led by several brokers can lose records and still resolve (kafkajs
 * 2.2.4, tulios/kafkajs#1303): it remembers which brokers answered, and when a leader dies and its
 * partitions move to a broker that already answered, the retry skips that broker, so the moved
 * partitions' records are never written, yet the send reports success. With one partition per
 * send, one broker answers for all of its records or the send fails.
 */
import { createHash } from 'node:crypto';
import type { Message, PartitionMetadata, Producer, RecordMetadata } from 'kafkajs';
import { buildErrorEventWithin, errorEventType, type ErrorEvent, type ParsedValue, type ReceivedRecord } from '../events/index.js';
import type { RecordFailure } from './classify-record.js';
import { errorEventId } from './error-event-id.js';
import type { ErrorTopicPartitions } from './error-topic-partitions.js';
import type { ErrorTopicLimit } from './error-topic-limit.js';
import { eventHeaders } from './event-headers.js';
import { Partitioners } from '../kafkajs.js';
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
  readonly partition: number;
  readonly size: number;
}

/** A send of one partition's records that resolved must say that partition took them. */
function checkAcknowledged(topic: string, partition: number, acks: readonly RecordMetadata[]): void {
  const ack = acks.find((a) => a.topicName === topic && a.partition === partition);
  if (ack === undefined || ack.errorCode !== 0) {
    throw new Error(`the send to ${topic}/${partition} resolved without that partition's acknowledgement (got ${JSON.stringify(acks)})`);
  }
}

export function deadLetterRoute(producer: Producer, topic: string, consumerGroup: string, limit: ErrorTopicLimit, partitions: ErrorTopicPartitions): DeadLetterRoute {
  // The producer's own default (murmur2 of the key, as Java's): one key's failures share a partition.
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionOf = (message: Message, partitionMetadata: readonly PartitionMetadata[]): number =>
    partitioner({ topic, partitionMetadata: [...partitionMetadata], message });

  /**
   * One send per partition, all at once. Returns the first refusal (undefined when every partition
   * took its records) and the partitions that refused.
   */
  const sendByPartition = async (chunk: readonly Outgoing[]): Promise<{ failed: ReadonlySet<number>; error: unknown }> => {
    const byPartition = new Map<number, Message[]>();
    for (const { message, partition } of chunk) {
      const messages = byPartition.get(partition) ?? [];
      messages.push(message);
      byPartition.set(partition, messages);
    }
    const sends = [...byPartition].map(async ([partition, messages]) => {
      checkAcknowledged(topic, partition, await producer.send({ topic, acks: ACKS_ALL, messages }));
    });
    const results = await Promise.allSettled(sends);
    const failed = new Set<number>();
    let error: unknown;
    [...byPartition.keys()].forEach((partition, i) => {
      const result = results[i];
      if (result?.status !== 'rejected') return;
      failed.add(partition);
      error ??= result.reason;
    });
    return { failed, error };
  };

  const outgoing = (letter: DeadLetter, maxMessageBytes: number, partitionMetadata: readonly PartitionMetadata[]): Outgoing => {
    const { record, failure, attempt, parsed } = letter;
    // The failed record's key: one order's failures land in one partition, in the order they happened.
    const key = errorRecordKey(record.key);
    const room = maxMessageBytes - RECORD_BATCH_OVERHEAD - recordSizeInBatch(key, null, errorHeaders);
    const { event, json } = buildErrorEventWithin(
      { record, consumerGroup, attempt, reason: failure, id: errorEventId(consumerGroup, record.topic, record.partition, record.offset) },
      room,
      parsed,
    );
    const message: Message = { key, value: json, headers: errorHeaders };
    const partition = partitionOf(message, partitionMetadata);
    return { event, message: { ...message, partition }, partition, size: recordSizeInBatch(key, json, errorHeaders) };
  };

  return {
    topic,
    async sendAll(letters, acknowledged) {
      if (letters.length === 0) return;
      const maxMessageBytes = await limit.maxMessageBytes();
      const partitionMetadata = await partitions.partitions();
      // A send becomes one record batch per partition, and the broker holds each batch to
      // max.message.bytes: so the records of one send stay under it together.
      const sendLimit = Math.min(maxMessageBytes, MAX_SEND_BYTES) - RECORD_BATCH_OVERHEAD;
      let chunk: Outgoing[] = [];
      let chunkBytes = 0;
      const flush = async () => {
        if (chunk.length === 0) return;
        const { failed, error } = await sendByPartition(chunk);
        if (failed.size > 0) {
          // What precedes the first refused record is written: acknowledged, so that its records are finished.
          const firstRefused = chunk.findIndex((o) => failed.has(o.partition));
          if (firstRefused > 0) acknowledged(chunk.slice(0, firstRefused).map((o) => o.event));
          // Partitions may have been added, or their leaders moved: read them again before the next try.
          partitions.forget();
          throw error;
        }
        acknowledged(chunk.map((o) => o.event));
        chunk = [];
        chunkBytes = 0;
      };
      for (const letter of letters) {
        const next = outgoing(letter, maxMessageBytes, partitionMetadata);
        if (chunk.length > 0 && chunkBytes + next.size > sendLimit) await flush();
        chunk.push(next);
        chunkBytes += next.size;
      }
      await flush();
    },
  };
}
