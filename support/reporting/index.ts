/** The milestone checklist: its steps (the one source of the README and docs step tables), the verdict, the run scope, report files, durations in human units. */
export * from './duration.js';
export * from './milestone-steps.js';
export * from './milestone-verdict.js';
export * from './render-checklist.js';
export * from './report-files.js';
export * from './run-scope.js';
export * from './spec-file-results.js';
export * from './step-outcomes.js';
export * from './strip-ansi.js';
export * from './verify-junit.js';
export * from './your-cluster-section.js';
