/**
 * The step 7 specs' workbench: fresh topics under the run's namespace, records written in order,
 * an EventConsumer that records what it handled, and the error topic read back to its end.
 * Everything it creates is removed by close().
 */
import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, Producer, RecordMetadata } from 'kafkajs';
import { expect } from 'vitest';
import {
  headersFromKafkajs,
  orderReceivedType,
  type ErrorEvent,
  type EventType,
  type RecordHeader,
  type ShopEvent,
  eventHeaders,
  EventConsumer,
  type EventConsumerOptions,
  type EventHandler,
  ACKS_ALL,
  idempotentProducerConfig,
} from '@kafka-event-spec/events';
import { readValidExample } from '../examples/index.js';
import { kafkaClient } from '../run/kafka-client.js';
import { createCatalogTopics, createTopics, deleteTopics, prefixedTopic } from '../topics/catalog-topics.js';
import { catalogTopic } from '../topics/topic-catalog.js';
import { uniqueName } from '../run/unique-name.js';
import { consumerLag, totalLag, type PartitionLag } from './consumer-lag.js';
import { errorEventOfRecord } from './error-topic-record.js';
import { readAllRecords, type ReadRecord } from './read-topic.js';
import { topicExample, type TopicExample } from './topic-examples.js';

/** A record to write: anything a producer can send, valid or not. */
export interface OutgoingRecord {
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  /** A name with several values is written as that many headers of the same name, in order. */
  readonly headers?: Readonly<Record<string, Buffer | string | (Buffer | string)[]>>;
  /** Chosen by the key when absent, as for any producer. */
  readonly partition?: number;
}

/** A record as written, with where it landed. */
export interface WrittenRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly RecordHeader[];
}

export interface HandledEvent {
  readonly id: string;
  readonly partition: number;
  readonly offset: string;
  readonly attempt: number;
}

export interface BenchTopics {
  /** The topic the consumer reads (OrderReceived unless told otherwise). */
  readonly source: string;
  /** The event type the source topic carries. */
  readonly eventType: EventType;
  /** The DeadLetterQueue topic, which may not exist yet (see createDeadLetterTopic). */
  readonly deadLetter: string;
  readonly prefix: string;
}

export interface ErrorTopicContents {
  readonly records: readonly ReadRecord[];
  /** Each record's value, parsed and validated against the error schema (a spec fails on any other). */
  readonly events: readonly ErrorEvent[];
}

export interface BenchRun {
  readonly topics: BenchTopics;
  readonly groupId: string;
  readonly written: readonly WrittenRecord[];
  readonly handled: readonly HandledEvent[];
  readonly errorTopic: ErrorTopicContents;
  /** The group's lag on the source topic once the consumer had stopped. */
  readonly lag: readonly PartitionLag[];
}

const toBuffer = (value: Buffer | string | null): Buffer | null =>
  value === null || Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');

export class DeadLetterBench {
  readonly kafka: Kafka;
  readonly orderReceived: TopicExample = topicExample(catalogTopic('OrderReceived'));
  private readonly orderEvent = readValidExample(orderReceivedType);
  private admin: Admin | undefined;
  private producer: Producer | undefined;
  private readonly createdTopics: string[] = [];
  private readonly consumers: EventConsumer[] = [];

  /** `kafka`: the client to use (a spec's `kafka` fixture); one named after the bench otherwise. */
  constructor(
    readonly name: string,
    kafka?: Kafka,
  ) {
    this.kafka = kafka ?? kafkaClient(name);
  }

  async open(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    this.producer = this.kafka.producer(idempotentProducerConfig());
    await this.producer.connect();
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.producer?.disconnect();
    if (this.admin !== undefined) {
      await deleteTopics(this.admin, this.createdTopics);
      await this.admin.disconnect();
    }
  }

  get adminClient(): Admin {
    if (this.admin === undefined) throw new Error('DeadLetterBench.open() was not called');
    return this.admin;
  }

  /**
   * A fresh source topic (OrderReceived unless `source` names another catalog topic) and, unless told
   * otherwise, its DeadLetterQueue, with the catalog's configs plus `deadLetterConfigs`.
   */
  async createTopics(
    options: {
      withDeadLetterTopic?: boolean;
      source?: string;
      deadLetterConfigs?: Readonly<Record<string, string>>;
    } = {},
  ): Promise<BenchTopics> {
    const prefix = `${uniqueName(this.name)}.`;
    const source = options.source ?? 'OrderReceived';
    const created = await createCatalogTopics(this.adminClient, prefix, [source]);
    this.createdTopics.push(...created.map((t) => t.topic));
    const topics = {
      source: `${prefix}${source}`,
      eventType: topicExample(catalogTopic(source)).eventType,
      deadLetter: `${prefix}DeadLetterQueue`,
      prefix,
    };
    if (options.withDeadLetterTopic ?? true) await this.createDeadLetterTopic(topics, options.deadLetterConfigs);
    return topics;
  }

  async createDeadLetterTopic(topics: BenchTopics, configs: Readonly<Record<string, string>> = {}): Promise<void> {
    const entry = prefixedTopic(topics.prefix, 'DeadLetterQueue');
    await createTopics(this.adminClient, [{ ...entry, configs: { ...entry.configs, ...configs } }]);
    this.createdTopics.push(entry.topic);
  }

  /**
   * A valid order-received event with an id of its own, as a record keyed by its order id: the
   * example's order, or another order when `orderId` is given.
   */
  validOrder(orderId?: string): OutgoingRecord & { readonly id: string } {
    const id = randomUUID();
    const order = orderId ?? this.orderEvent.data.orderId;
    const event = { ...this.orderEvent, id, subject: order, data: { ...this.orderEvent.data, orderId: order } };
    return { id, key: order, value: JSON.stringify(event), headers: eventHeaders(orderReceivedType) };
  }

