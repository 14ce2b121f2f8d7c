/** The docs checked against the code: docs/learn-kafka.md against the checklist (its by-hand commands, the step tables, a learner's shell), and the code the pages quote from the specs. */
export * from './by-hand-commands.js';
export * from './hand-shell.js';
export * from './step-tables.js';
export * from './quoted-code.js';
