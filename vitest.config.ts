import { defineConfig } from 'vitest/config';
import { JUnitReporter } from 'vitest/node';
import ChecklistReporter from './support/reporting/checklist-reporter.js';
import { oneAfterAnother } from './support/reporting/one-after-another.js';
import { JUNIT_REPORT_FILE } from './support/reporting/report-files.js';

// Two projects, both needed for a full run (support/reporting/run-scope.ts names them):
// "contracts" needs no broker (schemas, static checks of files, and the type specs *.spec-d.ts,
// which vitest's typecheck mode checks with tsc); "kafka" talks to the one broker that
// support/global-setup.ts provides for the whole run.
export default defineConfig({
  test: {
    // default: vitest's own report. Then, one after the other: reports/junit.xml for CI systems
    // (reports/ is gitignored), and the milestone checklist, whose "checklist: …" line ends the run
    // and whose verdict sets the exit status of a full run.
    reporters: ['default', oneAfterAnother(new JUnitReporter({ outputFile: JUNIT_REPORT_FILE }), new ChecklistReporter())],
    projects: [
      {
        test: {
          name: 'contracts',
          include: ['specs/contracts/**/*.spec.ts'],
          typecheck: { enabled: true, include: ['specs/contracts/**/*.spec-d.ts'], tsconfig: 'tsconfig.json' },
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
