import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { kafkaClient } from '../../support/kafka-client.js';
import { createTopics, deleteTopics, prefixedTopic } from '../../support/topics/catalog-topics.js';
import { asCreatedInStep3, raiseRetentionAsInStep4, RETENTION_MS } from '../../support/topics/steps-3-and-4.js';
import { readTopicConfig, topicLevelConfigs } from '../../support/lib/topics/topic-configs.js';
import { expectRetention, expectSetOnTopic, expectTopicLevelConfigs } from '../../support/topics/topic-expectations.js';
// What the milestone asks for, written out rather than read from the catalog, so a wrong value in
// scripts/topic-catalog.txt fails this step instead of being checked against itself.
import { THREE_DAYS_MS } from '../../support/topics/milestone-pins.js';
import { topicPrefix } from '../../support/topics/topic-prefix.js';


const orderReceived = prefixedTopic(topicPrefix('step-4'), 'OrderReceived');
const at = { step: 'step 4', topic: orderReceived.name };

describe('Step 4: raise OrderReceived\'s retention to three days (kafkajs admin API)', () => {
  let admin: Admin;

  beforeAll(async () => {
    admin = kafkaClient('step-4-raise-retention-to-three-days').admin();
    await admin.connect();
    // Given the topic as step 3 created it: the catalog's configs, the broker's default retention.
    await createTopics(admin, [asCreatedInStep3(orderReceived)]);
  });

  afterAll(async () => {
    await deleteTopics(admin, [orderReceived.topic]);
    await admin.disconnect();
  });

  it('sets retention.ms to the catalog\'s value, sending the topic\'s other configs along (kafkajs alterConfigs replaces them all)', async () => {
    await raiseRetentionAsInStep4(admin, orderReceived);
  });

  it('describeConfigs reports retention.ms = 259200000 (3 days)', async () => {
    const retention = await readTopicConfig(admin, orderReceived.topic, RETENTION_MS);
    expectRetention(at, retention.value, THREE_DAYS_MS);
  });

  it('the retention is set on the topic itself (source TOPIC_CONFIG), not inherited from the broker\'s default', async () => {
    expectSetOnTopic(at, await readTopicConfig(admin, orderReceived.topic, RETENTION_MS));
  });

  it('the topic\'s other configs survive the change: its topic-level configs are exactly the catalog\'s', async () => {
    expectTopicLevelConfigs(at, await topicLevelConfigs(admin, orderReceived.topic), orderReceived.configs);
  });
});