  /** Writes the records one after another (acks=all), so that their order in a partition is the order given. */
  async write(topic: string, records: readonly OutgoingRecord[]): Promise<WrittenRecord[]> {
    if (this.producer === undefined) throw new Error('DeadLetterBench.open() was not called');
    const written: WrittenRecord[] = [];
    for (const record of records) {
      const key = toBuffer(record.key);
      const value = toBuffer(record.value);
      const headers = { ...record.headers };
      const partition = record.partition === undefined ? {} : { partition: record.partition };
      const [metadata] = await this.producer.send({
        topic,
        acks: ACKS_ALL,
        messages: [{ key, value, headers, ...partition }],
      });
      if (metadata?.baseOffset === undefined) throw new Error(`no offset came back for a record written to ${topic}`);
      written.push({
        topic,
        partition: metadata.partition,
        offset: metadata.baseOffset,
        key,
        value,
        headers: headersFromKafkajs(headers),
      });
    }
    return written;
  }

  /**
   * The records of one producer.send to one partition, with where they landed: the send's metadata
   * gives the partition and the first record's offset, and the others follow it in the order sent.
   */
  static sentToOnePartition(
    topic: string,
    records: readonly OutgoingRecord[],
    metadata: readonly RecordMetadata[],
  ): WrittenRecord[] {
    const [sent, ...others] = metadata;
    if (sent?.baseOffset === undefined || others.length > 0)
      throw new Error(
        `expected the ${records.length} records sent to ${topic} in one partition, got metadata ${JSON.stringify(metadata)}`,
      );
    return records.map((record, i) => {
      const headers = { ...record.headers };
      return {
        topic,
        partition: sent.partition,
        offset: (BigInt(sent.baseOffset ?? '0') + BigInt(i)).toString(),
        key: toBuffer(record.key),
        value: toBuffer(record.value),
        headers: headersFromKafkajs(headers),
      };
    });
  }

  /** An EventConsumer on the bench's topics, reading from the beginning; close() stops it if the spec did not. */
  consumer(topics: BenchTopics, options: Partial<EventConsumerOptions> & { handle: EventHandler }): EventConsumer {
    const consumer = new EventConsumer({
      kafka: this.kafka,
      groupId: uniqueName(`${this.name}-consumer`),
      topics: [{ topic: topics.source, eventType: topics.eventType }],
      deadLetterTopic: topics.deadLetter,
      fromBeginning: true,
      // An idle fetch waits this long for records; stop() waits for it, so specs keep it short.
      consumerConfig: { maxWaitTimeInMs: 100 },
      ...options,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  /** A handler that records every event it is given, and throws where `fail` says so. */
  recordingHandler(fail: (event: ShopEvent, attempt: number) => Error | undefined = () => undefined): {
    handle: EventHandler;
    handled: HandledEvent[];
  } {
    const handled: HandledEvent[] = [];
    const handle: EventHandler = (event, context) => {
      const failure = fail(event, context.attempt);
      if (failure !== undefined) throw failure;
      handled.push({ id: event.id, partition: context.partition, offset: context.offset, attempt: context.attempt });
    };
    return { handle, handled };
  }

  async lag(groupId: string, topic: string): Promise<PartitionLag[]> {
    return consumerLag(this.adminClient, groupId, topic);
  }

  /** The group's lag summed over the topic's partitions: 0n once it has committed every record there. */
  async totalLag(groupId: string, topic: string): Promise<bigint> {
    return totalLag(await this.lag(groupId, topic));
  }

  /** The error topic read to its end; every value must be a valid error event. */
  async readErrorTopic(topic: string): Promise<ErrorTopicContents> {
    const records = await readAllRecords(this.kafka, topic, { groupId: uniqueName(`${this.name}-error-reader`) });
    const events = records.map((record) => errorEventOfRecord(topic, record));
    return { records, events };
  }

  /**
   * The whole route once: fresh topics, the records written in order, a consumer run until its
   * group has committed everything, then stopped, and the error topic read to its end.
   */
  async run(
    records: readonly OutgoingRecord[],
    options: {
      fail?: (event: ShopEvent, attempt: number) => Error | undefined;
      source?: string;
      deadLetterConfigs?: Readonly<Record<string, string>>;
    } = {},
  ): Promise<BenchRun> {
    const topics = await this.createTopics({
      ...(options.source === undefined ? {} : { source: options.source }),
      ...(options.deadLetterConfigs === undefined ? {} : { deadLetterConfigs: options.deadLetterConfigs }),
    });
    return this.runOn(topics, records, options);
  }

  /** The route once on topics made by createTopics: records written, a consumer run to lag 0 and stopped, the error topic read. */
  async runOn(
    topics: BenchTopics,
    records: readonly OutgoingRecord[],
    options: { fail?: (event: ShopEvent, attempt: number) => Error | undefined } = {},
  ): Promise<BenchRun> {
    const written = await this.write(topics.source, records);
    const { handle, handled } = this.recordingHandler(options.fail);
    const consumer = this.consumer(topics, { handle, retry: { initialDelayMs: 10, maxDelayMs: 100 } });
    await consumer.start();
    await expect
      .poll(() => this.totalLag(consumer.groupId, topics.source), {
        timeout: 30_000,
        message: `step 7: expected group ${consumer.groupId} to commit all ${written.length} records of ${topics.source} (lag 0), the poison too once its error event was written`,
      })
      .toBe(0n);
    await consumer.stop();
    return {
      topics,
      groupId: consumer.groupId,
      written,
      handled,
      errorTopic: await this.readErrorTopic(topics.deadLetter),
      lag: await this.lag(consumer.groupId, topics.source),
    };
  }
}
