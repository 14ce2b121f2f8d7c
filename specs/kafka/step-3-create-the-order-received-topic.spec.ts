// Step 3 teaches what a topic is made of.
// - A topic is split into partitions: the unit of order (records of one partition are read in the
//   order they were written) and of parallelism (one consumer of a group per partition).
// - Each partition is kept on `replicationFactor` brokers; one of them, the leader, takes the
//   writes. A topic is usable once every partition has a leader.
// - A topic can set configs of its own (cleanup.policy, min.insync.replicas, ...). Anything it
//   does not set, it inherits from the broker: here retention.ms, which step 4 raises.
// The values come from the topic catalog (scripts/topic-catalog.txt), the one home of the topics'
// settings; each test uses a topic name of its own, so no test depends on another.
import kafkajs from 'kafkajs';
import { describe, expect } from 'vitest';
import { it } from '#support/fixtures/index.js';
import { configSourceName, waitForLeaders } from '@kafka-event-spec/events';
import {
  asCreatedInStep3,
  describeTopic,
  expectLayout,
  expectListed,
  expectNotSetOnTopic,
  expectTopicLevelConfigs,
  prefixedTopic,
  RETENTION_MS,
  topicPrefix,
} from '#support/topics/index.js';

const { ConfigResourceTypes, ConfigSource } = kafkajs;

// The topic the reading tests look at, created once before them as step 3 does (the first test
// shows the call, on a topic of its own).
const orderReceived = prefixedTopic(topicPrefix('step-3'), 'OrderReceived');
// At step 3 a person creates the topic with everything but the retention, which step 4 raises.
const asInStep3 = asCreatedInStep3(orderReceived);
const at = { step: 'step 3', topic: orderReceived.name };
const LEADERS_TIMEOUT_MS = 30_000;

describe('Step 3: create the OrderReceived topic and verify it (kafkajs admin API)', { timeout: 60_000 }, () => {
  it.beforeAll(async ({ ownTopics }) => {
    await ownTopics.create([asInStep3]);
  });

  it(`creates it with ${orderReceived.partitions} partitions, replication factor ${orderReceived.replicationFactor} and the catalog's configs but retention.ms`, async ({
    admin,
    ownTopics,
  }) => {
    const { topic } = ownTopics.name('step-3-create', 'OrderReceived');

    const created = await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: asInStep3.partitions,
          replicationFactor: asInStep3.replicationFactor,
          configEntries: Object.entries(asInStep3.configs).map(([name, value]) => ({ name, value })),
        },
      ],
      // kafkajs' own wait for leaders trips over KRaft's UNKNOWN_TOPIC_OR_PARTITION (tulios/kafkajs#1563).
      waitForLeaders: false,
    });
    // createTopics resolves false, without an error, when the topic existed already.
    expect(created, `step 3: admin.createTopics should create ${topic}, a name no one used before`).toBe(true);
    await waitForLeaders(admin, [topic], LEADERS_TIMEOUT_MS);
    expectLayout(at, await describeTopic(admin, topic), asInStep3);
  });

  it("lists it among the cluster's topics", async ({ admin }) => {
    expectListed(at, await admin.listTopics(), orderReceived.topic);
  });

  it(`describes it with ${orderReceived.partitions} partitions, replication factor ${orderReceived.replicationFactor} and a leader for every partition`, async ({
    admin,
  }) => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [orderReceived.topic] });

    const partitions = topics[0]?.partitions ?? [];
    expectLayout(
      at,
      {
        topic: orderReceived.topic,
        // Kafka reports leader -1 for a partition without one.
        partitions: partitions.map((p) => ({
          partition: p.partitionId,
          leader: p.leader >= 0 ? p.leader : undefined,
          replicas: p.replicas,
          isr: p.isr,
        })),
      },
      asInStep3,
    );
  });

  it('carries the configs it was created with, set on the topic itself (config source TOPIC_CONFIG)', async ({
    admin,
  }) => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: orderReceived.topic }],
    });

    // configSource says where a value comes from: TOPIC_CONFIG is the topic's own, the rest inherited.
    const setOnTopic = (resources[0]?.configEntries ?? [])
      .filter((entry) => entry.configSource === ConfigSource.TOPIC_CONFIG)
      .map((entry) => [entry.configName, entry.configValue] as const);
    expectTopicLevelConfigs(at, Object.fromEntries(setOnTopic), asInStep3.configs);
  });

  it("keeps the broker's default retention until step 4 raises it", async ({ admin }) => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: orderReceived.topic, configNames: [RETENTION_MS] }],
    });

    const retention = resources[0]?.configEntries.find((entry) => entry.configName === RETENTION_MS);
    expect(retention, `step 3: describeConfigs shows no ${RETENTION_MS} for OrderReceived`).toBeDefined();
    expectNotSetOnTopic(at, {
      name: RETENTION_MS,
      value: retention?.configValue ?? '',
      source: retention === undefined ? 'nowhere' : configSourceName(retention.configSource),
      setOnTopic: retention?.configSource === ConfigSource.TOPIC_CONFIG,
    });
    expect(retention?.configValue, 'step 3: the broker reports a retention.ms for the topic').toMatch(/^-?\d+$/);
  });
});
