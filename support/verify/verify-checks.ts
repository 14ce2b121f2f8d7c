/**
 * The milestone's checks on the user's own topics, as findings: for each step and topic, what the
 * milestone expects, what the cluster has (in human units too), and the command that fixes it.
 * Pure functions over a ClusterState read beforehand, so the checks cannot write anything.
 */
import { existsSync } from 'node:fs';
import { readJsonFile } from '../examples/example-files.js';
import { detectEventType, formatValidationErrors, validateEvent } from '@kafka-event-spec/events';
import {
  addPartitionsCommand,
  alterTopicConfigsCommand,
  catalogConfigs,
  createTopicCommand,
  deleteTopicConfigsCommand,
  describeTopicCommand,
  HAND_BOOTSTRAP,
} from '../kafka-tools/kafka-cli-commands.js';
import { RETENTION_MS } from '../topics/topic-config-names.js';
import { topicRoles } from '../reporting/milestone-steps.js';
import type { CatalogTopic } from '../topics/topic-catalog.js';
import { showConfigValue } from '../topics/topic-settings.js';
import { topicLevelValues, TOPIC_CONFIG_SOURCE, type ClusterState, type ExistingTopic } from './cluster-state.js';
import type { VerifyTarget } from './verify-target.js';
import { repoPath } from '../repository/repo-root.js';

export type VerifyStep = '2' | '3' | '4' | '5';

export interface Finding {
  step: VerifyStep;
  /** The catalog name (OrderReceived), which the user recognises whatever their prefix. */
  topic: string;
  /** What was checked, e.g. "partitions" or "retention.ms". */
  check: string;
  ok: boolean;
  expected: string;
  actual: string;
  /** The commands that make it right, for the user's cluster; empty when it is right. */
  fix: string[];
  /** Why there is no single command, or what else to know. */
  note?: string;
}

const MIN_ISR = 'min.insync.replicas';
const EXAMPLES_DIR = repoPath('examples') + '/';

/** The commands of kafka-cli-commands.ts, pointed at the user's cluster rather than localhost:9092. */
export interface CommandTarget {
  bootstrap: string;
  /** TLS or SASL: Kafka's tools then need a --command-config file with the same settings. */
  secured: boolean;
}

export function commandTarget(target: Pick<VerifyTarget, 'brokers' | 'tls' | 'sasl'>): CommandTarget {
  return { bootstrap: target.brokers.join(','), secured: target.tls !== undefined || target.sasl !== undefined };
}

function forCluster(command: string, to: CommandTarget): string {
  const pointed = command.replaceAll(`--bootstrap-server ${HAND_BOOTSTRAP}`, `--bootstrap-server ${to.bootstrap}`);
  return to.secured ? `${pointed} --command-config client.properties` : pointed;
}

/** The catalog topic under the name it has on the cluster, so the builders print that name. */
function onCluster(topic: CatalogTopic, prefix: string): CatalogTopic {
  return { ...topic, name: `${prefix}${topic.name}` };
}

interface Context {
  catalog: CatalogTopic[];
  prefix: string;
  to: CommandTarget;
  state: ClusterState;
}

/** A finding as a check states it: `ok` follows (no fix, no note, and what it got is what it expected). */
type FindingInput = Omit<Finding, 'ok' | 'fix'> & {
  /** The commands that make it right; none unless given. */
  fix?: string[];
};

function finding({ step, topic, check, expected, actual, fix = [], note }: FindingInput): Finding {
  const ok = fix.length === 0 && note === undefined && expected === actual;
  return note === undefined
    ? { step, topic, check, ok, expected, actual, fix }
    : { step, topic, check, ok, expected, actual, fix, note };
}

/** A check that passed: the value it found is the one it expected. */
interface Passed {
  step: VerifyStep;
  topic: string;
  check: string;
  value: string;
}

function passed({ step, topic, check, value }: Passed): Finding {
  return { step, topic, check, ok: true, expected: value, actual: value, fix: [] };
}

