// Step 5 teaches that a topic's configuration is the topic's own: creating a topic copies nothing
// from another one. Each of the other four topics gets OrderReceived's partitions, replication factor
// and configs (the 3-day retention among them) because its createTopics call says so, all of it.
// A topic created with fewer configs silently inherits the broker's defaults instead (7 days of
// retention, for one). The reference is OrderReceived as steps 3 and 4 left it, created once before
// the tests; each test creates its topic itself, under a name of its own.
import { describe, expect } from 'vitest';
import { it } from '#support/fixtures/index.js';
import { waitForLeaders } from '@kafka-event-spec/events';
import { expectSameSettings, prefixed, readTopicSettings, topicPrefix } from '#support/topics/index.js';

const REFERENCE = 'OrderReceived';
const topics = prefixed(topicPrefix('step-5'));
const orderReceived = topics.find((t) => t.name === REFERENCE);
if (orderReceived === undefined) throw new Error(`the topic catalog has no ${REFERENCE}`);
const others = topics.filter((t) => t !== orderReceived);
const LEADERS_TIMEOUT_MS = 30_000;

describe(
  `Step 5: create ${others.map((t) => t.name).join(', ')} with the same configuration as ${REFERENCE} (kafkajs admin API)`,
  { timeout: 60_000 },
  () => {
    it.beforeAll(async ({ ownTopics }) => {
      await ownTopics.createAsAfterStep4(orderReceived);
    });

    it.for(others.map((t) => [t.name, t] as const))(
      `creates %s with ${REFERENCE}'s partitions, replication factor and topic-level configs`,
      async ([name, entry], { admin, ownTopics }) => {
        const { topic } = ownTopics.name(`step-5-${name}`, name);

        // The catalog gives every topic the same settings; what it holds is exactly what is sent.
        const created = await admin.createTopics({
          topics: [
            {
              topic,
              numPartitions: entry.partitions,
              replicationFactor: entry.replicationFactor,
              configEntries: Object.entries(entry.configs).map(([configName, value]) => ({ name: configName, value })),
            },
          ],
          // kafkajs' own wait for leaders trips over KRaft's UNKNOWN_TOPIC_OR_PARTITION (tulios/kafkajs#1563).
          waitForLeaders: false,
        });
        expect(created, `step 5: admin.createTopics should create ${name} (${topic}), a name no one used before`).toBe(
          true,
        );
        await waitForLeaders(admin, [topic], LEADERS_TIMEOUT_MS);

        const [reference, other] = await Promise.all([
          readTopicSettings(admin, orderReceived.topic),
          readTopicSettings(admin, topic),
        ]);
        expectSameSettings('step 5', { label: REFERENCE, value: reference }, { label: name, value: other });
      },
    );
  },
);
