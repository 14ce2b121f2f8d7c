/** docs/learn-kafka.md checked against the checklist: its by-hand commands, the step tables, a learner's shell. */
export * from './by-hand-commands.js';
export * from './hand-shell.js';
export * from './step-tables.js';
