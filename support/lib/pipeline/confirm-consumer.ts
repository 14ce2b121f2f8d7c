/**
 * Step 9, beyond the milestone: the order service's confirm consumer. It reads OrderReceived and
 * turns each order into exactly one OrderConfirmed, however often the order arrives (a customer's
 * double submit: the same order id in a new event) and however often a record is delivered (a crash
 * or a rebalance before the commit).
 *
 * Exactly once, with Kafka alone: each batch of one partition is one transaction of a transactional
 * producer, and that transaction holds everything the batch did:
 * - the OrderConfirmed records (key = order id);
 * - one record per confirmed order in the compacted state topic (confirmed-orders.ts);
 * - the error events of the records it cannot process (the dead-letter route, as EventConsumer's);
 * - the consumer group's offsets past the batch (`sendOffsets`), instead of a consumer commit.
 * Either all of it becomes visible to read_committed readers, or none of it: a consumer killed
 * between its sends and its commit leaves an open transaction that the next owner of the partition
 * aborts, and the group's offsets still point at the batch, which is processed again.
 *
 * Duplicates: the consumer keeps the confirmed order ids in memory, restored from the state topic
 * after every group join, and skips an order already confirmed. That catches a double submit that
 * comes long after the first (even after a restart), and it also catches a redelivery.
 *
 * Fencing (kafkajs 2.2.4 has no KIP-447 consumer-group fencing): one transactional id per input
 * partition, `<transactionalIdPrefix>.<topic>.<partition>`. After a join, before anything is read,
 * the consumer starts a transaction with the id of every partition it got: Kafka then fences the
 * partition's previous owner and aborts its open transaction. Only then is the state restored, so the
 * restore sees every confirmation that will ever commit for those partitions.
 * A transaction that fails part-way (a broker crashed under it) starts its partition over the same
 * way, with a new producer, before the next batch (recover()).
 *
 * Readers of OrderConfirmed must read read_committed (kafkajs: `readUncommitted: false`, its default;
 * kafka-console-consumer: `--isolation-level read_committed`), or they also see aborted records.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka, Producer, Transaction } from 'kafkajs';
import {
  confirmationOf,
  orderConfirmedType,
  orderReceivedType,
  type OrderConfirmedEvent,
  type ReceivedRecord,
} from '../events/index.js';
import { sendPlaced, type PlacedMessage } from './acknowledged-partitions.js';
import { classifyRecord, type RecordFailure } from './classify-record.js';
import { restoreConfirmedOrders, type ConfirmedOrders } from './confirmed-orders.js';
import { deadLetterRoute, type DeadLetter } from './dead-letter-route.js';
import { errorTopicLimit } from './error-topic-limit.js';
import { errorTopicPartitions } from './error-topic-partitions.js';
import { eventHeaders } from './event-headers.js';
import { keyPartition } from './murmur2.js';
import { boundedSendRetry } from './producer-settings.js';
import { nextOffset, receivedRecord } from './received-record.js';

export interface ConfirmTopics {
  /** Where the orders come from. */
  readonly orderReceived: string;
  /** Where each order's one confirmation goes. */
  readonly orderConfirmed: string;
  /** The compacted state topic: which orders are confirmed. */
  readonly confirmedOrders: string;
  /** Where a record that cannot be processed goes, as an error event. */
  readonly deadLetter: string;
}

/** One partition's batch as it is about to be committed. */
export interface TransactionInHand {
  readonly partition: number;
  /** The offset the transaction commits for the group: the batch's last offset + 1. */
  readonly commitsOffset: string;
  readonly confirmed: number;
  readonly duplicates: number;
  readonly deadLettered: number;
}

