/** What the verify specs share: the run's reading of the user's cluster, and one assertion. */
import { assert, describe, inject, it } from 'vitest';
import type { VerifyRun } from './read-cluster.js';
import type { Finding, VerifyStep } from './verify-checks.js';
import { checkVerdict, verifyFindings, verifyStep } from './verify-steps.js';

/** The user's cluster as the verify globalSetup read it. */
export function verifyRun(): VerifyRun {
  return inject('verify');
}

/**
 * Fails with every difference of this step and topic: expected vs actual and the fix command.
 * Passing findings are not in the message; a topic with no finding at all is not proven either.
 */
export function expectAsTheMilestoneSays(findings: readonly Finding[], step: VerifyStep, topic: string): void {
  const verdict = checkVerdict(findings, step, topic);
  // The differences themselves are the message (step, topic, expected vs actual, the fix command),
  // or "nothing was checked".
  if (verdict.kind === 'fail') assert.fail(verdict.message);
}

/** One verify step as a describe, a test per check (verify-steps.ts); a check that cannot run is skipped. */
export function describeVerifyStep(step: VerifyStep): void {
  const { target, state } = verifyRun();
  const checks = verifyStep(target, step);
  const findings = verifyFindings(target, state);
  describe(checks.title, () => {
    for (const check of checks.checks) {
      it.skipIf(check.notRunBecause !== undefined)(check.name, () => {
        expectAsTheMilestoneSays(findings, step, check.topic);
      });
    }
  });
}
