import { describe, expect } from 'vitest';
import { it } from '#support/fixtures/index.js';
import { ConfigResourceTypes } from '#support/lib/index.js';
import { readTopicConfig, topicLevelConfigs, waitForTopicLevelConfigs } from '#support/lib/topics/index.js';
import { asCreatedInStep3, catalogRetention, prefixedTopic, RETENTION_MS, topicPrefix } from '#support/topics/index.js';

// A teaching spec: why step 4 goes through setTopicConfigs (support/lib/topics/topic-configs.ts)
// instead of calling kafkajs' alterConfigs with the one config it changes.
const orderReceived = prefixedTopic(topicPrefix('step-4-naive'), 'OrderReceived');
const asInStep3 = asCreatedInStep3(orderReceived);
const otherConfigs = Object.keys(asInStep3.configs);

describe(
  "Step 4, a pitfall: kafkajs alterConfigs replaces ALL of a topic's configs (legacy AlterConfigs request)",
  { timeout: 60_000 },
  () => {
    it.beforeAll(async ({ ownTopics }) => {
      await ownTopics.create([asInStep3]);
    });

    it(`before: the topic sets ${otherConfigs.join(' and ')} itself`, async ({ admin }) => {
      expect(otherConfigs.length, 'the catalog gives OrderReceived configs besides retention.ms').toBeGreaterThan(0);
      expect(
        await topicLevelConfigs(admin, orderReceived.topic),
        "step 4: OrderReceived's topic-level configs as step 3 created them",
      ).toEqual(asInStep3.configs);
    });

    it('a naive alterConfigs that sends only retention.ms sets it...', async ({ admin }) => {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: orderReceived.topic,
            configEntries: [{ name: RETENTION_MS, value: catalogRetention(orderReceived) }],
          },
        ],
      });
      // The broker applies the change a moment after the call returns: wait until it shows.
      await waitForTopicLevelConfigs(
        admin,
        orderReceived.topic,
        (configs) => configs[RETENTION_MS] === catalogRetention(orderReceived),
      );
      const retention = await readTopicConfig(admin, orderReceived.topic, RETENTION_MS);
      expect(
        retention.setOnTopic,
        `step 4: OrderReceived retention.ms must be set on the topic after alterConfigs (source ${retention.source})`,
      ).toBe(true);
      expect(retention.value, 'step 4: OrderReceived retention.ms after alterConfigs').toBe(
        catalogRetention(orderReceived),
      );
    });

    it(`...and silently drops ${otherConfigs.join(' and ')}: the topic now inherits them from the broker`, async ({
      admin,
    }) => {
      expect(
        await topicLevelConfigs(admin, orderReceived.topic),
        "step 4: OrderReceived's topic-level configs after a kafkajs alterConfigs that sent only retention.ms",
      ).toEqual({ [RETENTION_MS]: catalogRetention(orderReceived) });
      for (const name of otherConfigs) {
        const config = await readTopicConfig(admin, orderReceived.topic, name);
        // The value may even look unchanged (a broker default can be equal): what is lost is that the topic sets it.
        expect(config.setOnTopic, `${name} should no longer be set on the topic (source now ${config.source})`).toBe(
          false,
        );
      }
    });
  },
);
