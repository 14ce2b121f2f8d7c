import { describe } from 'vitest';
import { it } from '#support/fixtures/index.js';
import { expectSameSettings, prefixed, readTopicSettings, topicPrefix } from '#support/topics/index.js';

const REFERENCE = 'OrderReceived';
const topics = prefixed(topicPrefix('step-5'));
const orderReceived = topics.find((t) => t.name === REFERENCE);
if (orderReceived === undefined) throw new Error(`the topic catalog has no ${REFERENCE}`);
const others = topics.filter((t) => t !== orderReceived);

describe(
  `Step 5: create ${others.map((t) => t.name).join(', ')} with the same configuration as ${REFERENCE} (kafkajs admin API)`,
  { timeout: 60_000 },
  () => {
    it.beforeAll(async ({ ownTopics }) => {
      // Given OrderReceived as steps 3 and 4 left it.
      await ownTopics.createAsAfterStep4(orderReceived);
    });

    it(`creates the ${others.length} topics from the catalog`, async ({ ownTopics }) => {
      await ownTopics.create(others);
    });

    it.for(others.map((t) => [t.name, t] as const))(
      `%s has ${REFERENCE}'s partitions, replication factor and topic-level configs`,
      async ([name, topic], { admin }) => {
        const [reference, created] = await Promise.all([
          readTopicSettings(admin, orderReceived.topic),
          readTopicSettings(admin, topic.topic),
        ]);
        expectSameSettings('step 5', { label: REFERENCE, value: reference }, { label: name, value: created });
      },
    );
  },
);
