/** What the verify specs share: the run's reading of the user's cluster, and one assertion. */
import { assert, expect, inject } from 'vitest';
import { describeFinding, type Finding, type VerifyStep } from './verify-checks.js';
import type { VerifyRun } from './verify-global-setup.js';

/** The user's cluster as the verify globalSetup read it. */
export function verifyRun(): VerifyRun {
  return inject('verify');
}

/**
 * Fails with every difference of this step and topic: expected vs actual and the fix command.
 * Passing findings are not in the message; a topic with no finding at all is not proven either.
 */
export function expectAsTheMilestoneSays(findings: readonly Finding[], step: VerifyStep, topic: string): void {
  const mine = findings.filter((f) => f.step === step && f.topic === topic);
  expect(mine.length, `step ${step}: nothing was checked for ${topic}`).toBeGreaterThan(0);
  const differences = mine.filter((f) => !f.ok);
  // The differences themselves are the message: step, topic, expected vs actual, the fix command.
  if (differences.length > 0) assert.fail(differences.map(describeFinding).join('\n'));
}
