/**
 * How far a consumer got in one batch of one partition: which record it may commit up to, and the
 * failed records whose error events the error topic has not acknowledged yet.
 *
 * Records are taken in offset order. A handled record is finished at once; a failed one only when
 * its error event is acknowledged. `finished` is the highest offset with every record up to it
 * finished, the one offset that may be committed: never past a record still waiting for the error
 * topic, even when records after it were already handled.
 */
import type { ParsedValue, ReceivedRecord } from '../events/index.js';
import type { RecordFailure } from './classify-record.js';
import type { DeadLetter } from './dead-letter-route.js';

interface Waiting {
  readonly record: ReceivedRecord;
  readonly failure: RecordFailure;
  readonly parsed: ParsedValue | undefined;
  attempt: number;
  /** The last record taken before this one in the batch: finished once this one is acknowledged. */
  readonly before: string | undefined;
}

export class BatchProgress {
  /** Every record up to this offset is finished (handled, or its error event acknowledged). */
  finished: string | undefined;
  /** The last record taken: handled or waiting. */
  private taken: string | undefined;
  private waiting: Waiting[] = [];

  handled(offset: string): void {
    this.taken = offset;
    if (this.waiting.length === 0) this.finished = offset;
  }

  /** A record failed: it waits for the error topic, as the letter given (`attempt` counts this try). */
  failed({ record, failure, attempt, parsed }: DeadLetter): void {
    this.waiting.push({ record, failure, parsed, attempt, before: this.taken });
    this.taken = record.offset;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** The records waiting for the error topic, in offset order, with the attempt this try counts as. */
  deadLetters(): readonly DeadLetter[] {
    return this.waiting.map(({ record, failure, parsed, attempt }) => ({ record, failure, parsed, attempt }));
  }

  /** The first `count` waiting records' error events were acknowledged. */
  acknowledged(count: number): void {
    this.waiting = this.waiting.slice(count);
    const next = this.waiting[0];
    this.finished = next === undefined ? this.taken : (next.before ?? this.finished);
  }

  /** The error topic is tried again: every waiting record uses one more attempt. */
  nextAttempt(): void {
    for (const w of this.waiting) w.attempt += 1;
  }

  mostAttempts(): number {
    return this.waiting.reduce((most, w) => Math.max(most, w.attempt), 0);
  }
}