/** Steps 3 and 5, per topic: it exists, partitions, replication factor, a leader and enough in-sync replicas per partition. */
function layoutFindings(step: VerifyStep, entry: CatalogTopic, ctx: Context): Finding[] {
  const existing = ctx.state.topics[entry.name] ?? null;
  const real = onCluster(entry, ctx.prefix);
  if (existing === null) {
    return [
      finding({
        step,
        topic: entry.name,
        check: 'exists',
        expected: `topic ${real.name}`,
        actual: 'no such topic on the cluster',
        fix: [forCluster(createTopicCommand(real, catalogConfigs(entry)), ctx.to)],
      }),
    ];
  }
  const findings = [passed({ step, topic: entry.name, check: 'exists', value: `topic ${real.name}` })];
  const partitions = existing.partitions.length;
  if (partitions === entry.partitions)
    findings.push(passed({ step, topic: entry.name, check: 'partitions', value: String(entry.partitions) }));
  else if (partitions < entry.partitions) {
    findings.push(
      finding({
        step,
        topic: entry.name,
        check: 'partitions',
        expected: String(entry.partitions),
        actual: String(partitions),
        fix: [forCluster(addPartitionsCommand(real), ctx.to)],
      }),
    );
  } else {
    findings.push(
      finding({
        step,
        topic: entry.name,
        check: 'partitions',
        expected: String(entry.partitions),
        actual: String(partitions),
        note: `a topic cannot lose partitions: delete and recreate ${real.name} with ${entry.partitions} (its data is lost)`,
      }),
    );
  }
  const factor = existing.partitions[0]?.replicas.length ?? 0;
  if (factor === entry.replicationFactor)
    findings.push(passed({ step, topic: entry.name, check: 'replication factor', value: String(factor) }));
  else {
    findings.push(
      finding({
        step,
        topic: entry.name,
        check: 'replication factor',
        expected: String(entry.replicationFactor),
        actual: String(factor),
        note: `${forCluster(`kafka-reassign-partitions.sh --bootstrap-server ${ctx.to.bootstrap} --execute --reassignment-json-file <a plan with ${entry.replicationFactor} replicas per partition>`, ctx.to)} changes it`,
      }),
    );
  }
  const see = forCluster(describeTopicCommand(real.name), ctx.to);
  const minIsr = Number(existing.configs[MIN_ISR]?.value ?? '1');
  for (const p of existing.partitions) {
    if (p.leader === undefined) {
      findings.push(
        finding({
          step,
          topic: entry.name,
          check: `partition ${p.partition} leader`,
          expected: 'a leader',
          actual: 'none',
          note: `a replica's broker is down; see ${see} --unavailable-partitions`,
        }),
      );
    }
    if (p.isr.length < minIsr) {
      findings.push(
        finding({
          step,
          topic: entry.name,
          check: `partition ${p.partition} in-sync replicas`,
          expected: `at least ${minIsr} (${MIN_ISR})`,
          actual: `${p.isr.length} (isr [${p.isr.join(',')}])`,
          note: `under-replicated: bring its replicas' brokers back; see ${see} --under-min-isr-partitions`,
        }),
      );
    }
  }
  if (existing.partitions.every((p) => p.leader !== undefined && p.isr.length >= minIsr)) {
    findings.push(
      passed({
        step,
        topic: entry.name,
        check: 'a leader and enough in-sync replicas per partition',
        value: `all ${partitions} partitions, ${MIN_ISR}=${minIsr}`,
      }),
    );
  }
  return findings;
}

/** One topic's topic-level configs, compared with the ones it should have. */
interface ConfigComparison {
  step: VerifyStep;
  entry: CatalogTopic;
  existing: ExistingTopic;
  expected: Readonly<Record<string, string>>;
  /** Where the expected value of a config comes from, shown after it: "the catalog says", "on OrderReceived". */
  expectedFrom: string | ((name: string) => string);
  /** Configs left out of the comparison. */
  ignore: (name: string) => boolean;
  /** The note for a config that already has the catalog's value (the expected one is what is wrong). */
  whenAlreadyCatalog?: string;
}

