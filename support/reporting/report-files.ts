/**
 * Where a run leaves its reports for CI systems, relative to the repository root. reports/ is
 * gitignored. vitest.config.ts writes them, .github/workflows/ci.yml uploads them, and a contract
 * spec checks the two name the same files.
 */
export const JUNIT_REPORT_FILE = 'reports/junit.xml';

/** The checklist as printed at the end of the run, for a CI job summary. */
export const CHECKLIST_REPORT_FILE = 'reports/checklist.txt';

/**
 * Where a report file goes in this run: under KAFKA_REPORTS_DIR when it is set (a spec that runs
 * `npm run verify` as a child sends the child's reports there, so they do not replace its own run's),
 * else the repository-relative path itself.
 */
export function reportPath(file: string, env: Record<string, string | undefined> = process.env): string {
  const dir = env.KAFKA_REPORTS_DIR?.trim();
  return dir === undefined || dir === '' ? file : `${dir}/${file.replace(/^reports\//, '')}`;
}
