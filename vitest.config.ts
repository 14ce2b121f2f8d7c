import { defineConfig } from 'vitest/config';
import { JUnitReporter } from 'vitest/node';
import ChecklistReporter from './support/reporting/checklist-reporter.js';
import { oneAfterAnother } from './support/reporting/one-after-another.js';
import { JUNIT_REPORT_FILE } from './support/reporting/report-files.js';

// Two projects: "contracts" needs no broker (schemas, static checks of files); "kafka" talks to the
// one broker that support/global-setup.ts provides for the whole run.
export default defineConfig({
  test: {
    // default: vitest's own report. Then, one after the other: reports/junit.xml for CI systems
    // (reports/ is gitignored), and the milestone checklist, whose "checklist: N passed, N failed" ends the run.
    reporters: ['default', oneAfterAnother(new JUnitReporter({ outputFile: JUNIT_REPORT_FILE }), new ChecklistReporter())],
    projects: [
      {
        test: {
          name: 'contracts',
          include: ['specs/contracts/**/*.spec.ts'],
        },
      },
      {
        test: {
          name: 'kafka',
          include: ['specs/kafka/**/*.spec.ts'],
          globalSetup: ['support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