export interface ConfirmConsumerListeners {
  /**
   * The state is restored, `after` a join or a failed transaction (its partition starts over):
   * `orders` confirmed so far, for `partitions`. Batches go on after it.
   */
  onRestored?(info: {
    orders: number;
    partitions: readonly number[];
    ms: number;
    after: 'join' | 'failed transaction';
  }): void;
  onConfirmed?(info: { record: ReceivedRecord; confirmation: OrderConfirmedEvent }): void;
  /** An order already confirmed: a redelivery (the same event id) or a double submit (a new one). */
  onDuplicate?(info: {
    record: ReceivedRecord;
    orderId: string;
    kind: 'redelivery' | 'double submit';
    confirmedBy: string;
  }): void;
  onDeadLettered?(info: { record: ReceivedRecord; failure: RecordFailure }): void;
  /** Everything of the batch is sent and the offsets are in the transaction: it commits next. */
  onSent?(transaction: TransactionInHand): void;
  /** The transaction committed: its records are visible to read_committed readers, its offsets committed. */
  onCommitted?(transaction: TransactionInHand): void;
  /**
   * A batch's transaction failed part-way (e.g. a broker crashed under it) and was aborted: the
   * partition is prepared again in `retryInMs` and read from its committed offset. `attempt` counts
   * the partition's failures in a row; retryInMs is undefined when this was the last one allowed.
   */
  onTransactionFailed?(info: { partition: number; error: unknown; attempt: number; retryInMs?: number }): void;
  /**
   * A partition's transactions failed `attempts` times in a row: the consumer stops, with nothing of
   * that partition committed past its committed offset (the group's next consumer starts there).
   */
  onGaveUp?(info: { partition: number; error: unknown; attempts: number }): void;
}

/** How a partition whose transactions keep failing is tried again, and when the consumer gives up. */
export interface TransactionRetry {
  /** Failed transactions of a partition in a row before the consumer stops (10); Infinity: never. */
  readonly maxAttempts: number;
  /** Wait before the partition starts over after its first failure (200 ms); each later wait doubles. */
  readonly initialDelayMs: number;
  /** The longest wait (10 s): below the group's session timeout, which no heartbeat covers meanwhile. */
  readonly maxDelayMs: number;
}

export interface ConfirmConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: ConfirmTopics;
  /** Transactional ids are `<prefix>.<topic>.<partition>`; the group id by default. Unique to this service. */
  readonly transactionalIdPrefix?: string;
  /** Where a group without committed offsets starts: false (Kafka's default) reads only new records. */
  readonly fromBeginning?: boolean;
  /**
   * How long an open transaction may stay open: after a crash that no restart follows, read_committed
   * readers of OrderConfirmed wait at most this long before the broker aborts it. 15 s by default.
   */
  readonly transactionTimeoutMs?: number;
  /** More kafkajs consumer settings (e.g. maxWaitTimeInMs). */
  readonly consumerConfig?: Omit<ConsumerConfig, 'groupId' | 'readUncommitted'>;
  readonly transactionRetry?: Partial<TransactionRetry>;
  readonly listeners?: ConfirmConsumerListeners;
}

const DEFAULT_TRANSACTION_TIMEOUT_MS = 15_000;
const DEFAULT_TRANSACTION_RETRY: TransactionRetry = { maxAttempts: 10, initialDelayMs: 200, maxDelayMs: 10_000 };
const RESTORE_TIMEOUT_MS = 60_000;
const confirmationHeaders = eventHeaders(orderConfirmedType);

export class ConfirmConsumer {
  readonly groupId: string;
  private readonly consumer: Consumer;
  private readonly admin;
  private readonly producers = new Map<number, Producer>();
  private confirmed: ConfirmedOrders = new Map();
  /** The partitions of OrderReceived the latest join gave this consumer. */
  private assigned: readonly number[] = [];
  /** Settles once the latest join's partitions are fenced and the state restored; batches wait for it. */
  private ready: Promise<void> = Promise.resolve();
  private partitionCounts: { confirmed: number; state: number } | undefined;
  private stopping: Promise<void> | undefined;
  /** Cuts a wait before a retry short when the consumer stops. */
  private readonly stopSignal = new AbortController();
  /** Failed transactions in a row, per partition; a commit clears its partition's count. */
  private readonly failuresInARow = new Map<number, number>();
  private readonly retry: TransactionRetry;
  private readonly limit;
  private readonly errorPartitions;

