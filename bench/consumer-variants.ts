/**
 * The consumers the throughput bench compares, each reading one topic from the beginning with a
 * fresh group. Each is timed from joining its group to its last record: the same span for all.
 */
import type { Consumer, Kafka } from 'kafkajs';
import {
  formatValidationErrors,
  orderReceivedType,
  validateEvent,
  classifyRecord,
  withDeadline,
  EventConsumer,
  ACKS_ALL,
  idempotentProducerConfig,
  keyPartition,
} from '@kafka-event-spec/events';
import { runKafkaMainClass } from '../support/broker/jvm/run-kafka-class.js';
import { type PlacedMessage, sendPlaced, topicPartitionCount } from '../support/consumer-harness/send-placed.js';

export interface Measured {
  readonly records: number;
  readonly ms: number;
  /** For a consumer in a process of its own (the Spring Kafka peer's JVM): that process's CPU seconds during the read. */
  readonly ownCpuSeconds?: number | undefined;
  /** For the confirm consumer: how many transactions committed the records, and how many orders they confirmed. */
  readonly transactions?: number;
  readonly confirmed?: number;
}

const TIMEOUT_MS = 180_000;
// An idle fetch waits this long: short, so that stop() is quick; it does not slow a busy topic.
export const consumerConfig = { maxWaitTimeInMs: 100 };

/** Counts records until `expected`, timing from the group join. */
export class Stopwatch {
  private joinedAt: number | undefined;
  private count = 0;
  private reached: () => void = () => undefined;
  readonly done = new Promise<void>((resolve) => {
    this.reached = resolve;
  });
  private endedAt = 0;

  constructor(private readonly expected: number) {}

  /** The group join, now or at `at` (ms since the epoch) when it is learned of later: the first counts. */
  joined(at: number = Date.now()): void {
    this.joinedAt ??= at;
  }

  add(records: number): void {
    this.count += records;
    if (this.count >= this.expected && this.endedAt === 0) {
      this.endedAt = Date.now();
      this.reached();
    }
  }

  async result(label: string): Promise<Measured> {
    await withDeadline(this.done, TIMEOUT_MS, () => `${label}: ${this.count} of ${this.expected} records`);
    return { records: this.count, ms: this.endedAt - (this.joinedAt ?? this.endedAt) };
  }
}

/** One timed read of a topic: from the beginning, with a fresh group, to its last record. */
export interface TopicRead {
  readonly kafka: Kafka;
  readonly topic: string;
  /** How many records the topic holds: the read ends at the last. */
  readonly expected: number;
  /** A group that has read nothing yet. */
  readonly groupId: string;
}

async function timedKafkajs(
  { kafka, topic, expected, groupId }: TopicRead,
  label: string,
  run: (consumer: Consumer, watch: Stopwatch) => Promise<void>,
): Promise<Measured> {
  const watch = new Stopwatch(expected);
  const consumer = kafka.consumer({ groupId, ...consumerConfig });
  consumer.on(consumer.events.GROUP_JOIN, () => {
    watch.joined();
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await run(consumer, watch);
    return await watch.result(label);
  } finally {
    await consumer.disconnect();
  }
}

const parse = (value: Buffer | null): unknown => JSON.parse(value?.toString('utf8') ?? 'null');

export function rawEachBatch(read: TopicRead): Promise<Measured> {
  return timedKafkajs(read, 'raw eachBatch', (consumer, watch) =>
    consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) parse(message.value);
        watch.add(batch.messages.length);
        return Promise.resolve();
      },
    }),
  );
}

export function rawEachMessage(read: TopicRead): Promise<Measured> {
  return timedKafkajs(read, 'raw eachMessage', (consumer, watch) =>
    consumer.run({
      autoCommit: true,
      eachMessage: ({ message }) => {
        parse(message.value);
        watch.add(1);
        return Promise.resolve();
      },
    }),
  );
}

// The floor's records out: an error event's envelope as one constant text around the record's value,
// the same size as EventConsumer's (about 1.8 KB here), built by concatenation alone.
const ENVELOPE_BEFORE = JSON.stringify({
  specversion: '1.0',
  id: 'cc219a3a-d09c-562f-9a4d-f6b205035b64',
  source: '/shop/consumers/bench',
  type: 'com.example.shop.processing.failed',
  time: '2026-11-30T09:44:44.515Z',
  subject: 'bench/0/0',
  datacontenttype: 'application/json',
  dataschema: 'https://shop.example.com/schemas/error.schema.json',
  data: {
    reason: {
      code: 'SCHEMA_INVALID',
      message: 'not a valid com.example.shop.order.received event: /data/items/0/quantity: must be >= 1',
    },
    consumerGroup: 'bench',
    attempt: 1,
    record: {
      topic: 'bench',
      partition: 0,
      offset: '0',
      timestamp: '1796031882857',
      key: { encoding: 'utf8', text: 'ade9ce98-2203-4698-b6d6-6758fe83bcdc' },
      headers: [
        { name: 'content-type', value: { encoding: 'utf8', text: 'application/cloudevents+json; charset=UTF-8' } },
        { name: 'event-type', value: { encoding: 'utf8', text: 'com.example.shop.order.received' } },
      ],
      value: { encoding: 'json', json: null },
    },
  },
}).slice(0, -'null}}}}'.length);
const ENVELOPE_AFTER = '}}}}';
// One partition's part of a send stays under the broker's default max.message.bytes (1 MB), as EventConsumer's do.
const FLOOR_SEND_BYTES = 768 * 1024;

/**
 * The floor of any kafkajs dead-letter path: each record read (eachBatch), parsed, and one record
 * of an error event's size written for it with the same producer settings as EventConsumer's
 * (idempotent, acks=all, sends of up to 768 KB), the batch committed once written. No validation,
 * no event built: what reading and writing alone cost through kafkajs.
 */
