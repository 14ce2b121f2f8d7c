/**
 * A consumer that never loses a record and never lets one record stall its partition:
 * each record is parsed, validated against its topic's schema and handed to a handler; a record that
 * fails any of that is written to the error topic, and only once the error topic has acknowledged it
 * is the record's offset committed.
 *
 * Guarantees, and why they hold:
 * - Order: kafkajs hands over one partition's records one at a time (eachMessage, one partition
 *   at a time), and a record is committed, explicitly and on its own (autoCommit off), only after it
 *   was handled or dead-lettered. A later record is never committed past an earlier one.
 * - Nothing lost: when the error topic cannot be written, the record stays uncommitted and is tried
 *   again after a backoff (the attempt count goes into the error event). When the retry budget runs
 *   out, the consumer stops without committing: the group's next consumer starts at that record.
 * - Rebalances: the backoff heartbeats; when the group rebalances, the heartbeat throws, the
 *   attempt ends uncommitted, and kafkajs re-joins. The record's next owner starts it afresh.
 *   Delivery is therefore at least once: a record handled or dead-lettered just before a rebalance
 *   may be seen again, so handlers must be idempotent (CloudEvents source + id name an event), and a
 *   repeated error event carries the same id as the first.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, ConsumerConfig, EachMessagePayload, Kafka, Producer, RetryOptions } from 'kafkajs';
import type { ErrorEvent, EventType, ReceivedRecord, RecordHeader, ShopEvent } from '../events/index.js';
import { classifyRecord, type RecordFailure } from './classify-record.js';
import { deadLetterRoute, type DeadLetterRoute } from './dead-letter-route.js';
import { boundedSendRetry, idempotentProducerConfig } from './producer-settings.js';
import { nextOffset, receivedRecord } from './received-record.js';
import { delayBefore, retryPolicy, type RetryPolicy } from './retry-policy.js';

/** A topic the consumer reads, and the one event type it carries. */
export interface SubscribedTopic {
  readonly topic: string;
  readonly eventType: EventType;
}

export interface HandlerContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly headers: readonly RecordHeader[];
  /** 1 on the first try; a handler that threw is called again with the next attempt. */
  readonly attempt: number;
}

export type EventHandler = (event: ShopEvent, context: HandlerContext) => Promise<void> | void;

/** What the consumer did, as it happens: for logs and metrics, and for specs to wait on. */
export interface EventConsumerListeners {
  onHandled?(info: { record: ReceivedRecord; event: ShopEvent; attempt: number }): void;
  onHandlerFailed?(info: { record: ReceivedRecord; attempt: number; error: unknown }): void;
  onDeadLettered?(info: { record: ReceivedRecord; errorEvent: ErrorEvent }): void;
  /** The error topic could not be written; `retryInMs` is undefined when the consumer gives up. */
  onDeadLetterFailed?(info: { record: ReceivedRecord; failure: RecordFailure; attempt: number; error: unknown; retryInMs: number | undefined }): void;
  /** `offset` is the committed offset: the next record the group will read from that partition. */
  onCommitted?(info: { topic: string; partition: number; offset: string }): void;
  /** The retry budget ran out; the consumer stops and leaves the record uncommitted. */
  onGaveUp?(info: { record: ReceivedRecord; attempt: number }): void;
}

export interface EventConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly SubscribedTopic[];
  /** The error topic. It is never created implicitly: when it is missing, dead-lettering waits for it. */
  readonly deadLetterTopic: string;
  readonly handle: EventHandler;
  /** Where a group without committed offsets starts: false (Kafka's default) reads only new records. */
  readonly fromBeginning?: boolean;
  readonly retry?: Partial<RetryPolicy>;
  /** More kafkajs consumer settings, e.g. maxWaitTimeInMs: how long an idle fetch waits, and so how long stop() may wait for it. */
  readonly consumerConfig?: Omit<ConsumerConfig, 'groupId'>;
  /** The dead-letter producer's own retries within one send (kafkajs RetryOptions). */
  readonly deadLetterSendRetry?: RetryOptions;
  readonly listeners?: EventConsumerListeners;
}

type Attempted =
  | { readonly kind: 'handled' | 'dead-lettered' }
  | { readonly kind: 'handler-failed' }
  | { readonly kind: 'dead-letter-failed'; readonly failure: RecordFailure; readonly error: unknown };

type Processed = 'committed' | 'left-uncommitted' | 'gave-up';

// kafkajs heartbeats only when asked; a backoff asks at least this often (below the 3 s default interval).
const HEARTBEAT_EVERY_MS = 1_000;

