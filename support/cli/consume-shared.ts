/** What npm run consume's two modes share: the one-line input error, and the consumer it runs. */
import { BrokerSetupError } from '../broker/broker-setup-error.js';

/** Bad input or environment: its one line, then exit 1. */
export class ConsumeInputError extends BrokerSetupError {}

/** A consumer in the foreground: started, stopped on Ctrl-C, summed up at the end. */
export interface RunningConsumer {
  readonly consumer: { start(): Promise<void>; stop(): Promise<void> };
  /** e.g. `handled 3, dead-lettered 1 (NOT_JSON 1)`. */
  summary(): string;
}
