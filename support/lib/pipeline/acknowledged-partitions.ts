/**
 * A send is trusted only as far as its acknowledgements go. kafkajs (2.2.4, tulios/kafkajs#1303) can
 * resolve a send that spans partitions led by several brokers without writing some of them: it
 * remembers which brokers answered, and when a leader dies and its partitions move to a broker that
 * already answered, the retry skips that broker and the moved partitions' records are never sent.
 * So whoever sends to several partitions at once places each record itself and checks the
 * acknowledgements against the partitions it sent to. The dead-letter route does; the harness's
 * producers do too (support/consumer-harness/send-placed.ts), and a contract spec lists every send.
 */
import type { Message, Producer, RecordMetadata } from 'kafkajs';
import { ACKS_ALL } from './producer-settings.js';

/** The partitions of `topic` among `sent` that `acks` do not acknowledge (no metadata for it, or an error code), ascending. */
export function unacknowledgedPartitions(
  topic: string,
  sent: Iterable<number>,
  acks: readonly RecordMetadata[],
): number[] {
  const written = new Set(acks.filter((a) => a.topicName === topic && a.errorCode === 0).map((a) => a.partition));
  return [...new Set(sent)].filter((partition) => !written.has(partition)).sort((a, b) => a - b);
}

/** Thrown when kafkajs resolved a send without an acknowledgement for some of its partitions. */
export class UnacknowledgedPartitionsError extends Error {
  constructor(
    topic: string,
    readonly partitions: readonly number[],
    /** What the missing records were, for the message: "their error events", "their records". */
    what = 'their records',
  ) {
    super(
      `kafkajs resolved a send to ${topic} without an acknowledgement from partition(s) ${partitions.join(', ')} (tulios/kafkajs#1303): ${what} are not written`,
    );
    this.name = 'UnacknowledgedPartitionsError';
  }
}

/** A record that names its partition. */
export type PlacedMessage = Message & { partition: number };

/**
 * One acks=all send of placed records, by a producer or a transaction; throws
 * UnacknowledgedPartitionsError for a partition the send did not acknowledge.
 */
export async function sendPlaced(
  producer: Pick<Producer, 'send'>,
  topic: string,
  messages: readonly PlacedMessage[],
): Promise<RecordMetadata[]> {
  const acks = await producer.send({ topic, acks: ACKS_ALL, messages: [...messages] });
  const missing = unacknowledgedPartitions(
    topic,
    messages.map((m) => m.partition),
    acks,
  );
  if (missing.length > 0) throw new UnacknowledgedPartitionsError(topic, missing);
  return acks;
}
