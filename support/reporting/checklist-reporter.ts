/**
 * A vitest reporter that ends every run with the milestone checklist: each step, pass / FAIL /
 * not run, the spec files that prove it, the Kafka commands that do it by hand, and a last line
 * "checklist: N passed, N failed" for CI systems to read. Registered in vitest.config.ts, last; the
 * same text goes to reports/checklist.txt for a CI job summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import type { BrokerConnection } from '../broker/broker-connection.js';
import { DEFAULT_KAFKA_VERSION } from '../broker/kafka-versions.js';
import { loadTopicCatalog } from '../topics/topic-catalog.js';
import { kafkaCliDialect } from './kafka-cli-commands.js';
import { milestoneSteps } from './milestone-steps.js';
import { countsLine, renderChecklist, type RunCounts } from './render-checklist.js';
import { CHECKLIST_REPORT_FILE, reportPath } from './report-files.js';
import { type SpecFileResult, specFileResult, specFilesOnDisk } from './spec-file-results.js';
import { otherSpecResults, stepOutcomes } from './step-outcomes.js';
import { isVerifySpec, verifyResult, yourClusterChecklist, yourClusterLines, yourClusterVerdict, type VerifyResult } from './your-cluster-section.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The broker globalSetup provided to the project that needed one, if any project did. */
function runBroker(vitest: Vitest | undefined): BrokerConnection | undefined {
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

/** `npm run verify` (or KAFKA_READ_ONLY=true): the run has no project but "verify". */
function onlyVerify(vitest: Vitest | undefined): boolean {
  const projects = vitest?.projects ?? [];
  return projects.length > 0 && projects.every((project) => project.name === 'verify');
}

function describeBroker(broker: BrokerConnection | undefined): string {
  if (broker === undefined) return 'none this run (no spec that needs Kafka ran, or the broker did not start)';
  const version = broker.kafkaVersion === undefined ? 'an external cluster' : `Apache Kafka ${broker.kafkaVersion}`;
  return `${broker.runtime} runtime, ${version}, bootstrap ${broker.brokers.join(',')}`;
}

function checklistLines(
  testModules: readonly TestModule[],
  unhandledErrors: readonly SerializedError[],
  reason: TestRunEndReason,
  broker: BrokerConnection | undefined,
  cluster: string | undefined,
  verifyOnly: boolean,
): string[] {
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
  if (results.size === 0 && (verified.length > 0 || verifyOnly)) return yourClusterChecklist(verified, cluster, counts);
  const dialect = kafkaCliDialect(broker?.kafkaVersion ?? process.env.KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION);
  let steps;
  try {
    steps = milestoneSteps(loadTopicCatalog(), dialect, REPO_ROOT);
  } catch (error) {
    // The steps are drawn from the catalog; without it the checklist still ends the run and says why.
    const why = error instanceof Error ? error.message : String(error);
    return ['', `Milestone checklist: cannot be drawn: ${why}`, 'milestone NOT proven: the topic catalog cannot be read', countsLine(counts)];
  }
  const specFiles = [...new Set([...specFilesOnDisk(REPO_ROOT), ...results.keys()])].filter((file) => !isVerifySpec(file)).sort();
  return renderChecklist({
    ...counts,
    outcomes: stepOutcomes(steps, specFiles, results),
    otherSpecs: otherSpecResults(steps, results),
    broker: describeBroker(broker),
    yourCluster: { lines: yourClusterLines(verified, cluster), verdict: yourClusterVerdict(verified) },
  });
}

export default class ChecklistReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(
    testModules: readonly TestModule[],
    unhandledErrors: readonly SerializedError[],
    reason: TestRunEndReason,
  ): void {
    const lines = checklistLines(testModules, unhandledErrors, reason, runBroker(this.vitest), verifiedCluster(this.vitest), onlyVerify(this.vitest));
    for (const line of lines) {
      if (this.vitest === undefined) process.stdout.write(`${line}\n`);
      else this.vitest.logger.log(line);
    }
    const file = resolve(REPO_ROOT, reportPath(CHECKLIST_REPORT_FILE));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${lines.join('\n').trimStart()}\n`);
  }
}
