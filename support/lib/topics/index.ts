/** Shipped: the topic config helpers (kafkajs alterConfigs replaces every config) and waiting for a topic's leaders. */
export * from './topic-configs.js';
export * from './wait-for-leaders.js';
