/**
 * A vitest reporter that ends every run with the milestone checklist: each step, pass / FAIL /
 * partly / not run, the spec files that prove it, why what did not run did not, the Kafka commands
 * that do it by hand, and a last line "checklist: N passed, N failed, N skipped; <verdict>" for CI
 * systems to read. A full run that does not prove every step exits non-zero. Registered in
 * vitest.config.ts, last; the same text goes to reports/checklist.txt for a CI job summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestRunEndReason, TestSpecification, Vitest } from 'vitest/node';
import type { BrokerConnection } from '../broker/broker-connection.js';
import { DEFAULT_KAFKA_VERSION } from '../broker/kafka-versions.js';
import { loadTopicCatalog } from '../topics/topic-catalog.js';
import { kafkaCliDialect } from '../kafka-tools/kafka-cli-commands.js';
import { beyondMilestoneSteps, milestoneSteps } from './milestone-steps.js';
import { acceptedGaps, ALLOW_NOT_RUN_VARIABLE, verdictOn } from './milestone-verdict.js';
import { countsLine, renderChecklist, type RunCounts } from './render-checklist.js';
import { CHECKLIST_REPORT_FILE, reportPath } from './report-files.js';
import { runScope, type RunScope } from './run-scope.js';
import { PROJECT } from './vitest-projects.js';
import { type SpecFileResult, specFileResult, specFilesOnDisk } from './spec-file-results.js';
import { otherSpecResults, stepOutcomes } from './step-outcomes.js';
import {
  isVerifySpec,
  verifyResult,
  yourClusterChecklist,
  yourClusterLines,
  yourClusterVerdict,
  type VerifyResult,
} from './your-cluster-section.js';
import { REPO_ROOT } from '../repository/repo-root.js';

/** The broker globalSetup provided to the project that needed one, if any project did. */
function brokerOfThisRun(vitest: Vitest | undefined): BrokerConnection | undefined {
  for (const project of vitest?.projects ?? []) {
    const kafka = project.getProvidedContext().kafka as BrokerConnection | undefined;
    if (kafka !== undefined) return kafka;
  }
  return undefined;
}

/** The user's cluster as the verify project's globalSetup described it, if it ran. */
function verifiedCluster(vitest: Vitest | undefined): string | undefined {
  for (const project of vitest?.projects ?? []) {
    const verify = project.getProvidedContext().verify as { cluster: string } | undefined;
    if (verify !== undefined) return verify.cluster;
  }
  return undefined;
}

function describeBroker(broker: BrokerConnection | undefined): string {
  if (broker === undefined) return 'none this run (no spec that needs Kafka ran, or the broker did not start)';
  const version = broker.kafkaVersion === undefined ? 'an external cluster' : `Apache Kafka ${broker.kafkaVersion}`;
  return `${broker.runtime} runtime, ${version}, bootstrap ${broker.brokers.join(',')}`;
}

interface ChecklistText {
  lines: string[];
  /** True when the checklist, not only a failed test, must fail the run (a full run that did not prove the milestone). */
  failsRun: boolean;
}

/** How the run ended, as vitest reports it to onTestRunEnd, and how many spec files it set out to run. */
interface RunEnd {
  testModules: readonly TestModule[];
  unhandledErrors: readonly SerializedError[];
  reason: TestRunEndReason;
  /** How many spec files the run set out to run (0 when a file filter matched none). */
  planned: number;
}

