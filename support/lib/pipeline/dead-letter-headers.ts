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

/**
 * The last text and its bytes: the records of one batch share topic and group, and a poison stream
 * often one reason message, so each is encoded once, not once per record. The buffers are only
 * read (by kafkajs, when it encodes the send), so records may share them.
 */
function lastEncoded(encode: (text: string) => Buffer): (text: string) => Buffer {
  let lastText: string | undefined;
  let lastBytes: Buffer = Buffer.alloc(0);
  return (text) => {
    if (text !== lastText) {
      lastBytes = encode(text);
      lastText = text;
    }
    return lastBytes;
  };
}
const topicBytes = lastEncoded((topic) => Buffer.from(topic, 'utf8'));
const groupBytes = lastEncoded((group) => Buffer.from(group, 'utf8'));
const messageBytes = lastEncoded((message) => utf8Prefix(message, MAX_EXCEPTION_MESSAGE_BYTES));

/** Spring Kafka's kafka_dlt-* headers for a failed record, encoded as Spring encodes them. */
export function deadLetterHeaders({ record, consumerGroup, message }: DeadLetterHeaderFacts): IHeaders {
  // Both written in full: no need to zero them first.
  const partition = Buffer.allocUnsafe(4);
  partition.writeInt32BE(record.partition);
  const offset = Buffer.allocUnsafe(8);
  offset.writeBigInt64BE(BigInt(record.offset));
  return {
    [DLT_ORIGINAL_TOPIC]: topicBytes(record.topic),
    [DLT_ORIGINAL_PARTITION]: partition,
    [DLT_ORIGINAL_OFFSET]: offset,
    [DLT_ORIGINAL_CONSUMER_GROUP]: groupBytes(consumerGroup),
    [DLT_EXCEPTION_MESSAGE]: messageBytes(message),
  };
}
