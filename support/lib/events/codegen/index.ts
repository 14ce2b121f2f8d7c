/** Writing support/lib/events/generated/ from schemas/*.json, and checking that it is current. */
export * from './render-schema-literals.js';
