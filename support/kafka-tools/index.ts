/** Kafka's own command-line tools for specs: the command builders, how to show them, and where they run. */
export * from './kafka-configs.js';
export * from './kafka-tool-command.js';
export * from './kafka-tools.js';
export * from './kafka-topics.js';
export * from './client-config-file.js';
export * from './jvm-kafka-tools.js';
export * from './kafka-bin.js';
export * from './kafka-cli-commands.js';
export * from './kafka-tool-classes.js';
export * from './learner-kafka-home.js';
export * from './other-clients.js';
