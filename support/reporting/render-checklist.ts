/** The checklist as text lines: one line per step to read at a glance, then where it is proven and how to do it by hand. */
import { inSeconds } from './duration.js';
import type { Verdict } from './milestone-verdict.js';
import type { RunScope } from './run-scope.js';
import { failureCount, type StepOutcome } from './step-outcomes.js';
import type { SpecFileResult } from './spec-file-results.js';

/** What the counts line is drawn from. */
export interface RunCounts {
  /** Every spec file the run ran, proving a step or not: the counts line covers the whole run. */
  allResults: SpecFileResult[];
  /** Errors vitest saw outside every spec file (e.g. an unhandled rejection). */
  unhandledErrors: number;
  /** How vitest says the run ended. */
  runEnd: 'passed' | 'failed' | 'interrupted';
}

export interface ChecklistInput extends RunCounts {
  outcomes: StepOutcome[];
  /** The steps beyond the milestone: shown in a section of their own, not counted for the verdict. */
  beyondOutcomes?: StepOutcome[];
  otherSpecs: SpecFileResult[];
  /** e.g. "jvm runtime, Apache Kafka 4.3.1, bootstrap 127.0.0.1:40123". */
  broker: string;
  scope: RunScope;
  verdict: Verdict;
  /** The verify specs' lines on the user's own cluster and their verdict (your-cluster-section.ts); empty when they did not run. */
  yourCluster?: { lines: string[]; verdict: string[] };
}

const MAX_FAILED_TESTS_SHOWN = 5;
const STATUS_WIDTH = 'not run'.length + 2;
const LABEL_WIDTH = '3-5 CLI'.length + 2;
const DETAIL_INDENT = ' '.repeat(2 + STATUS_WIDTH + LABEL_WIDTH);

function tally(result: SpecFileResult): string {
  const parts = [`${result.passed} passed`];
  if (result.failed > 0) parts.push(`${result.failed} failed`);
  if (result.skipped > 0) parts.push(`${result.skipped} skipped`);
  if (result.errorsOutsideTests.length > 0) parts.push(`${result.errorsOutsideTests.length} error(s) outside tests`);
  return result.durationMs === undefined ? parts.join(', ') : `${parts.join(', ')} in ${inSeconds(result.durationMs)}`;
}

/** Why tests were skipped, once per reason: the notes the specs gave ctx.skip. */
function skipLines(result: SpecFileResult): string[] {
  return result.skipReasons.map((reason) => `  - skipped: ${reason}`);
}

function failureLines(result: SpecFileResult): string[] {
  const failures = [
    ...result.failedTests.map(({ name, why }) =>
      why === undefined ? [`  x ${name}`] : [`  x ${name}`, `      ${why}`],
    ),
    ...result.errorsOutsideTests.map((error) => [`  x ${error}`]),
  ];
  const shown = failures.slice(0, MAX_FAILED_TESTS_SHOWN).flat();
  if (failures.length > MAX_FAILED_TESTS_SHOWN) shown.push(`  … and ${failures.length - MAX_FAILED_TESTS_SHOWN} more`);
  return shown;
}

/** The time the step's spec files took, added up (files that ran side by side count in full). */
function stepTime(specs: StepOutcome['specs']): string {
  const times = specs.flatMap((spec) => (spec.result?.durationMs === undefined ? [] : [spec.result.durationMs]));
  return times.length === 0 ? '' : `  (${inSeconds(times.reduce((sum, ms) => sum + ms, 0))})`;
}

function stepLines(outcome: StepOutcome): string[] {
  const { step, status, specs } = outcome;
  const lines = [`  ${status.padEnd(STATUS_WIDTH)}${step.label.padEnd(LABEL_WIDTH)}${step.title}${stepTime(specs)}`];
  const detail = (label: string, text: string) => `${DETAIL_INDENT}${label.padEnd(11)}${text}`;
  if (specs.length === 0) {
    lines.push(detail('proven by', `no spec file yet (${step.specGlob})`));
  }
  specs.forEach((spec, index) => {
    const label = index === 0 ? 'proven by' : '';
    const verdict = spec.result === undefined ? 'not run' : tally(spec.result);
    lines.push(detail(label, `${spec.file}  ${verdict}`));
    if (spec.result !== undefined) {
      lines.push(...[...skipLines(spec.result), ...failureLines(spec.result)].map((line) => detail('', line)));
    }
  });
  step.byHand.forEach((command, index) => lines.push(detail(index === 0 ? 'by hand' : '', command)));
  return lines;
}

