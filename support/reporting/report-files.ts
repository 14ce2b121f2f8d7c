/**
 * Where a run leaves its reports for CI systems, relative to the repository root. reports/ is
 * gitignored. vitest.config.ts writes them, .github/workflows/ci.yml uploads them, and a contract
 * spec checks the two name the same files.
 */
export const JUNIT_REPORT_FILE = 'reports/junit.xml';

/** The checklist as printed at the end of the run, for a CI job summary. */
export const CHECKLIST_REPORT_FILE = 'reports/checklist.txt';
