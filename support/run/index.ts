/** This run: clients for its broker, names no other run uses, tests that cannot run here, npm scripts run as a child (npm test, npm run verify, npm run consume), the order spec files start in. */
export * from './kafka-client.js';
export * from './not-run-here.js';
export * from './npm-script.js';
export * from './slow-files-first.js';
export * from './unique-name.js';
export * from './consume-command.js';