function scopeLine(scope: RunScope): string {
  switch (scope.kind) {
    case 'full':
      return 'full run: every spec file of every project; the exit status says whether the milestone is proven';
    case 'partial':
      return `partial run (narrowed by ${scope.narrowedBy.join(', ')}): the exit status is the tests' own`;
    case 'without milestone':
      return `the milestone is not part of this run (projects run: ${scope.projects.join(', ')})`;
    case 'stopped':
      return 'stopped before its first spec file, on the error printed after this checklist';
  }
}

/** Failures the step list does not show: other spec files, errors outside every file, an interrupted run. */
function otherProblemLines(input: ChecklistInput): string[] {
  const lines: string[] = [];
  const otherFailures = input.otherSpecs.filter((r) => failureCount(r) > 0);
  if (otherFailures.length > 0) lines.push(`other specs failed: ${otherFailures.map((r) => r.file).join(', ')}`);
  if (input.unhandledErrors > 0)
    lines.push(`${input.unhandledErrors} error(s) outside every spec file: see vitest's report above`);
  if (input.runEnd === 'interrupted') lines.push('the run was interrupted: steps it did not reach show as not run');
  return lines;
}

/**
 * passed counts passed tests; failed counts failed tests plus every failure outside a test (a spec
 * file that does not load, a failing hook, an unhandled error, a broker that never started), so
 * "0 failed" means vitest saw no failure. The verdict follows: it is what decides a full run's exit status.
 */
export function countsLine(input: RunCounts, summary: string): string {
  const passed = input.allResults.reduce((sum, r) => sum + r.passed, 0);
  const skipped = input.allResults.reduce((sum, r) => sum + r.skipped, 0);
  let failed = input.allResults.reduce((sum, r) => sum + failureCount(r), 0) + input.unhandledErrors;
  if (failed === 0 && input.runEnd === 'failed') failed = 1;
  return `checklist: ${passed} passed, ${failed} failed, ${skipped} skipped; ${summary}`;
}

export function renderChecklist(input: ChecklistInput): string[] {
  const lines = [
    '',
    'Milestone checklist: Kafka Basics Using the Command Line',
    `  broker: ${input.broker}`,
    `  run: ${scopeLine(input.scope)}`,
    '',
  ];
  if (input.scope.kind !== 'without milestone') for (const outcome of input.outcomes) lines.push(...stepLines(outcome));
  if (input.scope.kind !== 'without milestone' && (input.beyondOutcomes ?? []).length > 0) {
    lines.push('', '  beyond the milestone (shown, not counted for "milestone proven"):');
    for (const outcome of input.beyondOutcomes ?? []) lines.push(...stepLines(outcome));
  }
  if (input.otherSpecs.length > 0) {
    lines.push('', '  other specs run:');
    for (const result of input.otherSpecs) {
      lines.push(
        `    ${result.file}  ${tally(result)}`,
        ...[...skipLines(result), ...failureLines(result)].map((l) => `    ${l}`),
      );
    }
  }
  const failedWithoutSpecFailure =
    input.runEnd === 'failed' && input.allResults.every((r) => failureCount(r) === 0) && input.unhandledErrors === 0;
  if (failedWithoutSpecFailure) {
    lines.push(
      '',
      "  the run failed outside the spec files (for example the broker did not start): see vitest's error",
    );
  }
  lines.push(...(input.yourCluster?.lines ?? []));
  lines.push(
    '',
    ...input.verdict.lines,
    ...(input.yourCluster?.verdict ?? []),
    ...otherProblemLines(input),
    countsLine(input, input.verdict.summary),
  );
  return lines;
}
