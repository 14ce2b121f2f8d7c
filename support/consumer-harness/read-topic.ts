/**
 * Reads a topic back, every record written before the call, with a consumer group of its own:
 * "exactly one error event" is only provable by reading to the end.
 */
import type { IHeaders, Kafka } from 'kafkajs';
import { withDeadline } from '@kafka-event-spec/events';
import { retryRetriable } from './retry-retriable.js';

export interface ReadRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/**
 * Per partition, where reading ends, for partitions that hold records: kafkajs' fetchTopicOffsets
 * asks ListOffsets as a read_committed reader, so this is the last stable offset. That is the high
 * watermark unless a transaction is open, or decided but its marker not written yet: a spec that
 * reads right after a commit waits for the marker first (step-9-aborted-transactions shows how).
 */
async function endOffsets(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await retryRetriable(() => admin.fetchTopicOffsets(topic));
    return new Map(offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect();
  }
}

/** The reader of a topic: its consumer group, and how long it may take. */
export interface TopicReader {
  /** A fresh group; it commits nothing. */
  readonly groupId: string;
  /** How long reading to the end may take; 30 s unless given. */
  readonly timeoutMs?: number;
  /**
   * read_committed (kafkajs' default, and Kafka's for a transactional topic's readers) leaves out the
   * records of aborted transactions; read_uncommitted shows them too.
   */
  readonly isolation?: 'read_committed' | 'read_uncommitted';
}

/**
 * Every record in `topic` up to its last stable offsets at the time of the call (see endOffsets),
 * sorted by partition and offset. The reader's group (`groupId`, a fresh one) commits nothing.
 */
export async function readAllRecords(
  kafka: Kafka,
  topic: string,
  { groupId, timeoutMs = 30_000, isolation = 'read_committed' }: TopicReader,
): Promise<ReadRecord[]> {
  const remaining = await endOffsets(kafka, topic);
  if (remaining.size === 0) return [];
  const records: ReadRecord[] = [];
  let reachedEnd: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    reachedEnd = resolve;
  });
  // A short idle fetch: disconnect() waits for the fetch in flight, up to kafkajs's default 5 s otherwise.
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, readUncommitted: isolation === 'read_uncommitted' });
  const reached = (partition: number, offset: string) => {
    const end = remaining.get(partition);
    if (end !== undefined && BigInt(offset) + 1n >= end) remaining.delete(partition);
    if (remaining.size === 0) reachedEnd();
  };
  // A transaction's last offset is its commit or abort marker, which no message shows; kafkajs reports
  // the batch's last offset, marker included, when it has processed the batch.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    reached(payload.partition, payload.lastOffset);
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: ({ partition, message }) => {
        const end = remaining.get(partition);
        if (end === undefined || BigInt(message.offset) >= end) return Promise.resolve(); // written after the call
        records.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers: message.headers ?? {},
        });
        reached(partition, message.offset);
        return Promise.resolve();
      },
    });
    await withDeadline(
      ended,
      timeoutMs,
      () =>
        `reading ${topic}: ${records.length} records so far; partitions not read to the end: ${[...remaining.keys()].join(', ')}`,
    );
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}
