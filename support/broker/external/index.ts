/** The external runtime: a cluster of the user's, reached through KAFKA_BROKERS. */
export * from './external-runtime.js';