  constructor(private readonly options: ConfirmConsumerOptions) {
    this.groupId = options.groupId;
    this.retry = transactionRetry(options.transactionRetry);
    this.consumer = options.kafka.consumer({
      ...options.consumerConfig,
      groupId: options.groupId,
      // Only committed records of other transactional writers; OrderReceived's are all committed anyway.
      readUncommitted: false,
    });
    this.admin = options.kafka.admin();
    this.limit = errorTopicLimit(this.admin, options.topics.deadLetter);
    this.errorPartitions = errorTopicPartitions(this.admin, options.topics.deadLetter);
  }

  /** Connects, joins the group and starts consuming. */
  async start(): Promise<void> {
    await this.admin.connect();
    this.partitionCounts = {
      confirmed: await this.partitionCount(this.options.topics.orderConfirmed),
      state: await this.partitionCount(this.options.topics.confirmedOrders),
    };
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const partitions = payload.memberAssignment[this.options.topics.orderReceived] ?? [];
      this.assigned = partitions;
      // Every batch of the new generation waits for this; one that fails fails those batches, and
      // kafkajs then re-joins the group, which prepares again.
      this.ready = this.afterReady(() => this.prepare(partitions, 'join'));
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [this.options.topics.orderReceived],
      fromBeginning: this.options.fromBeginning ?? false,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** Lets the transaction in hand finish (commit or abort), leaves the group and disconnects. Safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    this.stopSignal.abort();
    await this.consumer.disconnect();
    await Promise.all([...this.producers.values()].map((producer) => producer.disconnect()));
    this.producers.clear();
    await this.admin.disconnect();
  }

  private async partitionCount(topic: string): Promise<number> {
    const { topics } = await this.admin.fetchTopicMetadata({ topics: [topic] });
    const count = topics.find((t) => t.name === topic)?.partitions.length ?? 0;
    if (count === 0) throw new Error(`${topic} has no partitions in the cluster's metadata (does it exist?)`);
    return count;
  }

  /** `step` once the preparation in hand has settled (never two at once: each creates producers). */
  private afterReady(step: () => Promise<void>): Promise<void> {
    const next = this.ready.catch(() => undefined).then(step);
    next.catch(() => undefined);
    return next;
  }

