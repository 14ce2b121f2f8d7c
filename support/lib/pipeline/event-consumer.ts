/**
 * A consumer that never loses a record and never lets one record stall its partition:
 * each record is parsed, validated against its topic's schema and handed to a handler; a record that
 * fails any of that is written to the error topic, and only once the error topic has acknowledged it
 * is an offset past the record committed.
 *
 * It works a batch at a time (kafkajs eachBatch), which is what makes it about as fast as the client
 * it wraps: one commit per batch instead of one per record, and a batch's error events written in one
 * or a few sends instead of one awaited send per record.
 *
 * Guarantees, and why they hold:
 * - Order: kafkajs hands over one partition's records as a batch in offset order, and the handler is
 *   called for them one at a time, in that order. A failed record does not hold up the valid records
 *   after it in its batch: they are handled while its error event is on its way. (So a valid record
 *   may be handled before the error event of an earlier record is acknowledged; nothing past the
 *   failed record is committed until it is.)
 * - Commits: the consumer commits (autoCommit off) the highest offset below which every record is
 *   finished: handled, or its error event acknowledged (acks=all, idempotent producer). Never past a
 *   record still waiting for the error topic. Once per batch, and every COMMIT_EVERY_MS in a long one.
 * - Nothing lost: when the error topic cannot be written, the batch waits: its error events are tried
 *   again after a backoff (the attempt count goes into the error event), heartbeating meanwhile. When
 *   the retry budget runs out, the consumer stops, committing only what is finished: the group's next
 *   consumer starts at the first record whose error event was never acknowledged.
 * - Rebalances: a heartbeat that reports a rebalance ends the batch: what is finished is committed
 *   (the broker still takes commits from the old generation while the group prepares to rebalance),
 *   the rest is left to the partition's next owner, and kafkajs re-joins. Delivery is therefore at
 *   least once: a record handled just before a rebalance, a crash or a give-up may be seen again, so
 *   handlers must be idempotent (CloudEvents source + id name an event), and a repeated error event
 *   carries the same id as the first.
 * - stop(): no record is started after it, the record in hand finishes, the batch's error events are
 *   written, and what is finished is committed before the consumer leaves the group.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  Admin,
  Consumer,
  ConsumerConfig,
  EachBatchPayload,
  Kafka,
  KafkaMessage,
  Producer,
  RetryOptions,
} from 'kafkajs';
import type { ErrorEvent, EventType, ReceivedRecord, ShopEvent } from '../events/index.js';
import { BackgroundSend } from './background-send.js';
import { BatchProgress } from './batch-progress.js';
import { Cadence } from './cadence.js';
import { classifyRecord, type RecordFailure } from './classify-record.js';
import { deadLetterRoute, type DeadLetterRoute } from './dead-letter-route.js';
import { errorTopicLimit, type ErrorTopicLimit } from './error-topic-limit.js';
import { errorTopicPartitions } from './error-topic-partitions.js';
import { MessageContext, type HandlerContext } from './handler-context.js';
import { isTooLarge, kafkaRefusal } from './kafka-refusal.js';
import { boundedSendRetry, idempotentProducerConfig } from './producer-settings.js';
import { receivedRecord } from './received-record.js';
import { delayBefore, retryPolicy, type RetryPolicy } from './retry-policy.js';

export { SEND_IN_BACKGROUND_AT } from './background-send.js';
export type { HandlerContext } from './handler-context.js';

/** A topic the consumer reads, and the one event type it carries. */
export interface SubscribedTopic {
  readonly topic: string;
  readonly eventType: EventType;
}

export type EventHandler = (event: ShopEvent, context: HandlerContext) => Promise<void> | void;

