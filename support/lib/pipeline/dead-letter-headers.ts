/**
 * The headers an error record carries besides the CloudEvents ones: where the original record was,
 * under the names Spring Kafka's DeadLetterPublishingRecoverer writes (KafkaHeaders.DLT_ORIGINAL_*),
 * so that tools which already read Spring's dead-letter topics (Spring consumers and re-publishers,
 * Kafka UIs that decode them) find the original without parsing the value. The value, the
 * CloudEvent, stays the contract; these headers repeat part of it for such tools.
 *
 * Why Spring's convention and not Kafka Connect's (`__connect.errors.topic/partition/offset`):
 * Connect's DLQ record carries the original bytes as its value, ours carries an error event, and
 * Spring's DefaultErrorHandler is the peer a JVM team would otherwise run next to this consumer.
 *
 * The values are encoded as Spring encodes them (spring-kafka DeadLetterPublishingRecoverer
 * maybeAddOriginalHeaders / addExceptionInfoHeaders): the topic, consumer group and exception
 * message as UTF-8 text, the partition as a 4-byte big-endian int (ByteBuffer.putInt) and the offset
 * as an 8-byte big-endian long (ByteBuffer.putLong), not as decimal text. Text would be easier to
 * read in kcat, but a Spring consumer reads these with ByteBuffer.wrap(value).getInt()/getLong():
 * text there gives wrong numbers, so the bytes follow Spring.
 */
import type { IHeaders } from 'kafkajs';
import type { ReceivedRecord } from '../events/index.js';

export const DLT_ORIGINAL_TOPIC = 'kafka_dlt-original-topic';
export const DLT_ORIGINAL_PARTITION = 'kafka_dlt-original-partition';
export const DLT_ORIGINAL_OFFSET = 'kafka_dlt-original-offset';
export const DLT_ORIGINAL_CONSUMER_GROUP = 'kafka_dlt-original-consumer-group';
export const DLT_EXCEPTION_MESSAGE = 'kafka_dlt-exception-message';

// The whole reason message is in the error event; the header holds at most this much of it, so a
// long message (every schema error of a large event) does not crowd the event out of the record.
const MAX_EXCEPTION_MESSAGE_BYTES = 1024;

/** The text's UTF-8 bytes, cut to at most `max` bytes on a character boundary. */
function utf8Prefix(text: string, max: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** What the dead-letter headers say about a failed record. */
export interface DeadLetterHeaderFacts {
  readonly record: Pick<ReceivedRecord, 'topic' | 'partition' | 'offset'>;
  readonly consumerGroup: string;
  /** Why it failed (the error event's reason message). */
  readonly message: string;
}

/** Spring Kafka's kafka_dlt-* headers for a failed record, encoded as Spring encodes them. */
export function deadLetterHeaders({ record, consumerGroup, message }: DeadLetterHeaderFacts): IHeaders {
  const partition = Buffer.alloc(4);
  partition.writeInt32BE(record.partition);
  const offset = Buffer.alloc(8);
  offset.writeBigInt64BE(BigInt(record.offset));
  return {
    [DLT_ORIGINAL_TOPIC]: Buffer.from(record.topic, 'utf8'),
    [DLT_ORIGINAL_PARTITION]: partition,
    [DLT_ORIGINAL_OFFSET]: offset,
    [DLT_ORIGINAL_CONSUMER_GROUP]: Buffer.from(consumerGroup, 'utf8'),
    [DLT_EXCEPTION_MESSAGE]: utf8Prefix(message, MAX_EXCEPTION_MESSAGE_BYTES),
  };
}
