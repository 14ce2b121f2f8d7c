/**
 * What ships: the event module, EventConsumer and its parts, the topic config helpers and the wait
 * helper; what a later milestone's service would import. Nothing here imports the test harness.
 */
export * from './events/index.js';
export * from './pipeline/event-consumer.js';
export * from './pipeline/event-headers.js';
export * from './pipeline/producer-settings.js';
export * from './pipeline/retry-policy.js';
export * from './topics/topic-configs.js';
export * from './topics/wait-for-leaders.js';
export * from './wait.js';
export * from './kafkajs.js';
export * from './repo-root.js';