/** What the consumer did, as it happens: for logs and metrics, and for specs to wait on. */
export interface EventConsumerListeners {
  /** The consumer joined (or re-joined) its group and got these partitions. */
  onGroupJoined?(info: { memberId: string; assignment: Readonly<Record<string, readonly number[]>> }): void;
  onHandled?(info: { record: ReceivedRecord; event: ShopEvent; attempt: number }): void;
  onHandlerFailed?(info: { record: ReceivedRecord; attempt: number; error: unknown }): void;
  onDeadLettered?(info: { record: ReceivedRecord; errorEvent: ErrorEvent }): void;
  /**
   * The error topic refused or could not take the record's error event. `refusal` names why, as
   * Kafka does (MESSAGE_TOO_LARGE, NOT_ENOUGH_REPLICAS, TOPIC_AUTHORIZATION_FAILED,
   * UNKNOWN_TOPIC_OR_PARTITION, ...) or as kafkajs does (KafkaJSConnectionError, ...).
   * `retryInMs` is undefined when the consumer gives up.
   */
  onDeadLetterFailed?(info: {
    record: ReceivedRecord;
    failure: RecordFailure;
    attempt: number;
    error: unknown;
    refusal: string;
    retryInMs: number | undefined;
  }): void;
  /** `offset` is the committed offset: the next record the group will read from that partition. */
  onCommitted?(info: { topic: string; partition: number; offset: string }): void;
  /** The retry budget ran out on `record` (the first one whose error event was not acknowledged); the consumer stops and leaves it uncommitted. */
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

// kafkajs heartbeats only when asked, and sends one at most every heartbeatInterval (3 s by default).
const DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;
// Refusals after which the idempotent producer's sequence numbers no longer match the broker's.
const PRODUCER_STATE_LOST = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
]);

// A backoff asks at least this often.
const BACKOFF_HEARTBEAT_EVERY_MS = 1_000;
// A long batch (a slow handler) commits what is finished at least this often.
const COMMIT_EVERY_MS = 5_000;
// Error events waiting in one batch before they are written mid-batch: bounds memory, and the
// records a crash would make the group see again.
const MAX_WAITING_DEAD_LETTERS = 2_000;

type BatchEnd = 'done' | 'stopped' | 'gave-up';

/** How taking a batch's records ended, and whether its waiting error events are still to be written. */
interface RecordsTaken {
  readonly end: BatchEnd;
  /** False when a write of them already ended without finishing (stopped, gave up): no second try at the batch's end. */
  readonly writeWaiting: boolean;
}

/** The batch being worked on: its partition, the event type expected there, how far it got, and its sends. */
interface BatchInHand {
  readonly topic: string;
  readonly partition: number;
  readonly expected: EventType;
  readonly payload: EachBatchPayload;
  readonly progress: BatchProgress;
  /** At most one send in flight: error events go out while the next records are classified. */
  readonly background: BackgroundSend;
  readonly heartbeats: Cadence;
  readonly commits: Cadence;
}

