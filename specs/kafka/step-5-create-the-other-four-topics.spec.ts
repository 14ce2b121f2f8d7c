import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { kafkaClient } from '../../support/kafka-client.js';
import { createTopics, deleteTopics, prefixed } from '../../support/topics/catalog-topics.js';
import { createAsAfterStep4 } from '../../support/topics/steps-3-and-4.js';
import { expectSameSettings } from '../../support/topics/topic-expectations.js';
import { topicPrefix } from '../../support/topics/topic-prefix.js';
import { readTopicSettings } from '../../support/topics/topic-settings.js';

const REFERENCE = 'OrderReceived';
const topics = prefixed(topicPrefix('step-5'));
const orderReceived = topics.find((t) => t.name === REFERENCE);
if (orderReceived === undefined) throw new Error(`the topic catalog has no ${REFERENCE}`);
const others = topics.filter((t) => t !== orderReceived);

describe(`Step 5: create ${others.map((t) => t.name).join(', ')} with the same configuration as ${REFERENCE} (kafkajs admin API)`, () => {
  let admin: Admin;

  beforeAll(async () => {
    admin = kafkaClient('step-5-create-the-other-four-topics').admin();
    await admin.connect();
    // Given OrderReceived as steps 3 and 4 left it.
    await createAsAfterStep4(admin, orderReceived);
  });

  afterAll(async () => {
    await deleteTopics(admin, topics.map((t) => t.topic));
    await admin.disconnect();
  });

  it(`creates the ${others.length} topics from the catalog`, async () => {
    await createTopics(admin, others);
  });

  it.each(others.map((t) => [t.name, t] as const))(
    `%s has ${REFERENCE}'s partitions, replication factor and topic-level configs`,
    async (name, topic) => {
      const [reference, created] = await Promise.all([readTopicSettings(admin, orderReceived.topic), readTopicSettings(admin, topic.topic)]);
      expectSameSettings('step 5', { label: REFERENCE, value: reference }, { label: name, value: created });
    },
  );
});
