/** The topics of the specs: the catalog, the milestone's pinned values, steps 3 and 4 as moves, owned topics, the topic expectations. */
export * from './catalog-topics.js';
export * from './milestone-pins.js';
export * from './owned-topics.js';
export * from './steps-3-and-4.js';
export * from './topic-catalog.js';
export * from './topic-description.js';
export * from './topic-expectations.js';
export * from './topic-prefix.js';
export * from './topic-settings.js';
export * from './catalog-vs-milestone.js';
export * from './topic-config-names.js';
export * from './confirm-topics.js';
export * from './confirmed-orders-topic.js';