/** One finding per config that differs; `fix` says how to bring that config to the catalog. */
function configFindings(
  ctx: Context,
  { step, entry, existing, expected, expectedFrom, ignore, whenAlreadyCatalog }: ConfigComparison,
): Finding[] {
  const actual = topicLevelValues(existing);
  const real = onCluster(entry, ctx.prefix);
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].filter((name) => !ignore(name)).sort();
  const differing = names.filter((name) => expected[name] !== actual[name]);
  if (differing.length === 0) {
    const shown = names.map((name) => `${name}=${expected[name] ?? ''}`).join(',');
    return [passed({ step, topic: entry.name, check: 'topic-level configs', value: shown === '' ? '(none)' : shown })];
  }
  return differing.map((name) => {
    const want = entry.configs[name];
    const from = typeof expectedFrom === 'string' ? expectedFrom : expectedFrom(name);
    const shownExpected = `${showConfigValue(name, expected[name])}, as ${from}`;
    const shownActual = showConfigValue(name, actual[name]);
    if (want !== undefined && actual[name] === want && whenAlreadyCatalog !== undefined) {
      return finding({
        step,
        topic: entry.name,
        check: name,
        expected: shownExpected,
        actual: shownActual,
        note: whenAlreadyCatalog,
      });
    }
    const fix =
      want === undefined
        ? deleteTopicConfigsCommand(real, [name])
        : alterTopicConfigsCommand(real, [`${name}=${want}`]);
    return finding({
      step,
      topic: entry.name,
      check: name,
      expected: shownExpected,
      actual: shownActual,
      fix: [forCluster(fix, ctx.to)],
    });
  });
}

/** Step 4: the retention is the catalog's, set on the topic itself (an inherited default does not count). */
function retentionFindings(entry: CatalogTopic, ctx: Context): Finding[] {
  const want = entry.configs[RETENTION_MS];
  if (want === undefined) return [];
  const real = onCluster(entry, ctx.prefix);
  const fix = [forCluster(alterTopicConfigsCommand(real, [`${RETENTION_MS}=${want}`]), ctx.to)];
  const expected = `${showConfigValue(RETENTION_MS, want)}, set on the topic`;
  const existing = ctx.state.topics[entry.name] ?? null;
  if (existing === null) {
    return [
      finding({
        step: '4',
        topic: entry.name,
        check: RETENTION_MS,
        expected,
        actual: 'no such topic on the cluster',
        note: `step 3's fix creates ${real.name} with it`,
      }),
    ];
  }
  const config = existing.configs[RETENTION_MS];
  if (config === undefined)
    return [
      finding({
        step: '4',
        topic: entry.name,
        check: RETENTION_MS,
        expected,
        actual: 'the broker reports no retention.ms',
        fix,
      }),
    ];
  if (config.source !== TOPIC_CONFIG_SOURCE) {
    return [
      finding({
        step: '4',
        topic: entry.name,
        check: RETENTION_MS,
        expected,
        actual: `${showConfigValue(RETENTION_MS, config.value)}, not set on the topic: inherited from ${config.source} (the broker's default does not count: set it on the topic)`,
        fix,
      }),
    ];
  }
  if (config.value !== want)
    return [
      finding({
        step: '4',
        topic: entry.name,
        check: RETENTION_MS,
        expected,
        actual: `${showConfigValue(RETENTION_MS, config.value)}, set on the topic`,
        fix,
      }),
    ];
  return [passed({ step: '4', topic: entry.name, check: RETENTION_MS, value: expected })];
}

/** Step 2: each catalog topic's example (examples/<event>.json) is a valid event. Needs no broker. */
export function exampleFindings(catalog: CatalogTopic[]): Finding[] {
  return catalog.map((entry) => {
    const file = `examples/${entry.event}.json`;
    const path = `${EXAMPLES_DIR}${entry.event}.json`;
    if (!existsSync(path))
      return finding({
        step: '2',
        topic: entry.name,
        check: file,
        expected: 'a valid example',
        actual: 'no such file',
        note: `add ${file}, or fix the event column of the catalog`,
      });
    const value = readJsonFile(path);
    const type = detectEventType(value);
    if (type === undefined)
      return finding({
        step: '2',
        topic: entry.name,
        check: file,
        expected: 'a valid example',
        actual: 'its "type" is none of the five events',
        note: `npx vitest run specs/contracts/step-2-examples.spec.ts shows why`,
      });
    const result = validateEvent(type, value);
    if (!result.ok) {
      return finding({
        step: '2',
        topic: entry.name,
        check: file,
        expected: `a valid ${type}`,
        actual: formatValidationErrors(result.errors).join('; '),
        note: `npx vitest run specs/contracts/step-2-examples.spec.ts shows why`,
      });
    }
    return passed({ step: '2', topic: entry.name, check: file, value: `a valid ${type}` });
  });
}

