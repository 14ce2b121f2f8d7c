/**
 * `npm run verify` as a user runs it, for the specs that prove it (see npm-script.ts), and what
 * those specs read in its output.
 */
import { expect } from 'vitest';
import { FIX_BLOCK_HEADER } from '../reporting/your-cluster-section.js';
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

/** The fix block of the checklist (your-cluster-section.ts): its commands, as a user pastes them. */
export function fixBlockOf(run: VerifyRunResult): string[] {
  const lines = run.output.split('\n');
  const start = lines.indexOf(FIX_BLOCK_HEADER);
  if (start < 0) return [];
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('    kafka-')) break;
    block.push(line.trim());
  }
  return block;
}

/** Each verify spec's line of the checklist, by step: "pass", "FAIL", "partly" or "not run". */
export function verifyStepStatuses(run: VerifyRunResult | undefined): Record<string, string> {
  const statuses: Record<string, string> = {};
  for (const line of run?.output.split('\n') ?? []) {
    const match = /^ {2}(pass|FAIL|partly|not run)\s+(\d+)\s+Your cluster, step/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) statuses[match[2]] = match[1];
  }
  return statuses;
}

/**
 * Verify failed exactly `steps` and passed every other: a message that starts with the steps
 * expected, not with the child run's output (a broken check of one step can still exit 1 because
 * another step fails as a side effect).
 */
export function expectOnlyStepFails(run: VerifyRunResult | undefined, steps: string | readonly string[]): void {
  const failing = typeof steps === 'string' ? [steps] : steps;
  const statuses = verifyStepStatuses(run);
  const expected = Object.fromEntries(['2', '3', '4', '5'].map((s) => [s, failing.includes(s) ? 'FAIL' : 'pass']));
  const got = Object.entries(statuses)
    .map(([s, status]) => `step ${s} ${status}`)
    .join(', ');
  const named = `${failing.length === 1 ? 'step' : 'steps'} ${failing.join(', ')}`;
  expect(
    statuses,
    `${named}: expected only ${named} to fail and the others to pass; got ${got || 'no checklist'}\n${shownRun(run)}`,
  ).toEqual(expected);
}
