import { describe, expect, type TestContext } from 'vitest';
import { it } from '#support/fixtures/index.js';
import {
  kafkaConfigsAlterTopic,
  kafkaConfigsDescribeTopic,
  kafkaConfigsDescribeTopics,
  type KafkaTools,
  type KafkaToolsOrWhyNot,
  kafkaTopicsCreate,
  kafkaTopicsDescribe,
  kafkaTopicsDescribeMatching,
  kafkaTopicsList,
  shellCommand,
  topicsStartingWith,
} from '#support/kafka-tools/index.js';
import { Walkthrough } from '#support/scripts/index.js';
import {
  asCreatedInStep3,
  catalogRetention,
  expectLayout,
  expectListed,
  expectRetention,
  expectSameSettings,
  expectTopicLevelConfigs,
  prefixed,
  type PrefixedTopic,
  readTopicSettings,
  RETENTION_MS,
  THREE_DAYS_MS,
  topicPrefix,
  topicSettings,
  type TopicSettings,
} from '#support/topics/index.js';

// Steps 3 to 5 again, as a person does them: with Kafka's own kafka-topics and kafka-configs.
// Each test's title is the command it runs; ${PREFIX} stands for this spec's unique prefix and
// $BOOTSTRAP for the broker's address. The commands build on each other (create, then describe,
// then alter), so they run once, in order, in the hook below, which asserts nothing and records
// what each printed; each test asserts on its own command's output.
const REFERENCE = 'OrderReceived';
const SHOWN_PREFIX = '${PREFIX}';
const TOOL_TIMEOUT_MS = 120_000;

const prefix = topicPrefix('cli');
const topics = prefixed(prefix);
const orderReceived = topics.find((t) => t.name === REFERENCE);
if (orderReceived === undefined) throw new Error(`the topic catalog has no ${REFERENCE}`);
const others = topics.filter((t) => t !== orderReceived);
const asInStep3 = asCreatedInStep3(orderReceived);
const raise = { [RETENTION_MS]: catalogRetention(orderReceived) };

/** The same topic under the placeholder prefix, for a test title that is the same on every run. */
const shown = (topic: PrefixedTopic): PrefixedTopic => ({ ...topic, topic: `${SHOWN_PREFIX}${topic.name}` });
const shownName = (topic: PrefixedTopic): string => shown(topic).topic;

/** A test skips, with the reason, when Kafka's tools cannot run here: a skip, never a pass. */
function needTools(kafkaTools: KafkaToolsOrWhyNot, { skip }: Pick<TestContext, 'skip'>): void {
  if (!kafkaTools.available) skip(`steps 3-5 with Kafka's tools cannot run here: ${kafkaTools.reason}`);
}

// The walkthrough, in the order a person types it; each step is one command (or two run side by side).
const walk = new Walkthrough<KafkaTools>();
const step3Create = walk.step(`step 3: kafka-topics --create ${REFERENCE}`, (tools) =>
  tools.run(kafkaTopicsCreate(asInStep3)),
);
const step3List = walk.step('step 3: kafka-topics --list', (tools) => tools.run(kafkaTopicsList()));
const step3Describe = walk.step(`step 3: kafka-topics --describe ${REFERENCE}`, (tools) =>
  tools.run(kafkaTopicsDescribe(orderReceived.topic)),
);
const step4Alter = walk.step(`step 4: kafka-configs --alter ${REFERENCE}`, (tools) =>
  tools.run(kafkaConfigsAlterTopic(orderReceived.topic, raise)),
);
const step4Describe = walk.step(`step 4: kafka-configs --describe ${REFERENCE}`, (tools) =>
  tools.run(kafkaConfigsDescribeTopic(orderReceived.topic)),
);
const step5Creates = new Map(
  others.map((topic) => [
    topic.name,
    walk.step(`step 5: kafka-topics --create ${topic.name}`, (tools) => tools.run(kafkaTopicsCreate(topic))),
  ]),
);
// Two commands for all five topics: every command starts a JVM, which costs seconds.
const step5DescribeAll = walk.step(
  'step 5: kafka-topics --describe and kafka-configs --describe of the five',
  (tools) =>
    Promise.all([
      tools.run(kafkaTopicsDescribeMatching(topicsStartingWith(prefix))),
      tools.run(kafkaConfigsDescribeTopics()),
    ]),
);

/** A topic's settings as kafka-topics and kafka-configs showed them in step 5, if they showed it. */
function seenInStep5(name: string): TopicSettings | undefined {
  const topic = topics.find((t) => t.name === name);
  const [descriptions, configs] = step5DescribeAll.result();
  const description = topic === undefined ? undefined : descriptions.get(topic.topic);
  const topicConfigs = topic === undefined ? undefined : configs.get(topic.topic);
  return description === undefined || topicConfigs === undefined ? undefined : topicSettings(description, topicConfigs);
}

