/** The cluster project's fault bench: clusters of several brokers, crashes, a ledger of what the consumer did, and step 9's confirm bench. */
export * from './fault-bench.js';
export * from './fault-proof.js';
export * from './confirm-bench.js';
