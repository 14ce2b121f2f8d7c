/** The step 7 (and step 6) specs' workbench: topics with examples, reading a topic back, consumer lag. */
export * from './consumer-lag.js';
export * from './dead-letter-bench.js';
export * from './deferred.js';
export * from './error-topic-record.js';
export * from './read-topic.js';
export * from './topic-examples.js';
export * from './send-placed.js';
export * from './start-confirm-child.js';
export * from './topic-gone.js';
