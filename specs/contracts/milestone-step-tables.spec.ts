import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DOCS_KAFKA_VERSION,
  LEARN_KAFKA_DOC,
  linkProblems,
  readStepTable,
  milestoneStepsFor,
  tableLabel,
} from '#support/docs/index.js';
import { REPO_ROOT } from '#support/repository/index.js';
import { specFilesOnDisk } from '#support/reporting/index.js';

// The milestone's steps are listed once, in support/reporting/milestone-steps.ts (the checklist
// prints them). README.md's and docs/learn-kafka.md's step tables are checked against that list:
// a step added, dropped or reordered in one place, or a spec renamed, fails here naming the line.
const steps = milestoneStepsFor(DOCS_KAFKA_VERSION);
// The milestone's own projects; specs/verify/ checks a user's cluster and has a README section of its own.
const specFiles = specFilesOnDisk(REPO_ROOT).filter((f) => /^specs\/(contracts|kafka)\//.test(f));
const tables = [
  { table: readStepTable(join(REPO_ROOT, 'README.md'), 2), everySpec: true },
  { table: readStepTable(LEARN_KAFKA_DOC, 1), everySpec: false },
];

describe.each(tables)("$table.file: the step table is the checklist's list of steps", ({ table, everySpec }) => {
  it("has one row per milestone step, in the checklist's order", () => {
    expect(
      table.rows.map((r) => r.label),
      `the step column of ${table.file}'s table`,
    ).toEqual(steps.map(tableLabel));
  });

  it(
    everySpec
      ? 'each row links every spec file of its step, and no other'
      : 'each row links only spec files of its step',
    () => {
      const problems = table.rows.flatMap((row) => {
        const step = steps.find((s) => tableLabel(s) === row.label);
        return step === undefined
          ? [`${table.file}:${row.line}: step ${row.label} is not a milestone step`]
          : linkProblems({ table, row, step, specFiles, everySpec });
      });
      expect(problems, problems.join('\n')).toEqual([]);
    },
  );
});
