/** Each milestone step's verdict in this run, from the results of the spec files that prove it. */
import type { MilestoneStep } from './milestone-steps.js';
import type { SpecFileResult } from './spec-file-results.js';

/**
 * pass: every spec file of the step ran, every test in them ran and passed.
 * FAIL: a test or a hook of one of its spec files failed.
 * partly: some of it was proven, some not run (a spec file not run, tests skipped).
 * not run: nothing of it was proven (no spec file, none run, every test skipped).
 */
export type StepStatus = 'pass' | 'FAIL' | 'partly' | 'not run';

export interface StepOutcome {
  step: MilestoneStep;
  status: StepStatus;
  /** The step's spec files on disk, each with its result when this run ran it. */
  specs: { file: string; result: SpecFileResult | undefined }[];
  /** Why the step is not (fully) proven: each spec file not run, each reason its tests were skipped. */
  gaps: string[];
}

export function failureCount(result: SpecFileResult): number {
  return result.failed + result.errorsOutsideTests.length;
}

function gapsOf(step: MilestoneStep, specs: StepOutcome['specs']): string[] {
  if (specs.length === 0) return [`no spec file yet (${step.specGlob})`];
  const gaps: string[] = [];
  const unrun = specs.filter((spec) => spec.result === undefined).map((spec) => spec.file);
  if (unrun.length > 0) gaps.push(`not run by this run: ${unrun.join(', ')}`);
  const reasons = new Set(specs.flatMap((spec) => spec.result?.skipReasons ?? []));
  for (const reason of reasons) gaps.push(`skipped: ${reason}`);
  return gaps;
}

function stepStatus(results: SpecFileResult[], gaps: string[]): StepStatus {
  if (results.some((r) => failureCount(r) > 0)) return 'FAIL';
  if (!results.some((r) => r.passed > 0)) return 'not run';
  return gaps.length === 0 ? 'pass' : 'partly';
}

export function stepOutcomes(
  steps: MilestoneStep[],
  specFiles: string[],
  results: ReadonlyMap<string, SpecFileResult>,
): StepOutcome[] {
  return steps.map((step) => {
    const specs = specFiles.filter((file) => step.provenBy(file)).map((file) => ({ file, result: results.get(file) }));
    const ran = specs.flatMap((spec) => (spec.result === undefined ? [] : [spec.result]));
    const gaps = gapsOf(step, specs);
    return { step, status: stepStatus(ran, gaps), specs, gaps };
  });
}

/** Spec files this run ran that prove no milestone step (e.g. the AsyncAPI contract): shown so their failures are seen. */
export function otherSpecResults(
  steps: MilestoneStep[],
  results: ReadonlyMap<string, SpecFileResult>,
): SpecFileResult[] {
  return [...results.values()].filter((result) => !steps.some((step) => step.provenBy(result.file)));
}
