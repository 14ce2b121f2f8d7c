/**
 * The checklist's "your cluster" part: the verify specs (specs/verify/) run on the user's own
 * topics, one line per step beside the suite's proof on its scratch topics; with the differences
 * and the commands that fix them. When only verify ran (`npm run verify`), it is the whole checklist.
 */
import type { TestModule } from 'vitest/node';
import { countsLine, type RunCounts } from './render-checklist.js';
import type { SpecFileResult } from './spec-file-results.js';
import { failureCount } from './step-outcomes.js';

const VERIFY_SPEC = /^specs\/verify\/[^/]+\.spec\.ts$/;

export function isVerifySpec(file: string): boolean {
  return VERIFY_SPEC.test(file);
}

/** A verify spec file's verdict, with what it checked and how it went. */
export interface VerifyResult {
  result: SpecFileResult;
  /** Its top-level describe title, e.g. "Your cluster, step 4: OrderReceived's retention". */
  title: string;
  /** The messages of its failed tests: each difference, expected vs actual, and the fix. */
  failures: string[];
}

export function verifyResult(module: TestModule, result: SpecFileResult): VerifyResult {
  const suite = [...module.children.suites()][0];
  const failures = [...module.children.allTests()].flatMap((test) => {
    const errors = test.result().errors ?? [];
    return test.result().state === 'failed' ? errors.map((e) => e.message.trim()) : [];
  });
  return { result, title: suite?.name ?? result.file, failures: [...failures, ...result.errorsOutsideTests] };
}

/** As for the suite's steps (step-outcomes.ts): a skipped check is not a pass. */
function status(result: SpecFileResult): 'pass' | 'FAIL' | 'partly' | 'not run' {
  if (failureCount(result) > 0) return 'FAIL';
  if (result.passed === 0) return 'not run';
  return result.skipped > 0 ? 'partly' : 'pass';
}

const stepOf = (file: string): string => /step-(\d+)-/.exec(file)?.[1] ?? '?';

/** The section, shown after the suite's steps: header, one line per verify spec, its differences. */
export function yourClusterLines(results: readonly VerifyResult[], cluster: string | undefined): string[] {
  if (results.length === 0) return [];
  const sorted = [...results].sort((a, b) => Number(stepOf(a.result.file)) - Number(stepOf(b.result.file)));
  const lines = ['', `  your cluster: ${cluster ?? '(not read: see the verify error above)'}`];
  for (const r of sorted) {
    lines.push(`  ${status(r.result).padEnd(9)}${stepOf(r.result.file).padEnd(9)}${r.title}`);
    lines.push(`${' '.repeat(20)}${r.result.file}  ${r.result.passed} passed, ${r.result.failed} failed`);
    // The fix lines are in the block below, once each, in an order that works.
    for (const failure of r.failures)
      lines.push(
        ...failure
          .split('\n')
          .filter((line) => FIX_LINE.exec(line) === null)
          .map((line) => `${' '.repeat(20)}${line}`),
      );
  }
  return [...lines, ...fixBlock(results)];
}

/** A finding's fix line (verify-checks.ts describeFinding): `  fix: <command>`. */
const FIX_LINE = /^\s*fix: (kafka-\S+\.sh .*)$/;

/** Creating a topic before changing it; its partitions before its configs. */
function fixOrder(command: string): number {
  if (/^kafka-topics\.sh .*--create /.test(command)) return 0;
  if (/^kafka-topics\.sh .*--alter .*--partitions /.test(command)) return 1;
  return 2;
}

/**
 * Every fix command of the failures, once each and in an order that works (create, then
 * partitions, then configs): pasted into a shell as it is, it makes the next verify pass.
 */
export function fixCommands(results: readonly VerifyResult[]): string[] {
  const commands = results.flatMap((r) =>
    r.failures.flatMap((failure) => failure.split('\n').flatMap((line) => FIX_LINE.exec(line)?.[1] ?? [])),
  );
  const once = [...new Set(commands)];
  return once
    .map((command, index) => ({ command, index }))
    .sort((a, b) => fixOrder(a.command) - fixOrder(b.command) || a.index - b.index)
    .map((c) => c.command);
}

export const FIX_BLOCK_HEADER =
  '  the fix, in this order (paste these lines into a shell, then run npm run verify again):';

function fixBlock(results: readonly VerifyResult[]): string[] {
  const commands = fixCommands(results);
  if (commands.length === 0) return [];
  return ['', FIX_BLOCK_HEADER, ...commands.map((command) => `    ${command}`)];
}

export function yourClusterVerdict(results: readonly VerifyResult[], verifyOnly = false): string[] {
  if (results.length === 0)
    return verifyOnly
      ? ['your cluster NOT verified: it could not be read (the reason is the "verify:" line of the error)']
      : [];
  const failed = results.filter((r) => status(r.result) === 'FAIL').map((r) => stepOf(r.result.file));
  const notRun = results
    .filter((r) => ['not run', 'partly'].includes(status(r.result)))
    .map((r) => stepOf(r.result.file));
  if (failed.length === 0 && notRun.length === 0)
    return [`your cluster matches the milestone: steps ${results.map((r) => stepOf(r.result.file)).join(', ')} pass`];
  const parts = [];
  if (failed.length > 0)
    parts.push(`step ${failed.join(', ')} differ${failed.length === 1 ? 's' : ''} (the fix commands are above)`);
  if (notRun.length > 0) parts.push(`step ${notRun.join(', ')} not checked`);
  return [`your cluster does NOT match the milestone: ${parts.join('; ')}`];
}

/** `npm run verify`: the checklist for the user's cluster alone. */
export function yourClusterChecklist(
  results: readonly VerifyResult[],
  cluster: string | undefined,
  counts: RunCounts,
): string[] {
  const header = ['', 'Milestone checklist for your cluster: Kafka Basics Using the Command Line'];
  const verdict = yourClusterVerdict(results, true);
  return [
    ...header,
    ...yourClusterLines(results, cluster).slice(1),
    '',
    ...verdict,
    countsLine(counts, verdict[0] ?? 'your cluster'),
  ];
}