  /** After a join: a transactional producer per partition (fencing its previous owner), then the state. */
  private async prepare(partitions: readonly number[], after: 'join' | 'failed transaction'): Promise<void> {
    const started = Date.now();
    for (const [partition, producer] of this.producers)
      if (!partitions.includes(partition)) {
        this.producers.delete(partition);
        await producer.disconnect();
      }
    for (const partition of partitions) {
      if (this.producers.has(partition)) continue;
      const producer = this.options.kafka.producer({
        transactionalId: `${this.options.transactionalIdPrefix ?? this.groupId}.${this.options.topics.orderReceived}.${partition}`,
        transactionTimeout: this.options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: boundedSendRetry,
      });
      await producer.connect();
      // The first transaction of a transactional id registers it with the broker's transaction
      // coordinator (InitProducerId): that fences any other producer with the id and aborts its open
      // transaction. An empty transaction ends without a request.
      await (await producer.transaction()).abort();
      this.producers.set(partition, producer);
    }
    this.confirmed = await restoreConfirmedOrders({
      kafka: this.options.kafka,
      topic: this.options.topics.confirmedOrders,
      groupPrefix: this.groupId,
      timeoutMs: RESTORE_TIMEOUT_MS,
    });
    this.notify('onRestored', { orders: this.confirmed.size, partitions, ms: Date.now() - started, after });
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    await this.ready;
    const { batch } = payload;
    // Stopping (or given up): the batch is left uncommitted for the group's next consumer.
    if (this.stopSignal.signal.aborted) return;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    const producer = this.producers.get(batch.partition);
    if (producer === undefined) throw new Error(`no transactional producer for partition ${batch.partition}`);
    let transaction: Transaction | undefined;
    let committed: { inHand: TransactionInHand; confirmedNow: ConfirmedOrders } | undefined;
    try {
      transaction = await producer.transaction();
      committed = await this.confirmBatch(transaction, payload);
    } catch (error) {
      await transaction?.abort().catch(() => undefined);
      // A broker crash can fail a transaction part-way: a send, AddOffsetsToTxn or EndTxn to a
      // coordinator that is gone. Its outcome is then unknown (an EndTxn may have reached the
      // coordinator before the answer was lost), and kafkajs 2.2.4 leaves the producer in COMMITTING
      // or ABORTING, where it refuses every later transaction. So the partition starts over as after
      // a join, before any batch goes on: see recover().
      this.afterFailure({ topic: batch.topic, partition: batch.partition, producer, error });
      throw error;
    }
    this.failuresInARow.delete(batch.partition);
    for (const [orderId, eventId] of committed.confirmedNow) this.confirmed.set(orderId, eventId);
    this.notify('onCommitted', committed.inHand);
    payload.resolveOffset(batch.lastOffset());
    await payload.heartbeat();
  }

