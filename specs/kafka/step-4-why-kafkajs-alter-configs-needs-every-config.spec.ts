import kafkajs from 'kafkajs';
import { describe, expect, vi } from 'vitest';
import { it } from '#support/fixtures/index.js';
import { readTopicConfig, topicLevelConfigs } from '@kafka-event-spec/events';
import { asCreatedInStep3, catalogRetention, prefixedTopic, RETENTION_MS, topicPrefix } from '#support/topics/index.js';

const { ConfigResourceTypes } = kafkajs;

// A teaching spec: why step 4 sends every config of the topic, not only the one it changes.
// kafkajs 2.2.4's alterConfigs sends Kafka's legacy AlterConfigs request, whose meaning is "these
// are the topic's configs now": a config the request leaves out is removed from the topic, which
// then inherits the broker's default without a word. Each test starts from a topic of its own,
// created as step 3 created OrderReceived (the catalog's configs but retention.ms).
const catalogEntry = prefixedTopic(topicPrefix('step-4-naive'), 'OrderReceived');
const otherConfigs = Object.keys(asCreatedInStep3(catalogEntry).configs);
const APPLY_TIMEOUT_MS = 30_000;

describe(
  "Step 4, a pitfall: kafkajs alterConfigs replaces ALL of a topic's configs (legacy AlterConfigs request)",
  { timeout: 60_000 },
  () => {
    it(`before: the topic sets ${otherConfigs.join(' and ')} itself`, async ({ admin, ownTopics }) => {
      const topic = asCreatedInStep3(ownTopics.name('step-4-before', 'OrderReceived'));
      await ownTopics.create([topic]);

      expect(otherConfigs.length, 'the catalog gives OrderReceived configs besides retention.ms').toBeGreaterThan(0);
      expect(
        await topicLevelConfigs(admin, topic.topic),
        "step 4: OrderReceived's topic-level configs as step 3 created them",
      ).toEqual(topic.configs);
    });

    it(`a naive alterConfigs that sends only retention.ms sets it, and silently drops ${otherConfigs.join(' and ')}: the topic now inherits them from the broker`, async ({
      admin,
      ownTopics,
    }) => {
      const asInStep3 = asCreatedInStep3(ownTopics.name('step-4-naive', 'OrderReceived'));
      await ownTopics.create([asInStep3]);
      const { topic } = asInStep3;

      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: topic,
            configEntries: [{ name: RETENTION_MS, value: catalogRetention(catalogEntry) }],
          },
        ],
      });

      // The broker applies the change a moment after the call returns: wait until it shows.
      await vi.waitFor(
        async () => {
          const retention = await readTopicConfig(admin, topic, RETENTION_MS);
          expect(
            retention.value,
            `step 4: OrderReceived should show the retention.ms alterConfigs sent within ${APPLY_TIMEOUT_MS / 1000} s`,
          ).toBe(catalogRetention(catalogEntry));
        },
        { timeout: APPLY_TIMEOUT_MS, interval: 200 },
      );
      const retention = await readTopicConfig(admin, topic, RETENTION_MS);
      expect(
        retention.setOnTopic,
        `step 4: OrderReceived retention.ms must be set on the topic after alterConfigs (source ${retention.source})`,
      ).toBe(true);
      expect(
        await topicLevelConfigs(admin, topic),
        "step 4: OrderReceived's topic-level configs after a kafkajs alterConfigs that sent only retention.ms",
      ).toEqual({ [RETENTION_MS]: catalogRetention(catalogEntry) });
      for (const name of otherConfigs) {
        const config = await readTopicConfig(admin, topic, name);
        // The value may even look unchanged (a broker default can be equal): what is lost is that the topic sets it.
        expect(config.setOnTopic, `${name} should no longer be set on the topic (source now ${config.source})`).toBe(
          false,
        );
      }
    });
  },
);
