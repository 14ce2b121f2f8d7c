/**
 * The sends of a batch's error events that run beside the batch: while the consumer goes on with
 * the next records, the error events waiting so far are written. At most one such send is in
 * flight. A send that fails is not tried again here: its failure is kept, and the consumer's next
 * write (in the foreground, with backoff) starts from it, counting it as its first try.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BatchProgress } from './batch-progress.js';

// Error events waiting before a send starts in the background, while the batch goes on. Large:
// per error event, a send of ~500 costs the broker about a third less CPU than one of 64, and this
// process about a tenth less (npm run bench consumer-throughput, both in one run); a batch's last
// events are sent at its end whatever their number.
export const SEND_IN_BACKGROUND_AT = 512;
// While a send is in flight, the batch lets the event loop take the send's acknowledgement this
// often (in records taken): the loop itself never waits on I/O, so without it the send would only
// finish, and the next one start, after the batch's last record.
const YIELD_TO_SEND_EVERY = 32;

/** A send that failed; what it threw. */
export interface SendFailure {
  readonly error: unknown;
}

export interface BackgroundSendOptions {
  /** The batch whose waiting error events are sent. */
  readonly progress: BatchProgress;
  /** One try at writing the waiting error events (each acknowledged one is finished at once); rejects when the error topic refuses. */
  readonly sendWaiting: () => Promise<void>;
}

export class BackgroundSend {
  private readonly progress: BatchProgress;
  private readonly sendWaiting: () => Promise<void>;
  /** The send in flight; it never rejects (its failure goes to `failure`). */
  private inFlight: Promise<void> | undefined;
  private failure: SendFailure | undefined;
  private recordsTaken = 0;

  constructor({ progress, sendWaiting }: BackgroundSendOptions) {
    this.progress = progress;
    this.sendWaiting = sendWaiting;
  }

  /** A send failed and no write has taken its failure yet. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Called after each record the batch took. Starts a send when SEND_IN_BACKGROUND_AT error events
   * wait and none is in flight. Every YIELD_TO_SEND_EVERY records while a send is in flight, it
   * returns a turn of the event loop for the batch to await first, in which the send takes its
   * acknowledgement; otherwise undefined (no await: this runs once per record).
   */
  afterRecord(): Promise<void> | undefined {
    this.recordsTaken += 1;
    if (this.inFlight !== undefined && this.recordsTaken % YIELD_TO_SEND_EVERY === 0)
      return nextTurn().then(() => {
        this.startWhenEnoughWait();
      });
    this.startWhenEnoughWait();
    return undefined;
  }

  /** Waits for the send in flight, if any, to end; never throws. */
  async settled(): Promise<void> {
    await this.inFlight;
  }

  /** The failure of the last send, once: whoever takes it counts it as a try of its own. */
  takeFailure(): SendFailure | undefined {
    const failure = this.failure;
    this.failure = undefined;
    return failure;
  }

  private startWhenEnoughWait(): void {
    if (this.inFlight !== undefined || this.progress.waitingCount < SEND_IN_BACKGROUND_AT) return;
    this.inFlight = this.sendWaiting()
      .catch((error: unknown) => {
        this.failure = { error };
      })
      .finally(() => {
        this.inFlight = undefined;
      });
  }
}
