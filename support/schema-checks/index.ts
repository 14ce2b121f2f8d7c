/** The schemas' house rules and their mutation testing. */
export * from './schema-lint.js';
export * from './schema-mutants.js';
