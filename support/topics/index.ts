/** What the topic specs (steps 3-5, 8, verify) use: the catalog, owned topics, expectations, and the shipped config helpers. */
export * from './catalog-topics.js';
export * from './milestone-pins.js';
export * from './owned-topics.js';
export * from './steps-3-and-4.js';
export * from './topic-catalog.js';
export * from './topic-description.js';
export * from './topic-expectations.js';
export * from './topic-prefix.js';
export * from './topic-settings.js';
export * from '../lib/topics/topic-configs.js';
export * from '../lib/topics/wait-for-leaders.js';
export { ConfigResourceTypes } from '../lib/kafkajs.js';