export class EventConsumer {
  readonly groupId: string;
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly route: DeadLetterRoute;
  private readonly policy: RetryPolicy;
  private readonly eventTypeByTopic: ReadonlyMap<string, EventType>;
  private readonly listeners: EventConsumerListeners;
  private readonly stopSignal = new AbortController();
  private inFlight: Promise<unknown> = Promise.resolve();
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: EventConsumerOptions) {
    this.groupId = options.groupId;
    this.policy = retryPolicy(options.retry);
    this.eventTypeByTopic = new Map(options.topics.map(({ topic, eventType }) => [topic, eventType]));
    this.listeners = options.listeners ?? {};
    this.consumer = options.kafka.consumer({ ...options.consumerConfig, groupId: options.groupId });
    this.producer = options.kafka.producer(idempotentProducerConfig(options.deadLetterSendRetry ?? boundedSendRetry));
    this.route = deadLetterRoute(this.producer, options.deadLetterTopic, options.groupId);
  }

  /** Connects, joins the group and starts consuming; resolves once the group has assigned partitions. */
  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.eventTypeByTopic.keys()], fromBeginning: this.options.fromBeginning ?? false });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: (payload) => this.onMessage(payload),
    });
  }

  /**
   * Stops fetching, lets the record in hand finish (handled or dead-lettered, then committed),
   * then leaves the group and disconnects. A backoff in progress is cut short and its record left
   * uncommitted for the group's next consumer. Safe to call more than once.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    this.stopSignal.abort();
    try {
      this.consumer.pause([...this.eventTypeByTopic.keys()].map((topic) => ({ topic })));
    } catch {
      // Not running (start failed or never ran): there is nothing to pause.
    }
    await this.inFlight;
    // Only now: kafkajs drops a commit requested after its consumer began to stop.
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private get isStopping(): boolean {
    return this.stopSignal.signal.aborted;
  }

  private async onMessage(payload: EachMessagePayload): Promise<void> {
    if (this.isStopping) {
      // Not started, so not committed: the group's next consumer reads it.
      payload.pause();
      return;
    }
    const processing = this.process(payload);
    this.inFlight = processing.catch(() => undefined);
    // A throw (a rebalance, a failed commit) reaches kafkajs, which re-reads from this record.
    const processed = await processing;
    if (processed !== 'committed') payload.pause();
    // Not awaited here (stop waits for this very call to return); whoever awaits stop() sees its outcome.
    if (processed === 'gave-up') this.stop().catch(() => undefined);
  }

  private async process(payload: EachMessagePayload): Promise<Processed> {
    const record = receivedRecord(payload.topic, payload.partition, payload.message);
    const heartbeat = () => payload.heartbeat();
    for (let attempt = 1; ; attempt++) {
      const attempted = await this.attempt(record, attempt);
      if (attempted.kind === 'handled' || attempted.kind === 'dead-lettered') {
        await this.commit(record);
        return 'committed';
      }
      const givingUp = attempt >= this.policy.maxAttempts;
      const retryInMs = givingUp ? undefined : delayBefore(this.policy, attempt + 1);
      if (attempted.kind === 'dead-letter-failed') {
        const { failure, error } = attempted;
        this.notify('onDeadLetterFailed', { record, failure, attempt, error, retryInMs });
      }
      if (retryInMs === undefined) {
        this.notify('onGaveUp', { record, attempt });
        return 'gave-up';
      }
      if (!(await this.backOff(retryInMs, heartbeat))) return 'left-uncommitted';
    }
  }

  /** One pass over the record: classify, handle, and on failure dead-letter. */
  private async attempt(record: ReceivedRecord, attempt: number): Promise<Attempted> {
    const expected = this.eventTypeByTopic.get(record.topic);
    if (expected === undefined) throw new Error(`received a record from ${record.topic}, which this consumer did not subscribe to`);
    const classified = classifyRecord(record.value, expected);
    let failure: RecordFailure;
    if (classified.ok) {
      try {
        await this.options.handle(classified.event, { ...handlerCoordinates(record), attempt });
        this.notify('onHandled', { record, event: classified.event, attempt });
        return { kind: 'handled' };
      } catch (error) {
        this.notify('onHandlerFailed', { record, attempt, error });
        if (attempt < this.policy.handlerAttempts) return { kind: 'handler-failed' };
        failure = { code: 'HANDLER_FAILED', message: `the handler failed on attempt ${attempt}: ${describe(error)}` };
      }
    } else {
      failure = classified.failure;
    }
    try {
      const errorEvent = await this.route.send(record, failure, attempt);
      this.notify('onDeadLettered', { record, errorEvent });
      return { kind: 'dead-lettered' };
    } catch (error) {
      return { kind: 'dead-letter-failed', failure, error };
    }
  }

  private async commit(record: ReceivedRecord): Promise<void> {
    const committed = { topic: record.topic, partition: record.partition, offset: nextOffset(record.offset) };
    await this.consumer.commitOffsets([committed]);
    this.notify('onCommitted', committed);
  }

  /** Waits `ms`, heartbeating; false when stop() cut the wait short. */
  private async backOff(ms: number, heartbeat: () => Promise<void>): Promise<boolean> {
    const until = Date.now() + ms;
    for (;;) {
      if (this.isStopping) return false;
      // Throws when the group is rebalancing: the record may no longer be ours to retry.
      await heartbeat();
      const left = until - Date.now();
      if (left <= 0) return true;
      try {
        await sleep(Math.min(left, HEARTBEAT_EVERY_MS), undefined, { signal: this.stopSignal.signal });
      } catch {
        return false;
      }
    }
  }

  private notify<NAME extends keyof EventConsumerListeners>(name: NAME, info: Parameters<NonNullable<EventConsumerListeners[NAME]>>[0]): void {
    const listener = this.listeners[name] as ((info: unknown) => void) | undefined;
    try {
      listener?.(info);
    } catch (error) {
      // A broken listener must not decide the fate of a record.
      process.emitWarning(`EventConsumer listener ${name} threw: ${describe(error)}`);
    }
  }
}

function handlerCoordinates(record: ReceivedRecord): Omit<HandlerContext, 'attempt'> {
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key === null ? null : Buffer.from(record.key),
    headers: record.headers,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
