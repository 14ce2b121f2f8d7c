import type { KafkaMessage } from 'kafkajs';
import { headersFromKafkajs, type ReceivedRecord } from '../events/index.js';

/** A kafkajs message as the bytes-level record that error events are built from. */
export function receivedRecord(topic: string, partition: number, message: KafkaMessage): ReceivedRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key,
    value: message.value,
    headers: headersFromKafkajs(message.headers),
  };
}

/** Where a record sits: enough to name it in a log line or a callback. */
export function recordCoordinates(record: Pick<ReceivedRecord, 'topic' | 'partition' | 'offset'>): string {
  return `${record.topic}/${record.partition}/${record.offset}`;
}

/** The offset a consumer commits once it is done with `offset`: the next one it wants to read. */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}
