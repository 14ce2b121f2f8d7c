/** The files in examples/: each event type's example, and the invalid twins made from them. */
export * from './example-files.js';
export * from './example-paths.js';
