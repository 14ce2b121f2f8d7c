/**
 * `npm run verify`: checks the learner's own cluster against the milestone, read-only, and prints
 * the checklist for it, with the commands that fix each difference. It is the learner's loop (type
 * a command, run verify), so it runs the checks of support/verify/verify-steps.ts directly, without
 * starting a test runner: that took 3 s where `kafka-topics --describe` takes 0.7 s
 * (npm run bench verify-speed). The verify specs run the same checks under vitest in `npm test`.
 *
 * Writes reports/junit.xml and reports/checklist.txt (under KAFKA_REPORTS_DIR when set), as the
 * test runs do. Exit status 0 only when every step passes; bad input or environment is one
 * `verify: …` line and exit status 1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BrokerSetupError } from '../broker/broker-setup-error.js';
import { REPO_ROOT } from '../repository/repo-root.js';
import type { RunCounts } from '../reporting/render-checklist.js';
import { CHECKLIST_REPORT_FILE, JUNIT_REPORT_FILE, reportPath } from '../reporting/report-files.js';
import type { SpecFileResult } from '../reporting/spec-file-results.js';
import { junitXml, type JUnitCase, type JUnitSuite } from '../reporting/verify-junit.js';
import { yourClusterChecklist, yourClusterVerdict, type VerifyResult } from '../reporting/your-cluster-section.js';
import { readVerifyRun, verifyHeaderLines, type VerifyRun } from '../verify/read-cluster.js';
import { checkVerdict, verifyFindings, verifySteps, type VerifyStepChecks } from '../verify/verify-steps.js';
import type { Finding } from '../verify/verify-checks.js';
import { endCli } from './end-cli.js';

interface CheckedStep {
  /** What the checklist shows for the step (your-cluster-section.ts). */
  result: VerifyResult;
  /** The same, a testcase per check, for the JUnit report. */
  suite: JUnitSuite;
}

function checkStep(step: VerifyStepChecks, findings: readonly Finding[]): CheckedStep {
  const cases: JUnitCase[] = step.checks.map((check) => {
    const name = `${step.title} > ${check.name}`;
    if (check.notRunBecause !== undefined) return { name, state: 'skipped', message: check.notRunBecause };
    const verdict = checkVerdict(findings, step.step, check.topic);
    return verdict.kind === 'pass' ? { name, state: 'passed' } : { name, state: 'failed', message: verdict.message };
  });
  const failed = cases.filter((c) => c.state === 'failed');
  const skipped = cases.filter((c) => c.state === 'skipped');
  const result: SpecFileResult = {
    file: step.file,
    passed: cases.length - failed.length - skipped.length,
    failed: failed.length,
    skipped: skipped.length,
    failedTests: failed.map((c) => ({ name: c.name })),
    skipReasons: [...new Set(skipped.map((c) => c.message ?? ''))],
    errorsOutsideTests: [],
  };
  return {
    result: { result, title: step.title, failures: failed.map((c) => c.message ?? '') },
    suite: { name: step.file, cases },
  };
}

/** The checklist's lines and whether the cluster matches; `run` is undefined when it could not be read. */
function checklistOf(run: VerifyRun | undefined): { lines: string[]; steps: CheckedStep[]; matches: boolean } {
  const findings = run === undefined ? [] : verifyFindings(run.target, run.state);
  const steps = run === undefined ? [] : verifySteps(run.target).map((step) => checkStep(step, findings));
  const results = steps.map((s) => s.result);
  const counts: RunCounts = {
    allResults: results.map((r) => r.result),
    // A cluster that could not be read is one failure, as the test runner counted it.
    unhandledErrors: run === undefined ? 1 : 0,
    runEnd: run === undefined || results.some((r) => r.result.failed > 0) ? 'failed' : 'passed',
  };
  const verdict = yourClusterVerdict(results, true)[0] ?? '';
  return {
    lines: yourClusterChecklist(results, run?.cluster, counts),
    steps,
    matches: verdict.startsWith('your cluster matches the milestone'),
  };
}

function writeReport(file: string, text: string): void {
  const path = resolve(REPO_ROOT, reportPath(file));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<number> {
  const started = Date.now();
  let run: VerifyRun | undefined;
  let problem: string | undefined;
  try {
    run = await readVerifyRun();
    for (const line of verifyHeaderLines(run)) say(line);
  } catch (error) {
    if (!(error instanceof BrokerSetupError)) throw error;
    problem = `verify: ${error.message}`;
    process.stderr.write(`${problem}\n`);
  }
  const { lines, steps, matches } = checklistOf(run);
  for (const line of lines) say(line);
  const suites =
    problem === undefined
      ? steps.map((s) => s.suite)
      : [{ name: 'npm run verify', cases: [{ name: 'read the cluster', state: 'failed', message: problem } as const] }];
  writeReport(JUNIT_REPORT_FILE, junitXml('npm run verify', suites, (Date.now() - started) / 1000));
  writeReport(CHECKLIST_REPORT_FILE, `${lines.join('\n').trimStart()}\n`);
  return matches ? 0 : 1;
}

endCli('verify', main, { exit: 'when-idle' });
