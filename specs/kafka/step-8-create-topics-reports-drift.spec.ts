/**
 * Step 8: scripts/shell/create_topics.sh's own check compares each topic with the catalog the way
 * step 5 does (partitions, replication factor and the full set of topic-level configs) and exits 1
 * naming each topic that differs, what the catalog expects and what the cluster has. Such a
 * difference is reported, not changed: a config set by hand may be someone's deliberate choice.
 */
import { describe, expect } from 'vitest';
import { it } from '#support/fixtures/index.js';
import { topicLevelConfigs } from '@kafka-event-spec/events';
import {
  createTopicsRun,
  describePlan,
  errorLines,
  resolveScriptKafka,
  runShellScript,
  type ScriptRun,
  shownScriptRun,
} from '#support/scripts/index.js';
import { describeTopic, type PrefixedTopic } from '#support/topics/index.js';

/** create_topics.sh starts a JVM per kafka-topics/kafka-configs call: seconds each on a busy 2-core machine. */
const SCRIPT_MS = 240_000;
const EXTRA_CONFIG = { name: 'segment.ms', value: '3600000' }; // 1 hour, set by hand, not in the catalog
const FEWER_PARTITIONS = 2;

const { broker, plan, prefix, topics } = await createTopicsRun('step-8-create-topics-drift');

function topicNamed(name: string): PrefixedTopic {
  const topic = topics.find((t) => t.name === name);
  if (topic === undefined) throw new Error(`the topic catalog has no ${name} topic`);
  return topic;
}

const withExtraConfig = topicNamed('Notification');
const withFewerPartitions = topicNamed('OrderConfirmed');

const shown = (run: ScriptRun): string => shownScriptRun('create_topics.sh', run);

describe(
  `Step 8: create_topics.sh reports a topic that differs from the catalog and exits 1 (${describePlan(plan)})`,
  { timeout: SCRIPT_MS },
  () => {
    let run: ScriptRun | undefined;

    it.beforeAll(async ({ ownTopics }) => {
      if (plan.kind === 'unavailable') return; // each test says why it is skipped
      const kafka = await resolveScriptKafka(plan);
      // Given the catalog's topics, two of them drifted by hand: an extra config, fewer partitions.
      await ownTopics.create([
        ...topics.filter((t) => t !== withExtraConfig && t !== withFewerPartitions),
        { ...withExtraConfig, configs: { ...withExtraConfig.configs, [EXTRA_CONFIG.name]: EXTRA_CONFIG.value } },
        { ...withFewerPartitions, partitions: FEWER_PARTITIONS },
      ]);
      run = await runShellScript('create_topics.sh', [], {
        ...kafka.env,
        BOOTSTRAP_SERVER: broker.brokers.join(','),
        TOPIC_PREFIX: prefix,
      });
    });

    const ranScript = (skip: (note: string) => never): ScriptRun => {
      if (plan.kind === 'unavailable') skip(`step 8: create_topics.sh cannot run here: ${plan.reason}`);
      if (run === undefined) throw new Error('create_topics.sh did not run (see the error of beforeAll)');
      return run;
    };

    it('exits 1 and says how many topics do not match', ({ skip }) => {
      const result = ranScript(skip);
      expect(
        result.exitCode,
        `step 8: create_topics.sh must exit 1 when topics differ from the catalog; ${shown(result)}`,
      ).toBe(1);
      expect(
        errorLines(result).at(-1),
        `step 8: create_topics.sh's last line must count the 2 topics that differ; ${shown(result)}`,
      ).toContain(`2 of ${topics.length} topics do not match`);
    });

    it(`names the topic with a config the catalog does not list: ${EXTRA_CONFIG.name}, expected not set, got ${EXTRA_CONFIG.value} (1 hour)`, ({
      skip,
    }) => {
      const result = ranScript(skip);
      expect(
        result.stderr,
        `step 8: create_topics.sh must report ${withExtraConfig.topic}'s extra ${EXTRA_CONFIG.name}; ${shown(result)}`,
      ).toContain(
        `WRONG    ${withExtraConfig.topic} ${EXTRA_CONFIG.name}: expected not set (the catalog does not list it), got ${EXTRA_CONFIG.value} (1 hour)`,
      );
    });

    it(`names the topic with ${FEWER_PARTITIONS} partitions where the catalog says ${withFewerPartitions.partitions}`, ({
      skip,
    }) => {
      const result = ranScript(skip);
      expect(
        result.stderr,
        `step 8: create_topics.sh must report ${withFewerPartitions.topic}'s partition count; ${shown(result)}`,
      ).toContain(
        `WRONG    ${withFewerPartitions.topic} partitions: expected ${withFewerPartitions.partitions}, got ${FEWER_PARTITIONS}`,
      );
    });

    it('reports the difference without changing it, and passes the topics that match', async ({ skip, admin }) => {
      const result = ranScript(skip);
      const configs = await topicLevelConfigs(admin, withExtraConfig.topic);
      expect(
        configs[EXTRA_CONFIG.name],
        `step 8: create_topics.sh must leave ${withExtraConfig.topic}'s ${EXTRA_CONFIG.name} as it found it`,
      ).toBe(EXTRA_CONFIG.value);
      const { partitions } = await describeTopic(admin, withFewerPartitions.topic);
      expect(
        partitions.length,
        `step 8: create_topics.sh must leave ${withFewerPartitions.topic}'s partitions as it found them`,
      ).toBe(FEWER_PARTITIONS);
      const matching = topics.filter((t) => t !== withExtraConfig && t !== withFewerPartitions);
      for (const t of matching)
        expect(result.stdout, `step 8: ${t.topic} matches the catalog; ${shown(result)}`).toContain(
          `OK       ${t.topic}:`,
        );
    });
  },
);
