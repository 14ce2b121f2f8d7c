/** The GitHub workflow (.github/workflows/ci.yml), read for its contract spec. */
export * from './github-workflow.js';
