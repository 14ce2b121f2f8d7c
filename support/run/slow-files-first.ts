/**
 * The order vitest starts spec files in. On 2 cores the run's wall time is decided by its slowest
 * files: one that starts last keeps a worker busy long after the others are idle. vitest's own
 * sequencer puts files it has timed before first, slowest first, but a fresh clone (every CI run)
 * has no such record and falls back to "biggest file first", which starts a 30-second file last.
 * So the files measured slowest (`npm run bench suite-speed` prints the per-file times) are named
 * here, slowest first; every other file keeps vitest's order after them, and projects keep theirs.
 */
import { relative } from 'node:path';
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

/** Slowest first, as measured on 2 cores (each starts JVMs: brokers, Kafka's tools, scripts). */
export const SLOW_SPEC_FILES: readonly string[] = [
  'specs/kafka/verify-your-cluster.spec.ts',
  'specs/kafka/step-8-create-topics-script.spec.ts',
  'specs/kafka/docs-by-hand-commands.spec.ts',
  'specs/kafka/step-7-oversized-records.spec.ts',
  'specs/kafka/step-8-start-kafka-script.spec.ts',
  'specs/kafka/cli-steps-3-5-with-kafka-tools.spec.ts',
  'specs/kafka/verify-least-privilege.spec.ts',
  'specs/kafka/step-7-dead-letter-route.spec.ts',
  'specs/kafka/step-7-redelivery.spec.ts',
  'specs/kafka/step-8-shell-scripts-fail-clearly.spec.ts',
  'specs/kafka/step-8-zookeeper-mode-scripts.spec.ts',
  'specs/kafka/external-runtime-deletes-its-groups.spec.ts',
  'specs/kafka/step-8-create-topics-reports-drift.spec.ts',
];

export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const inVitestOrder = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const at = SLOW_SPEC_FILES.indexOf(relative(spec.project.config.root, spec.moduleId));
      return at === -1 ? SLOW_SPEC_FILES.length : at;
    };
    // Projects stay in vitest's order (each project's files together); inside one, the slow ones lead.
    const byProject = new Map<string, TestSpecification[]>();
    for (const spec of inVitestOrder)
      byProject.set(spec.project.name, [...(byProject.get(spec.project.name) ?? []), spec]);
    return [...byProject.values()].flatMap((specs) => [...specs].sort((a, b) => rank(a) - rank(b)));
  }
}
