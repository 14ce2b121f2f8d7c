import { describe, expect } from 'vitest';
import { it } from '#support/fixtures/index.js';
import {
  kafkaConfigsAlterTopic,
  kafkaConfigsDescribeTopic,
  kafkaConfigsDescribeTopics,
  kafkaToolsForRun,
  kafkaTopicsCreate,
  kafkaTopicsDescribe,
  kafkaTopicsDescribeMatching,
  kafkaTopicsList,
  shellCommand,
  topicsStartingWith,
} from '#support/kafka-tools/index.js';
import { brokerOfThisRun, notRunHere } from '#support/run/index.js';
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
// $BOOTSTRAP for the broker's address.
const REFERENCE = 'OrderReceived';
const SHOWN_PREFIX = '${PREFIX}';
const TOOL_TIMEOUT_MS = 120_000;

const broker = brokerOfThisRun();
const access = await kafkaToolsForRun(broker);
const prefix = topicPrefix('cli');
const topics = prefixed(prefix);
const orderReceived = topics.find((t) => t.name === REFERENCE);
if (orderReceived === undefined) throw new Error(`the topic catalog has no ${REFERENCE}`);
const others = topics.filter((t) => t !== orderReceived);
const asInStep3 = asCreatedInStep3(orderReceived);

/** The same topic under the placeholder prefix, for a test title that is the same on every run. */
const shown = (topic: PrefixedTopic): PrefixedTopic => ({ ...topic, topic: `${SHOWN_PREFIX}${topic.name}` });
const shownName = (topic: PrefixedTopic): string => shown(topic).topic;

if (!access.available) {
  describe("Steps 3-5 with Kafka's command-line tools", () => {
    notRunHere(
      'create, verify and configure the five topics with kafka-topics and kafka-configs',
      `steps 3-5 with Kafka's tools cannot run here: ${access.reason}`,
    );
  });
} else {
  const { tools } = access;

  describe(`Steps 3-5 with Kafka's command-line tools (${tools.description})`, { timeout: TOOL_TIMEOUT_MS }, () => {
    /** Each topic's settings as kafka-topics and kafka-configs showed them in step 5. */
    const seen = new Map<string, TopicSettings>();

    it.beforeAll(({ ownTopics }) => {
      // The tools create them; the file owns them, so they are deleted after it.
      ownTopics.own(topics);
      console.info(`steps 3-5 with Kafka's tools: PREFIX=${prefix} BOOTSTRAP=${tools.bootstrap}`);
    });

    describe(`Step 3: create the ${REFERENCE} topic and verify it`, () => {
      const at = { step: 'step 3', topic: REFERENCE };

      it(`$ ${shellCommand(kafkaTopicsCreate(shown(asInStep3)))}`, async () => {
        const output = await tools.run(kafkaTopicsCreate(asInStep3));
        expect(output).toContain(`Created topic ${orderReceived.topic}.`);
      });

      it(`$ ${shellCommand(kafkaTopicsList())}   # lists it`, async () => {
        expectListed(at, await tools.run(kafkaTopicsList()), orderReceived.topic);
      });

      it(`$ ${shellCommand(kafkaTopicsDescribe(shownName(orderReceived)))}   # ${orderReceived.partitions} partitions, replication factor ${orderReceived.replicationFactor}, a leader for each`, async () => {
        expectLayout(at, await tools.run(kafkaTopicsDescribe(orderReceived.topic)), orderReceived);
      });
    });

    describe(`Step 4: raise ${REFERENCE}'s retention to three days`, () => {
      const at = { step: 'step 4', topic: REFERENCE };
      const raise = { [RETENTION_MS]: catalogRetention(orderReceived) };

      it(`$ ${shellCommand(kafkaConfigsAlterTopic(shownName(orderReceived), raise))}`, async () => {
        const output = await tools.run(kafkaConfigsAlterTopic(orderReceived.topic, raise));
        expect(output).toContain(`Completed updating config for topic ${orderReceived.topic}`);
      });

      // kafka-configs --describe lists only what is set on the topic itself, so finding
      // retention.ms there proves it is not inherited from the broker's default.
      it(`$ ${shellCommand(kafkaConfigsDescribeTopic(shownName(orderReceived)))}   # ${RETENTION_MS}=259200000 (3 days) on the topic; its other configs kept`, async () => {
        const configs = await tools.run(kafkaConfigsDescribeTopic(orderReceived.topic));
        expectRetention(at, configs[RETENTION_MS], THREE_DAYS_MS);
        expectTopicLevelConfigs(at, configs, orderReceived.configs);
      });
    });

    describe(`Step 5: create ${others.map((t) => t.name).join(', ')} with the same configuration`, () => {
      for (const topic of others) {
        it(`$ ${shellCommand(kafkaTopicsCreate(shown(topic)))}`, async () => {
          const output = await tools.run(kafkaTopicsCreate(topic));
          expect(output).toContain(`Created topic ${topic.topic}.`);
        });
      }

      // Two commands for all five topics: every command starts a JVM, which costs seconds.
      it(`$ ${shellCommand(kafkaTopicsDescribeMatching(`${SHOWN_PREFIX}.*`))}; ${shellCommand(kafkaConfigsDescribeTopics())}`, async () => {
        const [descriptions, configs] = await Promise.all([
          tools.run(kafkaTopicsDescribeMatching(topicsStartingWith(prefix))),
          tools.run(kafkaConfigsDescribeTopics()),
        ]);
        for (const topic of topics) {
          const description = descriptions.get(topic.topic);
          const topicConfigs = configs.get(topic.topic);
          expect(description, `step 5: kafka-topics --describe did not show ${topic.name}`).toBeDefined();
          expect(topicConfigs, `step 5: kafka-configs --describe did not show ${topic.name}`).toBeDefined();
          if (description !== undefined && topicConfigs !== undefined)
            seen.set(topic.name, topicSettings(description, topicConfigs));
        }
      });

      it.each(others.map((t) => t.name))(
        `%s has ${REFERENCE}'s partitions, replication factor and topic-level configs`,
        (name) => {
          const reference = seen.get(REFERENCE);
          const created = seen.get(name);
          expect(reference, `step 5: ${REFERENCE} was not described`).toBeDefined();
          expect(created, `step 5: ${name} was not described`).toBeDefined();
          if (reference === undefined || created === undefined) return;
          expectSameSettings('step 5', { label: REFERENCE, value: reference }, { label: name, value: created });
        },
      );
    });

    it('a program sees what the commands made: kafkajs reads the same partitions, replication factor and topic-level configs', async ({
      admin,
    }) => {
      for (const topic of topics) {
        const viaTools = seen.get(topic.name);
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
}
