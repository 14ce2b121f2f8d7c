import { describe, expect } from 'vitest';
import { it } from '#support/fixtures/index.js';
import { readTopicConfig, topicLevelConfigs } from '#support/lib/topics/index.js';
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

// The catalog (scripts/topic-catalog.txt) says what OrderReceived looks like; this spec's own
// prefix keeps its copy apart from every other spec and run.
const orderReceived = prefixedTopic(topicPrefix('step-3'), 'OrderReceived');
// At step 3 a person creates the topic with everything but the retention, which step 4 raises.
const asInStep3 = asCreatedInStep3(orderReceived);
const at = { step: 'step 3', topic: orderReceived.name };

describe('Step 3: create the OrderReceived topic and verify it (kafkajs admin API)', { timeout: 60_000 }, () => {
  it(`creates it with ${orderReceived.partitions} partitions, replication factor ${orderReceived.replicationFactor} and the catalog's configs but retention.ms`, async ({
    ownTopics,
  }) => {
    // Creating fails if the topic existed already: this spec made it. It is deleted after the file.
    await ownTopics.create([asInStep3]);
  });

  it("lists it among the cluster's topics", async ({ admin }) => {
    expectListed(at, await admin.listTopics(), orderReceived.topic);
  });

  it(`describes it with ${orderReceived.partitions} partitions, replication factor ${orderReceived.replicationFactor} and a leader for every partition`, async ({
    admin,
  }) => {
    expectLayout(at, await describeTopic(admin, orderReceived.topic), orderReceived);
  });

  it('carries the configs it was created with, set on the topic itself', async ({ admin }) => {
    expectTopicLevelConfigs(at, await topicLevelConfigs(admin, orderReceived.topic), asInStep3.configs);
  });

  it("keeps the broker's default retention until step 4 raises it", async ({ admin }) => {
    const retention = await readTopicConfig(admin, orderReceived.topic, RETENTION_MS);
    expectNotSetOnTopic(at, retention);
    expect(retention.value, 'step 3: the broker reports a retention.ms for the topic').toMatch(/^-?\d+$/);
  });
});