export class EventConsumer {
  readonly groupId: string;
  private readonly consumer: Consumer;
  private producer: Producer;
  /** The producer's idempotence state is lost (see renewProducerIfLost): a new producer id before the next send. */
  private producerLost = false;
  private readonly sendRetry: RetryOptions;
  private readonly admin: Admin;
  private readonly limit: ErrorTopicLimit;
  private readonly route: DeadLetterRoute;
  private readonly policy: RetryPolicy;
  private readonly eventTypeByTopic: ReadonlyMap<string, EventType>;
  private readonly listeners: EventConsumerListeners;
  private readonly heartbeatEveryMs: number;
  private readonly stopSignal = new AbortController();
  private readonly batchesInFlight = new Set<Promise<unknown>>();
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: EventConsumerOptions) {
    this.groupId = options.groupId;
    this.policy = retryPolicy(options.retry);
    this.eventTypeByTopic = new Map(options.topics.map(({ topic, eventType }) => [topic, eventType]));
    this.listeners = options.listeners ?? {};
    this.heartbeatEveryMs = options.consumerConfig?.heartbeatInterval ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
    this.consumer = options.kafka.consumer({ ...options.consumerConfig, groupId: options.groupId });
    const sendRetry = options.deadLetterSendRetry ?? boundedSendRetry;
    this.sendRetry = sendRetry;
    this.producer = options.kafka.producer(idempotentProducerConfig(sendRetry));
    // Reads the error topic's max.message.bytes; bounded like a send, so a missing topic fails one try, not the consumer.
    this.admin = options.kafka.admin({ retry: sendRetry });
    this.limit = errorTopicLimit(this.admin, options.deadLetterTopic);
    // Through the current producer: renewProducerIfLost may replace it.
    this.route = deadLetterRoute({
      producer: { send: (record) => this.producer.send(record) },
      topic: options.deadLetterTopic,
      consumerGroup: options.groupId,
      limit: this.limit,
      partitions: errorTopicPartitions(this.admin, options.deadLetterTopic),
    });
  }

  /** Connects, joins the group and starts consuming. */
  async start(): Promise<void> {
    await this.producer.connect();
    await this.admin.connect();
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.notify('onGroupJoined', { memberId: payload.memberId, assignment: payload.memberAssignment });
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.eventTypeByTopic.keys()],
      fromBeginning: this.options.fromBeginning ?? false,
    });
    await this.consumer.run({
      autoCommit: false,
      // Only what the consumer resolves is finished: kafkajs must not mark a whole batch done on its own.
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /**
   * Stops taking records, lets the record in hand finish, writes the error events of what it took,
   * commits what is finished, then leaves the group and disconnects. A backoff in progress is cut
   * short and its records left uncommitted for the group's next consumer. Safe to call more than once.
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
    while (this.batchesInFlight.size > 0) await Promise.all(this.batchesInFlight);
    // Only now: kafkajs drops a commit requested after its consumer began to stop.
    await this.consumer.disconnect();
    await this.producer.disconnect();
    await this.admin.disconnect();
  }

  private get isStopping(): boolean {
    return this.stopSignal.signal.aborted;
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    // Not started, so not resolved nor committed: the group's next consumer reads it.
    if (this.isStopping) return;
    const work = this.processBatch(payload);
    const settled = work.catch(() => undefined);
    this.batchesInFlight.add(settled);
    try {
      // A throw (a rebalance, a failed commit) reaches kafkajs, which re-joins or re-fetches from the last resolved record.
      const end = await work;
      if (end === 'gave-up') {
        payload.pause();
        // Not awaited here (stop waits for this very call to return); whoever awaits stop() sees its outcome.
        this.stop().catch(() => undefined);
      }
    } finally {
      this.batchesInFlight.delete(settled);
    }
  }

  /** A batch: its records taken in offset order, its error events written, what is finished committed. */
  private async processBatch(payload: EachBatchPayload): Promise<BatchEnd> {
    const batch = this.batchInHand(payload);
    try {
      const taken = await this.takeRecords(batch);
      return await this.finishBatch(batch, taken);
    } catch (error) {
      // A rebalance, a failed commit: kafkajs re-joins or re-fetches from the last resolved record.
      await this.salvageBatch(batch);
      throw error;
    }
  }

  private batchInHand(payload: EachBatchPayload): BatchInHand {
    const { topic, partition } = payload.batch;
    const expected = this.eventTypeByTopic.get(topic);
    if (expected === undefined)
      throw new Error(`received a record from ${topic}, which this consumer did not subscribe to`);
    const progress = new BatchProgress();
    return {
      topic,
      partition,
      expected,
      payload,
      progress,
      background: new BackgroundSend({ progress, sendWaiting: () => this.sendWaitingOnce(progress) }),
      // lastDoneAt 0: a heartbeat right after a batch's first record, as kafkajs's eachMessage does,
      // so a batch learns of a rebalance that began while another batch was being worked on.
      heartbeats: new Cadence({ everyMs: this.heartbeatEveryMs, lastDoneAt: 0 }),
      commits: new Cadence({ everyMs: COMMIT_EVERY_MS, lastDoneAt: Date.now() }),
    };
  }

  /** Takes the batch's records in offset order, until its last, a stop, or a write of its error events that did not finish. */
  private async takeRecords(batch: BatchInHand): Promise<RecordsTaken> {
    const { payload, background, heartbeats, commits } = batch;
    // Once per record: what is awaited here is awaited only when there is something to wait for.
    for (const message of payload.batch.messages) {
      if (!this.mayTakeMore(batch)) return { end: 'stopped', writeWaiting: true };
      if (!(await this.handleRecord(message, batch))) return { end: 'stopped', writeWaiting: true };
      if (this.mustWriteWaitingNow(batch)) {
        const written = await this.writeWaitingWithBackoff(batch);
        if (written !== 'done') return { end: written, writeWaiting: false };
      }
      const turnForSend = background.afterRecord();
      if (turnForSend !== undefined) await turnForSend;
      const now = Date.now();
      if (heartbeats.dueAt(now)) await payload.heartbeat();
      if (commits.dueAt(now)) await this.commitFinished(batch);
    }
    return { end: 'done', writeWaiting: true };
  }

  /** No record is started after stop(), after kafkajs stopped the consumer, or once the batch is stale (a rebalance moved its partition). */
  private mayTakeMore({ payload }: BatchInHand): boolean {
    return !this.isStopping && payload.isRunning() && !payload.isStale();
  }

  /**
   * Too many error events wait (bounds memory, and what a crash makes the group see again), or the
   * error topic refused a background send: they are written now, in the foreground, with backoff.
   */
  private mustWriteWaitingNow({ progress, background }: BatchInHand): boolean {
    return progress.waitingCount >= MAX_WAITING_DEAD_LETTERS || background.failed;
  }

  /** The batch's records are taken: its error events written (unless a write already ended it), what is finished committed. */
  private async finishBatch(batch: BatchInHand, { end, writeWaiting }: RecordsTaken): Promise<BatchEnd> {
    const written = writeWaiting ? await this.writeWaitingWithBackoff(batch) : 'done';
    await this.commitFinished(batch);
    return written === 'done' ? end : written;
  }

  /**
   * The batch ended by a throw (a rebalance, or any other end). Writes what waits for the error
   * topic (one try, no backoff; none when a background send just failed), so that the records
   * handled after it need not be handled again by the partition's next owner; then commits what is
   * finished. Never throws: the batch's own error is what kafkajs must see.
   */
  private async salvageBatch(batch: BatchInHand): Promise<void> {
    await batch.background.settled();
    if (batch.background.takeFailure() === undefined && batch.progress.waitingCount > 0)
      await this.sendWaitingOnce(batch.progress).catch(() => undefined);
    await this.commitFinished(batch).catch(() => undefined);
  }

  /**
   * One record: classified, then handled, or put in line for the error topic when it is not a
   * valid event of its topic's type. False when stop() cut a handler's backoff short: the record is left.
   */
  private async handleRecord(message: KafkaMessage, batch: BatchInHand): Promise<boolean> {
    const classified = classifyRecord(message.value, batch.expected);
    if (classified.ok) return this.handleEvent(classified.event, message, batch);
    batch.progress.failed({
      record: receivedRecord(batch.topic, batch.partition, message),
      failure: classified.failure,
      attempt: 1,
      parsed: classified.parsed,
    });
    return true;
  }

  /**
   * Calls the handler with a valid event, again after a backoff while it throws; after
   * handlerAttempts throws the record is put in line for the error topic as HANDLER_FAILED.
   * False when stop() cut a backoff short.
   */
  private async handleEvent(event: ShopEvent, message: KafkaMessage, batch: BatchInHand): Promise<boolean> {
    const { topic, partition, progress, payload } = batch;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handle(event, new MessageContext({ topic, partition, message, attempt }));
        if (this.listeners.onHandled !== undefined)
          this.notify('onHandled', { record: receivedRecord(topic, partition, message), event, attempt });
        progress.handled(message.offset);
        return true;
      } catch (error) {
        const record = receivedRecord(topic, partition, message);
        this.notify('onHandlerFailed', { record, attempt, error });
        if (attempt >= this.policy.handlerAttempts) {
          progress.failed({
            record,
            failure: {
              code: 'HANDLER_FAILED',
              message: `the handler failed on attempt ${attempt}: ${errorMessage(error)}`,
            },
            attempt,
          });
          return true;
        }
      }
      if (!(await this.backOff(delayBefore(this.policy, attempt + 1), payload))) return false;
    }
  }

  /** One try at writing the waiting error events; each acknowledged one is finished at once. Rejects when the error topic refuses. */
  private sendWaitingOnce(progress: BatchProgress): Promise<void> {
    const letters = progress.deadLetters();
    let sent = 0;
    return this.route.sendAll(letters, (events) => {
      events.forEach((errorEvent, i) => {
        const letter = letters[sent + i];
        if (letter !== undefined) this.notify('onDeadLettered', { record: letter.record, errorEvent });
      });
      sent += events.length;
      progress.acknowledged(events.length);
    });
  }

  /**
   * Writes the waiting error events, trying again with backoff while the error topic refuses them,
   * until they are written ('done'), the retry budget runs out ('gave-up') or stop() cuts a backoff
   * short ('stopped'). Waits first for the background send in flight; if it failed, that failure
   * counts as this call's first try.
   */
  private async writeWaitingWithBackoff(batch: BatchInHand): Promise<BatchEnd> {
    const { progress, payload, background } = batch;
    await background.settled();
    let failure = background.takeFailure();
    for (;;) {
      if (failure === undefined) {
        if (progress.waitingCount === 0) return 'done';
        try {
          await this.sendWaitingOnce(progress);
          return 'done';
        } catch (error) {
          failure = { error };
        }
      }
      const retryInMs = this.onWriteRefused(progress, failure.error);
      failure = undefined;
      if (retryInMs === undefined) return 'gave-up';
      // A long outage must not hold back what is finished: commit it before waiting.
      await this.commitFinished(batch);
      if (!(await this.backOff(retryInMs, payload))) return 'stopped';
      await this.renewProducerIfLost();
      progress.nextAttempt();
    }
  }

  /**
   * The error topic refused a try at the waiting error events: notes what the refusal says (the
   * topic's limit changed, the producer's idempotence state is lost), tells the listeners, and
   * returns the wait before the next try, or undefined when the retry budget is spent (onGaveUp).
   */
  private onWriteRefused(progress: BatchProgress, error: unknown): number | undefined {
    const refusal = kafkaRefusal(error);
    if (isTooLarge(refusal)) this.limit.forget();
    if (PRODUCER_STATE_LOST.has(refusal)) this.producerLost = true;
    const attempt = progress.mostAttempts();
    const retryInMs = attempt >= this.policy.maxAttempts ? undefined : delayBefore(this.policy, attempt + 1);
    const letters = progress.deadLetters();
    for (const { record, failure, attempt: letterAttempt } of letters)
      this.notify('onDeadLetterFailed', { record, failure, attempt: letterAttempt, error, refusal, retryInMs });
    const [first] = letters;
    if (retryInMs === undefined && first !== undefined)
      this.notify('onGaveUp', { record: first.record, attempt: first.attempt });
    return retryInMs;
  }

  /**
   * After a leader dies mid-send, kafkajs's idempotent producer can lose step with the broker's
   * sequence numbers and get OUT_OF_ORDER_SEQUENCE_NUMBER on every try after (seen in the cluster
   * spec that kills the error topic's leader: three minutes of it, no error event written). Java's
   * producer treats this as fatal and takes a new producer id; so does this: a new producer, whose
   * sequences start again. A repeat of an error event it brings has the same id.
   */
  private async renewProducerIfLost(): Promise<void> {
    if (!this.producerLost) return;
    const lost = this.producer;
    this.producer = this.options.kafka.producer(idempotentProducerConfig(this.sendRetry));
    await lost.disconnect().catch(() => undefined);
    try {
      await this.producer.connect();
      this.producerLost = false;
    } catch {
      // The cluster is still down: the next try fails again, and this runs again after its backoff.
    }
  }

  /** Resolves the batch's finished records, and commits every finished record this consumer resolved, on any partition. */
  private async commitFinished({ progress, payload }: BatchInHand): Promise<void> {
    if (progress.finished !== undefined) payload.resolveOffset(progress.finished);
    const { topics } = payload.uncommittedOffsets();
    if (topics.length === 0) return;
    await payload.commitOffsetsIfNecessary({ topics });
    for (const { topic, partitions } of topics) {
      // kafkajs keys these by partition as object keys: strings, though typed as numbers.
      for (const { partition, offset } of partitions)
        this.notify('onCommitted', { topic, partition: Number(partition as number | string), offset });
    }
  }

  /** Waits `ms`, heartbeating; false when stop() cut the wait short. */
  private async backOff(ms: number, payload: EachBatchPayload): Promise<boolean> {
    const until = Date.now() + ms;
    for (;;) {
      if (this.isStopping) return false;
      // Throws when the group is rebalancing: the records may no longer be ours to retry.
      await payload.heartbeat();
      const left = until - Date.now();
      if (left <= 0) return true;
      try {
        await sleep(Math.min(left, BACKOFF_HEARTBEAT_EVERY_MS), undefined, { signal: this.stopSignal.signal });
      } catch {
        return false;
      }
    }
  }

  private notify<NAME extends keyof EventConsumerListeners>(
    name: NAME,
    info: Parameters<NonNullable<EventConsumerListeners[NAME]>>[0],
  ): void {
    const listener = this.listeners[name] as ((info: unknown) => void) | undefined;
    if (listener === undefined) return;
    try {
      listener(info);
    } catch (error) {
      // A broken listener must not decide the fate of a record.
      process.emitWarning(`EventConsumer listener ${name} threw: ${errorMessage(error)}`);
    }
  }
}

/** An error's message, for a log line or an error event's reason. */
function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