describe("Steps 3-5 with Kafka's command-line tools", { timeout: TOOL_TIMEOUT_MS }, () => {
  it.beforeAll(async ({ kafkaTools, ownTopics }) => {
    // The tools create them; the file owns them, so they are deleted after it.
    ownTopics.own(topics);
    if (!kafkaTools.available) return;
    const { tools } = kafkaTools;
    console.info(`steps 3-5 with Kafka's tools (${tools.description}): PREFIX=${prefix} BOOTSTRAP=${tools.bootstrap}`);
    await walk.run(tools);
  }, TOOL_TIMEOUT_MS * 4);

  describe(`Step 3: create the ${REFERENCE} topic and verify it`, () => {
    const at = { step: 'step 3', topic: REFERENCE };

    it(`$ ${shellCommand(kafkaTopicsCreate(shown(asInStep3)))}`, ({ kafkaTools, skip }) => {
      needTools(kafkaTools, { skip });
      expect(step3Create.result(), `step 3: what kafka-topics --create printed`).toContain(
        `Created topic ${orderReceived.topic}.`,
      );
    });

    it(`$ ${shellCommand(kafkaTopicsList())}   # lists it`, ({ kafkaTools, skip }) => {
      needTools(kafkaTools, { skip });
      expectListed(at, step3List.result(), orderReceived.topic);
    });

    it(`$ ${shellCommand(kafkaTopicsDescribe(shownName(orderReceived)))}   # ${orderReceived.partitions} partitions, replication factor ${orderReceived.replicationFactor}, a leader for each`, ({
      kafkaTools,
      skip,
    }) => {
      needTools(kafkaTools, { skip });
      expectLayout(at, step3Describe.result(), orderReceived);
    });
  });

  describe(`Step 4: raise ${REFERENCE}'s retention to three days`, () => {
    const at = { step: 'step 4', topic: REFERENCE };

    it(`$ ${shellCommand(kafkaConfigsAlterTopic(shownName(orderReceived), raise))}`, ({ kafkaTools, skip }) => {
      needTools(kafkaTools, { skip });
      expect(step4Alter.result(), `step 4: what kafka-configs --alter printed`).toContain(
        `Completed updating config for topic ${orderReceived.topic}`,
      );
    });

    // kafka-configs --describe lists only what is set on the topic itself, so finding
    // retention.ms there proves it is not inherited from the broker's default.
    it(`$ ${shellCommand(kafkaConfigsDescribeTopic(shownName(orderReceived)))}   # ${RETENTION_MS}=259200000 (3 days) on the topic; its other configs kept`, ({
      kafkaTools,
      skip,
    }) => {
      needTools(kafkaTools, { skip });
      const configs = step4Describe.result();
      expectRetention(at, configs[RETENTION_MS], THREE_DAYS_MS);
      expectTopicLevelConfigs(at, configs, orderReceived.configs);
    });
  });

  describe(`Step 5: create ${others.map((t) => t.name).join(', ')} with the same configuration`, () => {
    for (const topic of others) {
      it(`$ ${shellCommand(kafkaTopicsCreate(shown(topic)))}`, ({ kafkaTools, skip }) => {
        needTools(kafkaTools, { skip });
        expect(step5Creates.get(topic.name)?.result(), `step 5: what kafka-topics --create printed`).toContain(
          `Created topic ${topic.topic}.`,
        );
      });
    }

    it(`$ ${shellCommand(kafkaTopicsDescribeMatching(`${SHOWN_PREFIX}.*`))}; ${shellCommand(kafkaConfigsDescribeTopics())}`, ({
      kafkaTools,
      skip,
    }) => {
      needTools(kafkaTools, { skip });
      const [descriptions, configs] = step5DescribeAll.result();
      for (const topic of topics) {
        expect(
          descriptions.get(topic.topic),
          `step 5: kafka-topics --describe did not show ${topic.name}`,
        ).toBeDefined();
        expect(configs.get(topic.topic), `step 5: kafka-configs --describe did not show ${topic.name}`).toBeDefined();
      }
    });

    it.for(others.map((t) => t.name))(
      `%s has ${REFERENCE}'s partitions, replication factor and topic-level configs`,
      (name, { kafkaTools, skip }) => {
        needTools(kafkaTools, { skip });
        const reference = seenInStep5(REFERENCE);
        const created = seenInStep5(name);
        expect(reference, `step 5: ${REFERENCE} was not described`).toBeDefined();
        expect(created, `step 5: ${name} was not described`).toBeDefined();
        if (reference === undefined || created === undefined) return;
        expectSameSettings('step 5', { label: REFERENCE, value: reference }, { label: name, value: created });
      },
    );
  });

  it('a program sees what the commands made: kafkajs reads the same partitions, replication factor and topic-level configs', async ({
    admin,
    kafkaTools,
    skip,
  }) => {
    needTools(kafkaTools, { skip });
    for (const topic of topics) {
      const viaTools = seenInStep5(topic.name);
      expect(viaTools, `${topic.name} was not described with the tools`).toBeDefined();
      if (viaTools === undefined) return;
      const viaAdmin = await readTopicSettings(admin, topic.topic);
      expectSameSettings(
        'steps 3-5',
        { label: `${topic.name} per kafka-topics/kafka-configs`, value: viaTools },
        { label: 'per kafkajs', value: viaAdmin },
      );
    }
  });
});
