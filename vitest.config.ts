import { defineConfig } from 'vitest/config';
import { JUnitReporter } from 'vitest/node';
import ChecklistReporter from './support/reporting/checklist-reporter.js';
import { oneAfterAnother } from './support/reporting/one-after-another.js';
import { JUNIT_REPORT_FILE, reportPath } from './support/reporting/report-files.js';
import { PROJECT } from './support/reporting/vitest-projects.js';
import { SlowFilesFirst } from './support/run/slow-files-first.js';
import { VERIFY_PROJECT, verifyMode } from './support/verify/verify-project.js';

// Vite bundles this file and what it imports, and leaves every bare import to Node: nothing it imports
// may import @kafka-event-spec/events, whose entry point in this repository is TypeScript (support/lib).

// The suite's two projects, both needed for a full run (named in support/reporting/vitest-projects.ts):
// "contracts" needs no broker (schemas, static checks of files, and the type specs *.spec-d.ts,
// which vitest's typecheck mode checks with tsc); "kafka" talks to the one broker that
// support/global-setup.ts provides for the whole run. A third, "verify", checks the user's own
// cluster (KAFKA_BROKERS) read-only, when asked (see support/verify/verify-project.ts).
const mode = verifyMode();
const suite = [
  {
    test: {
      name: PROJECT.contracts,
      include: ['specs/contracts/**/*.spec.ts'],
      // Files share a worker's module cache: each file importing the support tree (ajv, kafkajs,
      // the AsyncAPI parser) afresh cost 20-30 s of CPU per run. No spec keeps state in a module.
      isolate: false,
      typecheck: { enabled: true, include: ['specs/contracts/**/*.spec-d.ts'], tsconfig: 'tsconfig.json' },
    },
  },
  {
    test: {
      name: PROJECT.kafka,
      include: ['specs/kafka/**/*.spec.ts'],
      isolate: false,
      globalSetup: ['support/global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  },
];

// "cluster" starts clusters of its own (1 controller + N brokers per spec file) and crashes brokers:
// it takes minutes, so it runs on its own (`npx vitest run --project cluster`, a step of .ci/run),
// not in the default `npm test`.
const CLUSTER_PROJECT = {
  test: {
    name: PROJECT.cluster,
    include: ['specs/cluster/**/*.spec.ts'],
    // One cluster at a time on a 2-core machine.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 240_000,
  },
};
const clusterRequested = process.argv.some(
  (arg, i) =>
    arg === `--project=${PROJECT.cluster}` || (arg === '--project' && process.argv[i + 1] === PROJECT.cluster),
);

export default defineConfig({
  test: {
    // default: vitest's own report. Then, one after the other: reports/junit.xml for CI systems
    // (reports/ is gitignored), and the milestone checklist, whose "checklist: …" line ends the run
    // and whose verdict sets the exit status of a full run.
    reporters: [
      'default',
      oneAfterAnother(new JUnitReporter({ outputFile: reportPath(JUNIT_REPORT_FILE) }), new ChecklistReporter()),
    ],
    // Spec files side by side: most of a file's time is a JVM starting or a broker answering, so
    // three at a time finish sooner than one per core (measured with npm run bench suite-speed),
    // slowest first so that none starts last (support/run/slow-files-first.ts).
    maxWorkers: 3,
    sequence: { sequencer: SlowFilesFirst },
    projects: [
      ...(mode.only ? [] : suite),
      ...(mode.verify ? [VERIFY_PROJECT] : []),
      ...(clusterRequested ? [CLUSTER_PROJECT] : []),
    ],
  },
});