  /**
   * A failed transaction: the partition starts over after a backoff (doubling with each failure in a
   * row, so an outage is not hammered with new producers and restores), or the consumer gives up.
   */
  private afterFailure({
    topic,
    partition,
    producer,
    error,
  }: {
    topic: string;
    partition: number;
    producer: Producer;
    error: unknown;
  }): void {
    const attempt = (this.failuresInARow.get(partition) ?? 0) + 1;
    this.failuresInARow.set(partition, attempt);
    if (attempt >= this.retry.maxAttempts) {
      this.notify('onTransactionFailed', { partition, error, attempt });
      this.notify('onGaveUp', { partition, error, attempts: attempt });
      // Not awaited: stop() waits for kafkajs, which waits for this very batch to return.
      this.stop().catch(() => undefined);
      return;
    }
    const retryInMs = Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** (attempt - 1));
    this.notify('onTransactionFailed', { partition, error, attempt, retryInMs });
    this.ready = this.afterReady(async () => {
      await delay(retryInMs, undefined, { signal: this.stopSignal.signal }).catch(() => undefined);
      if (this.stopSignal.signal.aborted) return;
      await this.recover(topic, partition, producer);
    });
  }

  /**
   * After a failed transaction: a new producer with the partition's transactional id (InitProducerId
   * lets the coordinator finish the old transaction, committed or aborted, before it answers), the
   * state restored (it holds that transaction's confirmations if it committed), and the partition
   * read again from the offset the group has committed (past the batch if it committed, so that
   * nothing of it, not even an error event, is written twice).
   */
  private async recover(topic: string, partition: number, failed: Producer): Promise<void> {
    if (this.producers.get(partition) === failed) this.producers.delete(partition);
    await failed.disconnect().catch(() => undefined);
    await this.prepare(this.assigned, 'failed transaction');
    const [committed] = await this.admin.fetchOffsets({ groupId: this.groupId, topics: [topic] });
    const offset = committed?.partitions.find((p) => p.partition === partition)?.offset;
    // kafkajs applies a seek before the partition's next fetch; a batch fetched before it is stale.
    if (offset !== undefined && BigInt(offset) >= 0n) this.consumer.seek({ topic, partition, offset });
  }

  /** The batch in one transaction: confirmations, state, error events, offsets; then the commit. */
  private async confirmBatch(
    transaction: Transaction,
    { batch }: EachBatchPayload,
  ): Promise<{ inHand: TransactionInHand; confirmedNow: ConfirmedOrders }> {
    const { topics } = this.options;
    const counts = this.partitionCounts;
    if (counts === undefined) throw new Error('ConfirmConsumer.start() was not called');
    const confirmedNow: ConfirmedOrders = new Map();
    const confirmations: PlacedMessage[] = [];
    const states: PlacedMessage[] = [];
    const letters: DeadLetter[] = [];
    let duplicates = 0;
    for (const message of batch.messages) {
      const record = receivedRecord(batch.topic, batch.partition, message);
      const classified = classifyRecord(message.value, orderReceivedType);
      if (!classified.ok) {
        letters.push({ record, failure: classified.failure, attempt: 1, parsed: classified.parsed });
        this.notify('onDeadLettered', { record, failure: classified.failure });
        continue;
      }
      const received = classified.event;
      const orderId = received.data.orderId;
      const confirmedBy = confirmedNow.get(orderId) ?? this.confirmed.get(orderId);
      if (confirmedBy !== undefined) {
        duplicates++;
        const kind = confirmedBy === received.id ? 'redelivery' : 'double submit';
        this.notify('onDuplicate', { record, orderId, kind, confirmedBy });
        continue;
      }
      const confirmation = confirmationOf(received);
      const key = Buffer.from(orderId, 'utf8');
      confirmations.push({
        key,
        value: JSON.stringify(confirmation),
        headers: confirmationHeaders,
        partition: keyPartition(key, counts.confirmed),
      });
      states.push({ key, value: received.id, partition: keyPartition(key, counts.state) });
      confirmedNow.set(orderId, received.id);
      this.notify('onConfirmed', { record, confirmation });
    }
    // Each record on the partition its key gives, trusted only as far as the acknowledgements go
    // (tulios/kafkajs#1303): a partition left out would commit without its records.
    if (confirmations.length > 0) await sendPlaced(transaction, topics.orderConfirmed, confirmations);
    if (states.length > 0) await sendPlaced(transaction, topics.confirmedOrders, states);
    if (letters.length > 0)
      await deadLetterRoute({
        producer: transaction,
        topic: topics.deadLetter,
        consumerGroup: this.groupId,
        limit: this.limit,
        partitions: this.errorPartitions,
      }).sendAll(letters, () => undefined);
    const commitsOffset = nextOffset(batch.lastOffset());
    await transaction.sendOffsets({
      consumerGroupId: this.groupId,
      topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: commitsOffset }] }],
    });
    const inHand = {
      partition: batch.partition,
      commitsOffset,
      confirmed: confirmations.length,
      duplicates,
      deadLettered: letters.length,
    };
    this.notify('onSent', inHand);
    await transaction.commit();
    return { inHand, confirmedNow };
  }

  private notify<NAME extends keyof ConfirmConsumerListeners>(
    name: NAME,
    info: Parameters<NonNullable<ConfirmConsumerListeners[NAME]>>[0],
  ): void {
    const listener = this.options.listeners?.[name] as ((info: unknown) => void) | undefined;
    try {
      listener?.(info);
    } catch {
      // A listener is for observing: its failure must not change what the consumer does.
    }
  }
}

function transactionRetry(overrides: Partial<TransactionRetry> = {}): TransactionRetry {
  const retry = { ...DEFAULT_TRANSACTION_RETRY, ...overrides };
  const { maxAttempts, initialDelayMs, maxDelayMs } = retry;
  if (!(maxAttempts === Infinity || (Number.isInteger(maxAttempts) && maxAttempts >= 1)))
    throw new Error(`transactionRetry.maxAttempts must be a whole number >= 1 or Infinity, not ${maxAttempts}`);
  if (!(initialDelayMs >= 0) || !(maxDelayMs >= initialDelayMs))
    throw new Error(
      `transactionRetry delays must satisfy 0 <= initialDelayMs (${initialDelayMs}) <= maxDelayMs (${maxDelayMs})`,
    );
  return retry;
}
