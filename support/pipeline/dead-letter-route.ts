/**
 * The way to the error topic: one error event per failed record, written with acks=all by an
 * idempotent producer. The send resolves only when the error topic has the event; only then may the
 * consumer commit past the failed record.
 */
import type { Producer } from 'kafkajs';
import { buildErrorEvent, errorEventType, type ErrorEvent, type ReceivedRecord } from '../events/index.js';
import type { RecordFailure } from './classify-record.js';
import { errorEventId } from './error-event-id.js';
import { eventHeaders } from './event-headers.js';
import { ACKS_ALL } from './producer-settings.js';

export interface DeadLetterRoute {
  readonly topic: string;
  /** Writes the error event for `record` and resolves once the error topic has acknowledged it. */
  send(record: ReceivedRecord, failure: RecordFailure, attempt: number): Promise<ErrorEvent>;
}

export function deadLetterRoute(producer: Producer, topic: string, consumerGroup: string): DeadLetterRoute {
  return {
    topic,
    async send(record, failure, attempt) {
      const errorEvent = buildErrorEvent({
        record,
        consumerGroup,
        attempt,
        reason: failure,
        id: errorEventId(consumerGroup, record.topic, record.partition, record.offset),
      });
      await producer.send({
        topic,
        acks: ACKS_ALL,
        messages: [
          {
            // The failed record's key: one order's failures land in one partition, in the order they happened.
            key: record.key === null ? null : Buffer.from(record.key),
            value: JSON.stringify(errorEvent),
            headers: { ...eventHeaders(errorEventType) },
          },
        ],
      });
      return errorEvent;
    },
  };
}
