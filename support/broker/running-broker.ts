import type { BrokerConnection } from './broker-connection.js';

/** A broker the run can use, and how to let go of it at the end. */
export interface RunningBroker {
  connection: BrokerConnection;
  /** One line for the run's report: runtime, version, where. */
  description: string;
  stop(): Promise<void>;
}
