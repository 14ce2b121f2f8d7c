import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { kafkaClient } from '../../support/kafka-client.js';
import { createTopics, deleteTopics, prefixedTopic } from '../../support/topics/catalog-topics.js';
import { asCreatedInStep3, RETENTION_MS } from '../../support/topics/steps-3-and-4.js';
import { readTopicConfig, topicLevelConfigs } from '../../support/lib/topics/topic-configs.js';
import { describeTopic } from '../../support/topics/topic-description.js';
import { expectLayout, expectListed, expectNotSetOnTopic, expectTopicLevelConfigs } from '../../support/topics/topic-expectations.js';
import { topicPrefix } from '../../support/topics/topic-prefix.js';

// The catalog (scripts/topic-catalog.txt) says what OrderReceived looks like; this spec's own
// prefix keeps its copy apart from every other spec and run.
const orderReceived = prefixedTopic(topicPrefix('step-3'), 'OrderReceived');
// At step 3 a person creates the topic with everything but the retention, which step 4 raises.
const asInStep3 = asCreatedInStep3(orderReceived);
const at = { step: 'step 3', topic: orderReceived.name };

describe('Step 3: create the OrderReceived topic and verify it (kafkajs admin API)', () => {
  let admin: Admin;

  beforeAll(async () => {
    admin = kafkaClient('step-3-create-the-order-received-topic').admin();
    await admin.connect();
  });

  afterAll(async () => {
    await deleteTopics(admin, [orderReceived.topic]);
    await admin.disconnect();
  });

  it(`creates it with ${orderReceived.partitions} partitions, replication factor ${orderReceived.replicationFactor} and the catalog's configs but retention.ms`, async () => {
    // createTopics fails if the topic existed already: this spec made it.
    await createTopics(admin, [asInStep3]);
  });

  it('lists it among the cluster\'s topics', async () => {
    expectListed(at, await admin.listTopics(), orderReceived.topic);
  });

  it(`describes it with ${orderReceived.partitions} partitions, replication factor ${orderReceived.replicationFactor} and a leader for every partition`, async () => {
    expectLayout(at, await describeTopic(admin, orderReceived.topic), orderReceived);
  });

  it('carries the configs it was created with, set on the topic itself', async () => {
    expectTopicLevelConfigs(at, await topicLevelConfigs(admin, orderReceived.topic), asInStep3.configs);
  });

  it('keeps the broker\'s default retention until step 4 raises it', async () => {
    const retention = await readTopicConfig(admin, orderReceived.topic, RETENTION_MS);
    expectNotSetOnTopic(at, retention);
    expect(retention.value, 'step 3: the broker reports a retention.ms for the topic').toMatch(/^-?\d+$/);
  });
});