export async function rawReadAndWrite(read: TopicRead, target: string): Promise<Measured> {
  // Each record placed by its key, as the dead-letter route places its error events, and every
  // send checked against its acknowledgements (tulios/kafkajs#1303): the floor must not lose any.
  const partitions = await topicPartitionCount(read.kafka, target);
  const producer = read.kafka.producer(idempotentProducerConfig());
  return timedKafkajs(read, 'raw read + write', async (consumer, watch) => {
    await producer.connect();
    await consumer.run({
      autoCommit: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        let out: PlacedMessage[] = [];
        let bytes = 0;
        for (const message of batch.messages) {
          const text = message.value?.toString('utf8') ?? 'null';
          JSON.parse(text);
          const value = ENVELOPE_BEFORE + text + ENVELOPE_AFTER;
          out.push({
            key: message.key,
            value,
            partition: message.key === null ? 0 : keyPartition(message.key, partitions),
          });
          bytes += value.length;
          if (bytes >= FLOOR_SEND_BYTES) {
            await sendPlaced(producer, target, out);
            out = [];
            bytes = 0;
          }
        }
        if (out.length > 0) await sendPlaced(producer, target, out);
        payload.resolveOffset(batch.lastOffset());
        await payload.commitOffsetsIfNecessary();
        watch.add(batch.messages.length);
      },
    });
  }).finally(() => producer.disconnect());
}

/**
 * The dead-letter loop an engineer would write by hand with kafkajs: eachMessage (autoCommit), try
 * { JSON.parse + validate against the schema } catch { await producer.send(an error record) }, one
 * awaited send per poison record. The same producer settings as EventConsumer's (idempotent,
 * acks=all); the error record is the floor's error-event-sized record (the same envelope around the
 * record's value), so it writes as many bytes as the others and the difference is the loop.
 */
export function naiveKafkajs(read: TopicRead, target: string): Promise<Measured> {
  const producer = read.kafka.producer(idempotentProducerConfig());
  return timedKafkajs(read, 'naive kafkajs', async (consumer, watch) => {
    await producer.connect();
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ message }) => {
        const text = message.value?.toString('utf8') ?? 'null';
        try {
          const validation = validateEvent(orderReceivedType, JSON.parse(text));
          if (!validation.ok) throw new Error(formatValidationErrors(validation.errors).join('; '));
        } catch {
          await producer.send({
            topic: target,
            acks: ACKS_ALL,
            messages: [{ key: message.key, value: ENVELOPE_BEFORE + JSON.stringify(text) + ENVELOPE_AFTER }],
          });
        }
        watch.add(1);
      },
    });
  }).finally(() => producer.disconnect());
}

/** EventConsumer with a no-op handler: a record counts once handled or once its error event is acknowledged. */
export async function eventConsumer(
  { kafka, topic, expected, groupId }: TopicRead,
  deadLetterTopic: string,
): Promise<Measured> {
  const watch = new Stopwatch(expected);
  const consumer = new EventConsumer({
    kafka,
    groupId,
    topics: [{ topic, eventType: orderReceivedType }],
    deadLetterTopic,
    fromBeginning: true,
    consumerConfig,
    handle: () => {
      watch.add(1);
    },
    listeners: {
      onGroupJoined: () => {
        watch.joined();
      },
      onDeadLettered: () => {
        watch.add(1);
      },
    },
  });
  await consumer.start();
  try {
    return await watch.result('EventConsumer');
  } finally {
    await consumer.stop();
  }
}

/** classifyRecord over the values, no Kafka: the cost of UTF-8 + JSON + type + schema validation. */
export function classifyAlone(values: readonly Buffer[]): Measured {
  const started = process.hrtime.bigint();
  for (const value of values) classifyRecord(value, orderReceivedType);
  return { records: values.length, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** A read by Kafka's own tool: the Java and jars it runs from, and the broker it reads from. */
export interface ToolRead extends Omit<TopicRead, 'kafka'> {
  readonly java: string;
  readonly libsDir: string;
  readonly bootstrap: string;
}

/** Kafka's own ConsumerPerformance from the broker's jars: its fetch rate (records/s, group join excluded). */
export async function kafkaConsumerPerformance({
  java,
  libsDir,
  bootstrap,
  topic,
  expected,
  groupId,
}: ToolRead): Promise<Measured> {
  const args = [
    '--bootstrap-server',
    bootstrap,
    '--topic',
    topic,
    '--messages',
    String(expected),
    '--group',
    groupId,
    '--timeout',
    '60000',
  ];
  const run = await runKafkaMainClass({
    java,
    libsDir,
    mainClass: 'org.apache.kafka.tools.ConsumerPerformance',
    args,
    timeoutMs: TIMEOUT_MS,
    jvmOptions: ['-Xmx512m'],
  });
  const lines = run.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const headerAt = lines.findIndex((line) => line.includes('fetch.nMsg.sec'));
  const header = lines[headerAt]?.split(/,\s*/);
  const values = lines[headerAt + 1]?.split(/,\s*/);
  const column = (name: string) => Number(values?.[header?.indexOf(name) ?? -1]);
  const records = column('data.consumed.in.nMsg');
  const rate = column('fetch.nMsg.sec');
  if (run.exitCode !== 0 || !(rate > 0)) {
    throw new Error(
      `ConsumerPerformance did not report a fetch rate (exit ${run.exitCode}): ${(run.stdout + run.stderr).trim().split('\n').slice(-5).join(' | ')}`,
    );
  }
  return { records, ms: (records / rate) * 1000 };
}
