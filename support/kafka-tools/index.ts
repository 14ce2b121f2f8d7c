/** Kafka's own command-line tools for specs: the command builders, how to show them, and where they run. */
export * from './kafka-configs.js';
export * from './kafka-tool-command.js';
export * from './kafka-tools.js';
export * from './kafka-topics.js';
