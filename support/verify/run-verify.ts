/**
 * `npm run verify` as a user runs it, for the specs that prove it (see npm-script.ts), and what
 * those specs read in its output.
 */
import { expect } from 'vitest';
import { runNpmScript, shownRun, type NpmScriptRun } from '../run/npm-script.js';

export { shownRun };

export interface VerifyEnv {
  KAFKA_BROKERS?: string;
  KAFKA_SASL_MECHANISM?: string;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
  TOPIC_PREFIX?: string;
  TOPIC_CATALOG?: string;
  VERIFY_PUBLISH?: string;
}

export type VerifyRunResult = NpmScriptRun;

export function runVerifyCommand(env: VerifyEnv): Promise<VerifyRunResult> {
  return runNpmScript('verify', { ...env });
}

/** The lines of the output that start with `verify:`: a bad input is exactly one. */
export function verifyErrorLines(run: VerifyRunResult): string[] {
  return run.output
    .split('\n')
    .map((line) => line.replace(/^Error: /, ''))
    .filter((line) => line.startsWith('verify: ') && !line.startsWith('verify: read-only check'));
}

/** `npm run verify` passed: exit status 0 and the line saying every step of the user's cluster passes. */
export function expectClusterMatches(run: VerifyRunResult | undefined): void {
  expect(run?.exitCode, shownRun(run)).toBe(0);
  expect(run?.output, shownRun(run)).toContain('your cluster matches the milestone: steps 2, 3, 4, 5 pass');
}
