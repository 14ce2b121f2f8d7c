/**
 * The way to the error topic: the error events of a batch's failed records, written in as few
 * sends as the error topic's max.message.bytes allows, with acks=all by an idempotent producer.
 * A send resolves only when the error topic has every event in it; only then may the consumer
 * commit past those records. Every event fits the topic: a record too large to embed whole is
 * embedded truncated (see buildErrorEventWithin), so no record can stall its partition.
 *
 * A send is trusted only as far as its acknowledgements go (tulios/kafkajs#1303, see
 * acknowledged-partitions.ts): the route picks each error event's partition itself, and a partition
 * missing from the send's acknowledgements counts as refused: its records are not acknowledged and
 * are tried again.
 */
import { createHash } from 'node:crypto';
import type { IHeaders, Message, PartitionMetadata, Producer } from 'kafkajs';
import {
  buildErrorEventWithin,
  errorEventType,
  type ErrorEvent,
  type ParsedValue,
  type ReceivedRecord,
} from '../events/index.js';
import type { RecordFailure } from './classify-record.js';
import { errorEventId } from './error-event-id.js';
import type { ErrorTopicPartitions } from './error-topic-partitions.js';
import type { ErrorTopicLimit } from './error-topic-limit.js';
import { deadLetterHeaders } from './dead-letter-headers.js';
import { eventHeaders } from './event-headers.js';
import { Partitioners } from '../kafkajs.js';
import { UnacknowledgedPartitionsError, unacknowledgedPartitions } from './acknowledged-partitions.js';
import { keyPartition } from './murmur2.js';
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

// One partition's part of a send stays under this even when the error topic accepts more, to bound
// the producer's memory; a send carries at most MAX_SEND_BYTES_IN_ALL.
const MAX_SEND_BYTES = 1024 * 1024;
const MAX_SEND_BYTES_IN_ALL = 4 * MAX_SEND_BYTES;
// A key longer than this is replaced, as the error record's key only, by its SHA-256: it still
// places one key's failures in one partition, and the key itself is in the event.
const MAX_ERROR_KEY_BYTES = 1024;

const eventHeadersOfErrors = eventHeaders(errorEventType);

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

/** What a route writes with and to. */
export interface DeadLetterRouteOptions {
  /** Sends the error events (acks=all); an idempotent producer. */
  readonly producer: Pick<Producer, 'send'>;
  /** The error topic. */
  readonly topic: string;
  /** The consumer group whose failures these are: named in every error event and in its id. */
  readonly consumerGroup: string;
  /** The error topic's max.message.bytes. */
  readonly limit: ErrorTopicLimit;
  /** The error topic's partitions, to place each error event by its key. */
  readonly partitions: ErrorTopicPartitions;
}

export function deadLetterRoute({
  producer,
  topic,
  consumerGroup,
  limit,
  partitions,
}: DeadLetterRouteOptions): DeadLetterRoute {
  // The producer's own default (murmur2 of the key, as Java's): one key's failures share a partition.
  // It also spreads records without a key; a key's partition is computed here, the same, faster.
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionOf = (
    key: Buffer | null,
    message: Message,
    partitionMetadata: readonly PartitionMetadata[],
  ): number =>
    key === null
      ? partitioner({ topic, partitionMetadata: [...partitionMetadata], message })
      : keyPartition(key, partitionMetadata.length);

  /** One send; returns the partitions of `chunk` whose records the error topic did not acknowledge. */
  const sendChunk = async (chunk: readonly Outgoing[]): Promise<number[]> => {
    const acks = await producer.send({ topic, acks: ACKS_ALL, messages: chunk.map((o) => o.message) });
    return unacknowledgedPartitions(
      topic,
      chunk.map((o) => o.partition),
      acks,
    );
  };

  const outgoing = (
    letter: DeadLetter,
    maxMessageBytes: number,
    partitionMetadata: readonly PartitionMetadata[],
  ): Outgoing => {
    const { record, failure, attempt, parsed } = letter;
    // The failed record's key: one order's failures land in one partition, in the order they happened.
    const key = errorRecordKey(record.key);
    // The CloudEvents headers, and the original's coordinates as Spring Kafka's kafka_dlt-* headers.
    const errorHeaders: IHeaders = {
      ...eventHeadersOfErrors,
      ...deadLetterHeaders({ record, consumerGroup, message: failure.message }),
    };
    // Sized once: the record without its value, plus the value's bytes.
    const sizeWithoutValue = recordSizeInBatch(key, null, errorHeaders);
    const room = maxMessageBytes - RECORD_BATCH_OVERHEAD - sizeWithoutValue;
    const { event, json } = buildErrorEventWithin(
      {
        record,
        consumerGroup,
        attempt,
        reason: failure,
        id: errorEventId(consumerGroup, record),
      },
      room,
      parsed,
    );
    // The value as bytes, encoded once: its length is its size, and kafkajs copies it as it is
    // (a string it would measure twice and encode again).
    const value = Buffer.from(json, 'utf8');
    const unplaced: Message = { key, value, headers: errorHeaders };
    const partition = partitionOf(key, unplaced, partitionMetadata);
    return { event, message: { ...unplaced, partition }, partition, size: sizeWithoutValue + value.length };
  };

  return {
    topic,
    async sendAll(letters, acknowledged) {
      if (letters.length === 0) return;
      const maxMessageBytes = await limit.maxMessageBytes();
      const partitionMetadata = await partitions.partitions();
      // A send becomes one record batch per partition, and the broker holds each batch to
      // max.message.bytes: so the records of one send for one partition stay under it together.
      const sendLimit = Math.min(maxMessageBytes, MAX_SEND_BYTES) - RECORD_BATCH_OVERHEAD;
      const bytesByPartition = new Map<number, number>();
      let chunk: Outgoing[] = [];
      let chunkBytes = 0;
      const flush = async () => {
        if (chunk.length === 0) return;
        const missing = await sendChunk(chunk).catch((error: unknown) => {
          partitions.forget();
          throw error;
        });
        if (missing.length > 0) {
          // What precedes the first unwritten record is written: acknowledged, so that its records are finished.
          const firstUnwritten = chunk.findIndex((o) => missing.includes(o.partition));
          if (firstUnwritten > 0) acknowledged(chunk.slice(0, firstUnwritten).map((o) => o.event));
          // The partitions' leaders moved: read them again before the next try.
          partitions.forget();
          throw new UnacknowledgedPartitionsError(topic, missing, 'their error events');
        }
        acknowledged(chunk.map((o) => o.event));
        chunk = [];
        chunkBytes = 0;
        bytesByPartition.clear();
      };
      for (const letter of letters) {
        const next = outgoing(letter, maxMessageBytes, partitionMetadata);
        const partitionBytes = (bytesByPartition.get(next.partition) ?? 0) + next.size;
        if (chunk.length > 0 && (partitionBytes > sendLimit || chunkBytes + next.size > MAX_SEND_BYTES_IN_ALL))
          await flush();
        chunk.push(next);
        chunkBytes += next.size;
        bytesByPartition.set(next.partition, (bytesByPartition.get(next.partition) ?? 0) + next.size);
      }
      await flush();
    },
  };
}
