/** Where the repository is on disk: schemas/, examples/, scripts/ and the docs are read from there (never by the shipped package). */
export * from './repo-root.js';
