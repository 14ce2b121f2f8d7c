/**
 * Producer settings for writes that must not be lost or doubled by the producer's own retries.
 */
import type { ProducerConfig, RetryOptions } from 'kafkajs';

/** acks=all: the send resolves only once every in-sync replica has the record. */
export const ACKS_ALL = -1;

/**
 * kafkajs retries an idempotent producer's send Number.MAX_SAFE_INTEGER times by default, so a send
 * to a topic that does not exist would never return. A bounded budget (about 5 s here) turns an
 * outage into an error the caller can act on: the dead-letter route backs off and tries again
 * without committing. Within one send the broker still drops retried duplicates (producer id and
 * sequence numbers); a send the caller repeats is a new write, which is why error events carry an
 * id derived from the failed record: a repeat is recognisable as the same event.
 */
export const boundedSendRetry: RetryOptions = { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 };

export function idempotentProducerConfig(retry: RetryOptions = boundedSendRetry): ProducerConfig {
  return {
    idempotent: true,
    // kafkajs keeps one sequence number per partition and can only keep it gapless with one request in flight.
    maxInFlightRequests: 1,
    // Never create a topic by writing to it: a misspelt error topic must fail, not appear with default configs.
    allowAutoTopicCreation: false,
    retry,
  };
}
