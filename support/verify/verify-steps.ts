/**
 * The checks `npm run verify` makes on the user's cluster, step by step: one home for both ways
 * they run. The verify specs (specs/verify/) turn each check into a vitest test, for `npm test`
 * with KAFKA_BROKERS or KAFKA_READ_ONLY; `npm run verify` runs the same checks without a test
 * runner (support/cli/verify.ts), because the learner runs it after every command they type.
 */
import { humanDuration } from '../reporting/duration.js';
import { topicRoles } from '../reporting/milestone-steps.js';
import { RETENTION_MS } from '../topics/topic-config-names.js';
import type { ClusterState } from './cluster-state.js';
import { clusterFindings, describeFinding, exampleFindings, type Finding, type VerifyStep } from './verify-checks.js';
import type { VerifyTarget } from './verify-target.js';

/** One check: a test under vitest, a testcase in verify's JUnit report. */
export interface VerifyCheck {
  /** The catalog topic it is about (its findings are this step's for this topic). */
  topic: string;
  /** e.g. "OrderReceived: retention.ms=259200000 (3 days), set on the topic". */
  name: string;
  /** Why it cannot be checked, when it cannot (it is then not run, never a pass). */
  notRunBecause?: string;
}

export interface VerifyStepChecks {
  step: VerifyStep;
  /** The spec file that holds this step's tests under vitest; its name gives the step's number. */
  file: string;
  /** e.g. "Your cluster, step 4: OrderReceived's retention". */
  title: string;
  checks: VerifyCheck[];
}

type Target = Pick<VerifyTarget, 'catalog' | 'prefix'>;

/** The four steps verify checks, in order, with their checks drawn from the catalog. */
export function verifySteps(target: Target): VerifyStepChecks[] {
  const { first, others } = topicRoles(target.catalog);
  const retention = first.configs[RETENTION_MS];
  return [
    {
      step: '2',
      file: 'specs/verify/step-2-your-examples.spec.ts',
      title: "Your cluster, step 2: the example of each topic's event validates against its schema",
      checks: target.catalog.map((t) => ({ topic: t.name, name: `${t.name}: examples/${t.event}.json is valid` })),
    },
    {
      step: '3',
      file: 'specs/verify/step-3-your-order-received-topic.spec.ts',
      title: `Your cluster, step 3: ${target.prefix}${first.name} exists as the catalog says`,
      checks: [
        {
          topic: first.name,
          name: `${first.name}: ${first.partitions} partitions, replication factor ${first.replicationFactor}, a leader and enough in-sync replicas per partition, the catalog's configs`,
        },
      ],
    },
    {
      step: '4',
      file: 'specs/verify/step-4-your-retention.spec.ts',
      title: `Your cluster, step 4: ${target.prefix}${first.name}'s retention`,
      checks: [
        {
          topic: first.name,
          name: `${first.name}: ${RETENTION_MS}=${retention ?? '(none in the catalog)'} (${humanDuration(Number(retention))}), set on the topic`,
          ...(retention === undefined ? { notRunBecause: `the catalog gives ${first.name} no ${RETENTION_MS}` } : {}),
        },
      ],
    },
    {
      step: '5',
      file: 'specs/verify/step-5-your-other-topics.spec.ts',
      title: `Your cluster, step 5: the other topics are configured like ${first.name}`,
      checks: others.map((t) => ({
        topic: t.name,
        name: `${t.name}: exists as the catalog says, with ${first.name}'s topic-level configs`,
      })),
    },
  ];
}

export function verifyStep(target: Target, step: VerifyStep): VerifyStepChecks {
  const found = verifySteps(target).find((s) => s.step === step);
  if (found === undefined) throw new Error(`verify has no step ${step}`);
  return found;
}

/** Every finding of the run: step 2's need no broker, steps 3 to 5 read the cluster's state. */
export function verifyFindings(target: VerifyTarget, state: ClusterState): Finding[] {
  return [...exampleFindings(target.catalog), ...clusterFindings(target, state)];
}

/** A check's verdict from the findings: its differences (expected vs actual and the fix) if any. */
export type CheckVerdict = { kind: 'pass' } | { kind: 'fail'; message: string };

export function checkVerdict(findings: readonly Finding[], step: VerifyStep, topic: string): CheckVerdict {
  const mine = findings.filter((f) => f.step === step && f.topic === topic);
  // A topic with no finding at all is not proven either.
  if (mine.length === 0) return { kind: 'fail', message: `step ${step}: nothing was checked for ${topic}` };
  const differences = mine.filter((f) => !f.ok);
  if (differences.length === 0) return { kind: 'pass' };
  return { kind: 'fail', message: differences.map(describeFinding).join('\n') };
}