async function checklistText(
  vitest: Vitest | undefined,
  { testModules, unhandledErrors, reason, planned }: RunEnd,
): Promise<ChecklistText> {
  const results = new Map<string, SpecFileResult>();
  // specs/verify/ checks the user's own cluster: shown as "your cluster", not as the suite's steps.
  const verified: VerifyResult[] = [];
  for (const module of testModules) {
    const result = specFileResult(module, REPO_ROOT);
    if (isVerifySpec(result.file)) verified.push(verifyResult(module, result));
    else results.set(result.file, result);
  }
  const counts: RunCounts = {
    allResults: [...results.values(), ...verified.map((v) => v.result)],
    unhandledErrors: unhandledErrors.length,
    runEnd: reason,
  };
  // It set out to run spec files and ran none, and failed: its globalSetup (the broker) did not start.
  const stoppedBeforeFiles =
    planned > 0 && testModules.length === 0 && (unhandledErrors.length > 0 || reason === 'failed');
  // Without vitest (a reporter driven by hand) nothing says how the run was narrowed: call it partial.
  const scope: RunScope =
    vitest === undefined
      ? { kind: 'partial', narrowedBy: ['an unknown filter'] }
      : await runScope(vitest, new Set(testModules.map((module) => module.moduleId)), stoppedBeforeFiles);
  const cluster = verifiedCluster(vitest);
  // `npm run verify` (or KAFKA_READ_ONLY=true): the checklist of the user's cluster alone. A failed
  // check is a failed test, so vitest's own exit status already says it.
  if (scope.kind === 'without milestone') {
    if (scope.projects.includes(PROJECT.verify))
      return { lines: yourClusterChecklist(verified, cluster, counts), failsRun: false };
    // e.g. `npx vitest run --project cluster`: neither the milestone nor a user's cluster is its subject.
    const summary = `no milestone verdict: projects run: ${scope.projects.join(', ')}`;
    return { lines: ['', summary, countsLine(counts, summary)], failsRun: false };
  }
  const broker = brokerOfThisRun(vitest);
  const dialect = kafkaCliDialect(broker?.kafkaVersion ?? process.env.KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION);
  let steps;
  let beyond;
  try {
    const catalog = loadTopicCatalog();
    steps = milestoneSteps(catalog, dialect, REPO_ROOT);
    beyond = beyondMilestoneSteps(catalog, dialect);
  } catch (error) {
    // The steps are drawn from the catalog; without it the checklist still ends the run and says why.
    const why = error instanceof Error ? error.message : String(error);
    const summary = 'milestone NOT proven: the topic catalog cannot be read';
    return {
      lines: ['', `Milestone checklist: cannot be drawn: ${why}`, summary, countsLine(counts, summary)],
      failsRun: scope.kind === 'full',
    };
  }
  const specFiles = [...new Set([...specFilesOnDisk(REPO_ROOT), ...results.keys()])]
    .filter((file) => !isVerifySpec(file))
    .sort();
  const outcomes = stepOutcomes(steps, specFiles, results);
  const items = outcomes.map((o) => ({ label: o.step.label, status: o.status, gaps: o.gaps }));
  const accepted = acceptedGaps(
    process.env[ALLOW_NOT_RUN_VARIABLE],
    steps.map((step) => step.label),
  );
  const verdict = verdictOn({ name: 'milestone', items, scope, accepted });
  const lines = renderChecklist({
    ...counts,
    outcomes,
    // Shown, never counted: the verdict above is drawn from the milestone's steps alone.
    beyondOutcomes: stepOutcomes(beyond, specFiles, results),
    otherSpecs: otherSpecResults([...steps, ...beyond], results),
    broker: describeBroker(broker),
    scope,
    verdict,
    yourCluster: { lines: yourClusterLines(verified, cluster), verdict: yourClusterVerdict(verified) },
  });
  return { lines, failsRun: verdict.failsRun };
}

export default class ChecklistReporter implements Reporter {
  private vitest: Vitest | undefined;
  /** How many spec files the run set out to run (0 when a file filter matched none). */
  private planned = 0;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(specifications: readonly TestSpecification[]): void {
    this.planned = specifications.length;
  }

  async onTestRunEnd(
    testModules: readonly TestModule[],
    unhandledErrors: readonly SerializedError[],
    reason: TestRunEndReason,
  ): Promise<void> {
    const { lines, failsRun } = await checklistText(this.vitest, {
      testModules,
      unhandledErrors,
      reason,
      planned: this.planned,
    });
    for (const line of lines) {
      if (this.vitest === undefined) process.stdout.write(`${line}\n`);
      else this.vitest.logger.log(line);
    }
    const file = resolve(REPO_ROOT, reportPath(CHECKLIST_REPORT_FILE));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${lines.join('\n').trimStart()}\n`);
    // vitest sets process.exitCode = 1 for a failed test before this hook and never lowers it; a
    // full run that did not prove the milestone fails the same way, so CI sees what the checklist says.
    if (failsRun) process.exitCode = 1;
  }
}
