/** The checklist as text lines: one line per step to read at a glance, then where it is proven and how to do it by hand. */
import { failureCount, type StepOutcome } from './step-outcomes.js';
import { notRunTitle, type SpecFileResult } from './spec-file-results.js';

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
  otherSpecs: SpecFileResult[];
  /** e.g. "jvm runtime, Apache Kafka 4.3.1, bootstrap 127.0.0.1:40123". */
  broker: string;
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
  if (result.notRunTests.length > 0) parts.push(`${result.notRunTests.length} of them only saying why it cannot run here`);
  if (result.skipped > 0) parts.push(`${result.skipped} skipped`);
  if (result.errorsOutsideTests.length > 0) parts.push(`${result.errorsOutsideTests.length} error(s) outside tests`);
  return parts.join(', ');
}

/** The titles that say why a spec did not run here, once each. */
function notRunLines(result: SpecFileResult): string[] {
  const suites = new Set(result.notRunTests.map((name) => notRunTitle(name) ?? name));
  return [...suites].map((title) => `  - ${title}`);
}

function failureLines(result: SpecFileResult): string[] {
  const failures = [...result.failedTests, ...result.errorsOutsideTests];
  const shown = failures.slice(0, MAX_FAILED_TESTS_SHOWN).map((name) => `  x ${name}`);
  if (failures.length > shown.length) shown.push(`  … and ${failures.length - shown.length} more`);
  return shown;
}

function stepLines(outcome: StepOutcome): string[] {
  const { step, status, specs } = outcome;
  const lines = [`  ${status.padEnd(STATUS_WIDTH)}${step.label.padEnd(LABEL_WIDTH)}${step.title}`];
  const detail = (label: string, text: string) => `${DETAIL_INDENT}${label.padEnd(11)}${text}`;
  if (specs.length === 0) {
    lines.push(detail('proven by', `no spec file yet (${step.specGlob})`));
  }
  specs.forEach((spec, index) => {
    const label = index === 0 ? 'proven by' : '';
    const verdict = spec.result === undefined ? 'not run' : tally(spec.result);
    lines.push(detail(label, `${spec.file}  ${verdict}`));
    if (spec.result !== undefined) {
      lines.push(...[...notRunLines(spec.result), ...failureLines(spec.result)].map((line) => detail('', line)));
    }
  });
  step.byHand.forEach((command, index) => lines.push(detail(index === 0 ? 'by hand' : '', command)));
  return lines;
}

function labels(outcomes: StepOutcome[]): string {
  return outcomes.map((o) => o.step.label).join(', ');
}

function verdictLines(input: ChecklistInput): string[] {
  const failed = input.outcomes.filter((o) => o.status === 'FAIL');
  const notRun = input.outcomes.filter((o) => o.status === 'not run');
  const lines: string[] = [];
  const unrunFiles = input.outcomes.flatMap((o) => o.specs).filter((spec) => spec.result === undefined).length;
  if (failed.length === 0 && notRun.length === 0) {
    const caveat = unrunFiles === 0 ? '' : ` (${unrunFiles} of their spec files were not run)`;
    lines.push(`milestone proven: all ${input.outcomes.length} steps pass${caveat}`);
  } else {
    const parts = [];
    if (failed.length > 0) parts.push(`step${failed.length > 1 ? 's' : ''} ${labels(failed)} failed`);
    if (notRun.length > 0) parts.push(`step${notRun.length > 1 ? 's' : ''} ${labels(notRun)} not run`);
    lines.push(`milestone NOT proven: ${parts.join('; ')}`);
  }
  const otherFailures = input.otherSpecs.filter((r) => failureCount(r) > 0);
  if (otherFailures.length > 0) lines.push(`other specs failed: ${otherFailures.map((r) => r.file).join(', ')}`);
  if (input.unhandledErrors > 0) lines.push(`${input.unhandledErrors} error(s) outside every spec file: see vitest's report above`);
  if (input.runEnd === 'interrupted') lines.push('the run was interrupted: steps it did not reach show as not run');
  return lines;
}

/**
 * passed counts passed tests; failed counts failed tests plus every failure outside a test (a spec
 * file that does not load, a failing hook, an unhandled error, a broker that never started), so the
 * line says 0 failed exactly when vitest says the run passed.
 */
export function countsLine(input: RunCounts): string {
  const passed = input.allResults.reduce((sum, r) => sum + r.passed, 0);
  let failed = input.allResults.reduce((sum, r) => sum + failureCount(r), 0) + input.unhandledErrors;
  if (failed === 0 && input.runEnd === 'failed') failed = 1;
  return `checklist: ${passed} passed, ${failed} failed`;
}

export function renderChecklist(input: ChecklistInput): string[] {
  const lines = ['', 'Milestone checklist: Kafka Basics Using the Command Line', `  broker: ${input.broker}`, ''];
  for (const outcome of input.outcomes) lines.push(...stepLines(outcome));
  if (input.otherSpecs.length > 0) {
    lines.push('', '  other specs run:');
    for (const result of input.otherSpecs) lines.push(`    ${result.file}  ${tally(result)}`, ...failureLines(result).map((l) => `    ${l}`));
  }
  const failedWithoutSpecFailure =
    input.runEnd === 'failed' && input.allResults.every((r) => failureCount(r) === 0) && input.unhandledErrors === 0;
  if (failedWithoutSpecFailure) {
    lines.push('', '  the run failed outside the spec files (for example the broker did not start): see vitest\'s error');
  }
  lines.push(...(input.yourCluster?.lines ?? []));
  lines.push('', ...verdictLines(input), ...(input.yourCluster?.verdict ?? []), countsLine(input));
  return lines;
}
