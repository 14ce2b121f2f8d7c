/** The shell-script harness: running scripts/shell/'s scripts, the Kafka they need, their servers, scratch files. */
export * from './bin-layout-kafka-home.js';
export * from './foreground-script.js';
export * from './processes.js';
export * from './scratch-files.js';
export * from './script-broker.js';
export * from './script-kafka.js';
export * from './send-and-read-back.js';
export * from './shell-scripts.js';
export * from './zookeeper.js';
export * from './create-topics-run.js';
export * from './walkthrough.js';
