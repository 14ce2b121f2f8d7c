/** Each milestone step's verdict in this run, from the results of the spec files that prove it. */
import type { MilestoneStep } from './milestone-steps.js';
import type { SpecFileResult } from './spec-file-results.js';

export type StepStatus = 'pass' | 'FAIL' | 'not run';

export interface StepOutcome {
  step: MilestoneStep;
  status: StepStatus;
  /** The step's spec files on disk, each with its result when this run ran it. */
  specs: { file: string; result: SpecFileResult | undefined }[];
}

export function failureCount(result: SpecFileResult): number {
  return result.failed + result.errorsOutsideTests.length;
}

/** Passed tests that prove something, i.e. not those that only say why a spec cannot run here. */
export function provingPasses(result: SpecFileResult): number {
  return result.passed - result.notRunTests.length;
}

/**
 * FAIL if any of its specs failed anywhere; pass if its specs that ran passed at least one test that
 * proves something and failed none; otherwise not run (no spec file, none run by this run's filter,
 * all skipped, or all saying NOT RUN in this environment).
 */
function stepStatus(results: SpecFileResult[]): StepStatus {
  if (results.some((r) => failureCount(r) > 0)) return 'FAIL';
  if (results.some((r) => provingPasses(r) > 0)) return 'pass';
  return 'not run';
}

export function stepOutcomes(
  steps: MilestoneStep[],
  specFiles: string[],
  results: ReadonlyMap<string, SpecFileResult>,
): StepOutcome[] {
  return steps.map((step) => {
    const specs = specFiles.filter((file) => step.provenBy(file)).map((file) => ({ file, result: results.get(file) }));
    const ran = specs.flatMap((spec) => (spec.result === undefined ? [] : [spec.result]));
    return { step, status: stepStatus(ran), specs };
  });
}

/** Spec files this run ran that prove no milestone step (e.g. the AsyncAPI contract): shown so their failures are seen. */
export function otherSpecResults(steps: MilestoneStep[], results: ReadonlyMap<string, SpecFileResult>): SpecFileResult[] {
  return [...results.values()].filter((result) => !steps.some((step) => step.provenBy(result.file)));
}
