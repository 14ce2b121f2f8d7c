/** The local Kafka image: the jar entries it is built from. */
export * from './jar-entries.js';
