/** The schema files (schemas/*.schema.json) and the shipped package's generated copy of them: writing it, checking it is current. */
export * from './render-schema-literals.js';
export * from './schema-files.js';
