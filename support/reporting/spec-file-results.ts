/**
 * What each spec file of a run proved, as plain data: the checklist is built from this rather than
 * from vitest's live objects, so the rules of the checklist read without vitest's API in the way.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { TestModule } from 'vitest/node';

export interface SpecFileResult {
  /** Repository-relative POSIX path, e.g. specs/kafka/step-1-kafka-is-running.spec.ts. */
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Full names of the failed tests ("Step 4: … > it …"). */
  failedTests: string[];
  /** Full names of passed tests that only say why the spec cannot run here (see notRunTitle). */
  notRunTests: string[];
  /**
   * Failures outside any test: a file that does not load, a failing beforeAll or afterAll. They fail
   * the run as surely as a failed test, so the checklist counts each as one failure.
   */
  errorsOutsideTests: string[];
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** Every *.spec.ts under specs/, whether or not this run ran it. */
export function specFilesOnDisk(repoRoot: string): string[] {
  try {
    return readdirSync(join(repoRoot, 'specs'), { recursive: true, encoding: 'utf8' })
      .filter((entry) => entry.endsWith('.spec.ts'))
      .map((entry) => `specs/${toPosix(entry)}`)
      .sort();
  } catch {
    return [];
  }
}

/**
 * How the team's specs say, in a describe or it title, that they cannot run in this environment:
 * "…: NOT RUN in this environment, because …", or a test titled "cannot run|prove|start … here".
 * Such a test passes (it asserts the reason is given) but proves nothing about its step.
 */
const NOT_RUN_TITLES = [/\bNOT RUN\b/, /^cannot (?:run|prove|start)\b.*\bhere\b/];

/** The describe or it title, within a test's full name, that says it cannot run here; undefined if none. */
export function notRunTitle(fullName: string): string | undefined {
  return fullName.split(' > ').find((title) => NOT_RUN_TITLES.some((pattern) => pattern.test(title)));
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

export function specFileResult(module: TestModule, repoRoot: string): SpecFileResult {
  const result: SpecFileResult = {
    file: toPosix(relative(repoRoot, module.moduleId)),
    passed: 0,
    failed: 0,
    skipped: 0,
    failedTests: [],
    notRunTests: [],
    errorsOutsideTests: [],
  };
  for (const test of module.children.allTests()) {
    const state = test.result().state;
    if (state === 'passed') {
      result.passed += 1;
      if (notRunTitle(test.fullName) !== undefined) result.notRunTests.push(test.fullName);
    } else if (state === 'failed') {
      result.failed += 1;
      result.failedTests.push(test.fullName);
    } else result.skipped += 1;
  }
  const outside = [...module.errors(), ...[...module.children.allSuites()].flatMap((suite) => suite.errors())];
  result.errorsOutsideTests = outside.map((error) => firstLine(error.message));
  return result;
}
