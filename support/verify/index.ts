/** npm run verify: reading a cluster, checking it against the catalog, and running verify as a user does. */
export * from './cluster-snapshot.js';
export * from './learner-broker.js';
export * from './run-verify.js';
export * from './verify-checks.js';
export * from './verify-expectations.js';
export * from './verify-steps.js';
