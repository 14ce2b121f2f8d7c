/**
 * What ships: the event module, EventConsumer and its parts, the topic config helpers and the wait
 * helper; what a later milestone's service would import. Nothing here imports the test harness.
 */
export * from './events/index.js';
export * from './pipeline/index.js';
export * from './topics/index.js';
export * from './wait.js';
export * from './kafkajs.js';
