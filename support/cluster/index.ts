/** The cluster project's fault bench: clusters of several brokers, crashes, and a ledger of what the consumer did. */
export * from './fault-bench.js';
export * from './fault-proof.js';