/** Steps 3, 4 and 5 on the cluster's topics. */
export function clusterFindings(
  target: Pick<VerifyTarget, 'brokers' | 'tls' | 'sasl' | 'catalog' | 'prefix'>,
  state: ClusterState,
): Finding[] {
  const ctx: Context = { catalog: target.catalog, prefix: target.prefix, to: commandTarget(target), state };
  const { first, others } = topicRoles(target.catalog);
  const findings: Finding[] = [...layoutFindings('3', first, ctx)];
  const reference = state.topics[first.name] ?? null;
  if (reference !== null) {
    // Step 3 creates it with the catalog's configs; its retention is step 4's.
    findings.push(
      ...configFindings(ctx, {
        step: '3',
        entry: first,
        existing: reference,
        expected: first.configs,
        expectedFrom: 'the catalog says',
        ignore: (name) => name === RETENTION_MS,
      }),
    );
  }
  findings.push(...retentionFindings(first, ctx));
  for (const entry of others) {
    findings.push(...layoutFindings('5', entry, ctx));
    const existing = state.topics[entry.name] ?? null;
    if (existing === null) continue;
    if (reference === null) {
      // Nothing to be the same as: the milestone alone (step 3's fix creates OrderReceived).
      findings.push(
        ...configFindings(ctx, {
          step: '5',
          entry,
          existing,
          expected: entry.configs,
          expectedFrom: 'the milestone (the catalog) says',
          ignore: () => false,
        }),
      );
      continue;
    }
    // Compared with the milestone (the catalog) directly, so that one round shows every difference;
    // said "as on OrderReceived" where OrderReceived has the same value.
    const referenceValues = topicLevelValues(reference);
    findings.push(
      ...configFindings(ctx, {
        step: '5',
        entry,
        existing,
        expected: entry.configs,
        expectedFrom: (name) =>
          referenceValues[name] === entry.configs[name] ? `on ${first.name}` : 'the milestone (the catalog) says',
        ignore: () => false,
      }),
    );
    // The extra finding: configured like OrderReceived. Where OrderReceived is off the milestone, its
    // own findings (steps 3 and 4) say so; left is a catalog that configures the two unlike.
    const actual = topicLevelValues(existing);
    const unlike = Object.keys({ ...referenceValues, ...actual })
      .filter(
        (name) =>
          referenceValues[name] !== actual[name] &&
          actual[name] === entry.configs[name] &&
          referenceValues[name] === first.configs[name],
      )
      .sort();
    for (const name of unlike) {
      findings.push(
        finding({
          step: '5',
          topic: entry.name,
          check: `${name}, the same as ${first.name}'s`,
          expected: `${showConfigValue(name, referenceValues[name])}, as on ${first.name}`,
          actual: showConfigValue(name, actual[name]),
          note: `your catalog configures ${entry.name} unlike ${first.name}, where the milestone asks one configuration for all five: fix the catalog`,
        }),
      );
    }
  }
  return findings;
}

/** e.g. "step 4: OrderReceived retention.ms: expected 259200000 (3 days), set on the topic; got 10800000 (3 hours), set on the topic" and the fix. */
export function describeFinding(f: Finding): string {
  const lines = [`step ${f.step}: ${f.topic} ${f.check}: expected ${f.expected}; got ${f.actual}`];
  for (const command of f.fix) lines.push(`  fix: ${command}`);
  // Labelled "note", never "fix": the fix lines are commands, gathered into one block (fixBlock).
  if (f.note !== undefined) lines.push(`  note: ${f.note}`);
  return lines.join('\n');
}
