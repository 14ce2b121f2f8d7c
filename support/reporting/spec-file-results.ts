/**
 * What each spec file of a run proved, as plain data: the checklist is built from this rather than
 * from vitest's live objects, so the rules of the checklist read without vitest's API in the way.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { TestModule } from 'vitest/node';
import { stripAnsi } from './strip-ansi.js';

export interface SpecFileResult {
  /** Repository-relative POSIX path, e.g. specs/kafka/step-1-kafka-is-running.spec.ts. */
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  /** The failed tests: full names ("Step 4: … > it …") and why each failed. */
  failedTests: FailedTest[];
  /**
   * Why tests were skipped, once per reason: the note a spec gave `ctx.skip(note)` when it cannot
   * run in this environment, or what else skipped them (a -t filter, a test that was never reached).
   */
  skipReasons: string[];
  /**
   * Failures outside any test: a file that does not load, a failing beforeAll or afterAll. They fail
   * the run as surely as a failed test, so the checklist counts each as one failure.
   */
  errorsOutsideTests: string[];
  /** How long its tests and hooks took (vitest's accumulated duration); absent where no run measured it. */
  durationMs?: number;
}

export interface FailedTest {
  name: string;
  /** Its failure in one line: the message's first line and, when it has more, its last (the "expected … to …"). */
  why?: string;
}

/** Files vitest runs: specs (*.spec.ts) and type specs (*.spec-d.ts, vitest's typecheck mode). */
const SPEC_FILE = /\.spec(?:-d)?\.ts$/;

function isSpecFile(path: string): boolean {
  return SPEC_FILE.test(path);
}

/** A skipped test that gave no note: vitest skipped it for a filter (-t, .only) or did not reach it. */
export const SKIPPED_WITHOUT_NOTE = 'skipped without a reason (filtered out by this run, or not reached)';

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** Every spec file under specs/, whether or not this run ran it. */
export function specFilesOnDisk(repoRoot: string): string[] {
  try {
    return readdirSync(join(repoRoot, 'specs'), { recursive: true, encoding: 'utf8' })
      .filter(isSpecFile)
      .map((entry) => `specs/${toPosix(entry)}`)
      .sort();
  } catch {
    return [];
  }
}

function repoRelative(path: string, repoRoot: string): string {
  return toPosix(relative(repoRoot, path));
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

/** A line of a failure, cut so that one long output does not fill the checklist. */
const WHY_LINE_CHARS = 240;

function cut(line: string): string {
  return line.length <= WHY_LINE_CHARS ? line : `${line.slice(0, WHY_LINE_CHARS - 1)}…`;
}

/**
 * A failure in one line, for a log that keeps only the checklist (a CI summary): the message's first
 * line says which step and what was checked; its last, for an assertion, what was expected and got.
 */
export function failureInOneLine(message: string): string {
  const lines = stripAnsi(message)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const [first = ''] = lines;
  const last = lines.at(-1) ?? '';
  return lines.length <= 1 ? cut(first) : `${cut(first)} … ${cut(last)}`;
}

export function specFileResult(module: TestModule, repoRoot: string): SpecFileResult {
  const result: SpecFileResult = {
    file: repoRelative(module.moduleId, repoRoot),
    passed: 0,
    failed: 0,
    skipped: 0,
    failedTests: [],
    skipReasons: [],
    errorsOutsideTests: [],
  };
  const reasons = new Set<string>();
  for (const test of module.children.allTests()) {
    const outcome = test.result();
    if (outcome.state === 'passed') {
      result.passed += 1;
    } else if (outcome.state === 'failed') {
      result.failed += 1;
      const [error] = outcome.errors;
      result.failedTests.push({
        name: test.fullName,
        ...(error === undefined ? {} : { why: failureInOneLine(error.message) }),
      });
    } else {
      result.skipped += 1;
      const note = outcome.state === 'skipped' ? outcome.note?.trim() : undefined;
      reasons.add(note === undefined || note === '' ? SKIPPED_WITHOUT_NOTE : note);
    }
  }
  result.skipReasons = [...reasons];
  const outside = [...module.errors(), ...[...module.children.allSuites()].flatMap((suite) => suite.errors())];
  result.errorsOutsideTests = outside.map((error) => firstLine(error.message));
  result.durationMs = module.diagnostic().duration;
  return result;
}
