/**
 * The consumer bench's records: order-received events with ids of their own, keyed by their order
 * id (so they spread over the partitions), valid or poison, written in large acks=all sends.
 */
import { randomUUID } from 'node:crypto';
import type { Kafka, Message } from 'kafkajs';
import { orderReceivedType, eventHeaders, idempotentProducerConfig } from '@kafka-event-spec/events';
import { readValidExample } from '../support/examples/index.js';
import { placedByKey, sendPlaced, topicPartitionCount } from '../support/consumer-harness/send-placed.js';

const order = readValidExample(orderReceivedType);
const headers = eventHeaders(orderReceivedType);

export type Poison = 'schema-invalid' | 'not-json';

/**
 * A valid order-received event, or poison: 'schema-invalid' is the same event with a line of
 * 0 units (JSON of the right type, found out only by the schema: the dearest poison to find),
 * 'not-json' the same bytes with the first one cut off.
 */
export function orderRecord(poison: Poison | undefined): Message & { value: Buffer } {
  const orderId = randomUUID();
  const data = {
    ...order.data,
    orderId,
    items: order.data.items.map((item, i) =>
      poison === 'schema-invalid' && i === 0 ? { ...item, quantity: 0 } : item,
    ),
  };
  const event = { ...order, id: randomUUID(), subject: orderId, data };
  const json = JSON.stringify(event);
  return { key: orderId, value: Buffer.from(poison === 'not-json' ? json.slice(1) : json, 'utf8'), headers };
}

/** `count` records; every `poisonEvery`-th one poison (1: all of them, 0: none). */
export function orderRecords(
  count: number,
  poisonEvery: number,
  poison: Poison = 'schema-invalid',
): (Message & { value: Buffer })[] {
  return Array.from({ length: count }, (_, i) =>
    orderRecord(poisonEvery > 0 && (i + 1) % poisonEvery === 0 ? poison : undefined),
  );
}

export async function writeRecords(kafka: Kafka, topic: string, records: readonly Message[]): Promise<void> {
  // Placed here and checked against the acknowledgements: a bench short of records would wait for them.
  const placed = placedByKey(records, await topicPartitionCount(kafka, topic));
  const producer = kafka.producer(idempotentProducerConfig());
  await producer.connect();
  try {
    for (let i = 0; i < placed.length; i += 1_000) {
      await sendPlaced(producer, topic, placed.slice(i, i + 1_000));
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * `count` valid records, every `every`-th one a customer's second submit: the order of the record
 * `every / 2` places before it again (the same order id and key, so the same partition, after the
 * first submit) in a new event with an id of its own. The confirm consumer confirms the first and
 * skips the second; `count / every` orders fewer are confirmed than records are read.
 */
export function secondSubmitRecords(count: number, every: number): (Message & { value: Buffer })[] {
  const back = Math.max(1, Math.floor(every / 2));
  const records: (Message & { value: Buffer })[] = [];
  for (let i = 0; i < count; i++) {
    const first = records[i - back];
    if (every > 0 && (i + 1) % every === 0 && first !== undefined) {
      const event = JSON.parse(first.value.toString('utf8')) as Record<string, unknown>;
      records.push({ ...first, value: Buffer.from(JSON.stringify({ ...event, id: randomUUID() }), 'utf8') });
    } else records.push(orderRecord(undefined));
  }
  return records;
}
