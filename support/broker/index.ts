/** The runtimes' common ground: the run's settings, the versions proven, the broker connection, setup errors, the "is it Kafka?" probe. */
export * from './settings.js';
export * from './broker-setup-error.js';
export * from './kafka-versions.js';
export * from './kafkajs-config.js';
export * from './kafka-probe.js';
export * from './running-broker.js';
