/** Shipped: EventConsumer and its parts (the dead-letter route, producer settings, retry policy, record sizes, event headers). */
export * from './acknowledged-partitions.js';
export * from './dead-letter-headers.js';
export * from './error-topic-limit.js';
export * from './event-consumer.js';
export * from './event-headers.js';
export * from './producer-settings.js';
export * from './received-record.js';
export * from './record-size.js';
export * from './retry-policy.js';
export * from './classify-record.js';
export * from './murmur2.js';
export * from './confirm-consumer.js';
export * from './confirmed-orders.js';
