import type { BrokerConnection } from './broker-connection.js';

/** A broker the run can use, and how to let go of it at the end. */
export interface RunningBroker {
  connection: BrokerConnection;
  /** One line for the run's report: runtime, version, where. */
  description: string;
  stop(): Promise<void>;
}

/** Every run's topics and groups start with this, then the run's own part: what prefixed ACLs grant. */
export const RUN_NAMESPACE_PREFIX = 'spec-';
